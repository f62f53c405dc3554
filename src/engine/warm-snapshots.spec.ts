import type { AnyMachineSnapshot } from 'xstate';
import { BoundedCache, WarmSnapshots } from './warm-snapshots';

const snapshot = (label: string) => ({ snapshot: { label } as unknown as AnyMachineSnapshot, lastAt: '2022-01-01T00:00:00.000Z' });

describe('WarmSnapshots', () => {
  it('gives back a snapshot only for the version it was stored at', () => {
    const warm = new WarmSnapshots();
    warm.set('a', 3, snapshot('a3'));
    expect(warm.get('a', 3)?.snapshot).toEqual({ label: 'a3' });
    expect(warm.get('a', 4)).toBeUndefined();
    // A miss on version drops the stale entry.
    expect(warm.get('a', 3)).toBeUndefined();
  });

  it('stays within its capacity, evicting the least recently used', () => {
    const warm = new WarmSnapshots(2);
    warm.set('a', 1, snapshot('a'));
    warm.set('b', 1, snapshot('b'));
    expect(warm.get('a', 1)).toBeDefined();
    warm.set('c', 1, snapshot('c'));
    expect(warm.size).toBe(2);
    expect(warm.get('b', 1)).toBeUndefined();
    expect(warm.get('a', 1)).toBeDefined();
    expect(warm.get('c', 1)).toBeDefined();
  });
});

describe('BoundedCache', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });
});
