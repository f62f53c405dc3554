import type { AnyMachineSnapshot } from 'xstate';
import type { InstanceHead } from './instance-store';

/**
 * Recently used instances as this process last committed them (row and snapshot), kept warm so that
 * a command on a busy instance skips reading the row and restoring the snapshot. Bounded (least
 * recently used out); an entry is written only after its transaction committed, and it is trusted
 * only as far as the compare-and-set on its version proves it.
 */
export interface WarmEntry {
  snapshot: AnyMachineSnapshot;
  /** The `at` of the event that produced this version. */
  lastAt: string;
  /** The row without its snapshot; `head.version` is the version of this entry. */
  head: InstanceHead;
}

export class WarmSnapshots {
  private readonly entries = new Map<string, WarmEntry>();

  constructor(private readonly capacity = 5_000) {}

  /** The entry of `id` whatever its version. */
  latest(id: string): WarmEntry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  set(id: string, entry: WarmEntry): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A bounded map, least recently used out: for facts that never change once written (an instance's kind). */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
