import type { AnyMachineSnapshot } from 'xstate';

/**
 * Recently used snapshots, kept warm so that a command on a busy instance skips parsing and restoring
 * the stored one. Bounded (least recently used out), and keyed by version: an entry is used only if
 * the database still holds that version, and it is written only after the transaction committed.
 */
export interface WarmEntry {
  snapshot: AnyMachineSnapshot;
  /** The `at` of the event that produced this version. */
  lastAt: string;
}

export class WarmSnapshots {
  private readonly entries = new Map<string, WarmEntry & { version: number }>();

  constructor(private readonly capacity = 5_000) {}

  get(id: string, version: number): WarmEntry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.version !== version) return undefined;
    this.entries.set(id, entry);
    return entry;
  }

  set(id: string, version: number, entry: WarmEntry): void {
    this.entries.delete(id);
    this.entries.set(id, { version, ...entry });
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
