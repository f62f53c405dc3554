import type { AnyMachineSnapshot } from 'xstate';
import { WarmSnapshots } from './warm-snapshots';

const snapshot = (label: string) => ({ label }) as unknown as AnyMachineSnapshot;

describe('WarmSnapshots', () => {
  it('gives back a snapshot only for the version it was stored at', () => {
    const warm = new WarmSnapshots();
    warm.set('a', 3, snapshot('a3'));
    expect(warm.get('a', 3)).toEqual({ label: 'a3' });
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
