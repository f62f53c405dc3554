import type { AnyMachineSnapshot } from 'xstate';
import type { InstanceHead } from './instance-store';
import { BoundedCache, WarmSnapshots } from './warm-snapshots';

const entry = (label: string, version: number) => ({
  snapshot: { label } as unknown as AnyMachineSnapshot,
  lastAt: '2022-01-01T00:00:00.000Z',
  head: { version } as InstanceHead,
});

describe('WarmSnapshots', () => {
  it('gives back the entry last stored for an instance, with its version', () => {
    const warm = new WarmSnapshots();
    warm.set('a', entry('a3', 3));
    warm.set('a', entry('a4', 4));
    expect(warm.latest('a')?.snapshot).toEqual({ label: 'a4' });
    expect(warm.latest('a')?.head.version).toBe(4);
    expect(warm.latest('b')).toBeUndefined();
  });

  it('stays within its capacity, evicting the least recently used', () => {
    const warm = new WarmSnapshots(2);
    warm.set('a', entry('a', 1));
    warm.set('b', entry('b', 1));
    expect(warm.latest('a')).toBeDefined();
    warm.set('c', entry('c', 1));
    expect(warm.size).toBe(2);
    expect(warm.latest('b')).toBeUndefined();
    expect(warm.latest('a')).toBeDefined();
    expect(warm.latest('c')).toBeDefined();
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
