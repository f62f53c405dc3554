import { BoundedCache } from './warm-instances';

describe('BoundedCache', () => {
  it('gives back the value last stored under a key', () => {
    const cache = new BoundedCache<number>(10);
    cache.set('a', 3);
    cache.set('a', 4);
    expect(cache.get('a')).toBe(4);
    expect(cache.get('b')).toBeUndefined();
  });

  it('drops the least recently written entry beyond its capacity; writing again keeps an entry', () => {
    const cache = new BoundedCache<string>(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('a', 'A2'); // a is now the most recently written
    cache.set('c', 'C');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A2');
    expect(cache.get('c')).toBe('C');
    expect(cache.size).toBe(2);
  });
});
