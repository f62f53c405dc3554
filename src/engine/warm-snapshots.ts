import type { AnyMachineSnapshot } from 'xstate';

/**
 * Recently used snapshots, kept warm so that a command on a busy instance skips parsing and restoring
 * the stored one. Bounded (least recently used out), and keyed by version: an entry is used only if
 * the database still holds that version, and it is written only after the transaction committed.
 */
export class WarmSnapshots {
  private readonly entries = new Map<string, { version: number; snapshot: AnyMachineSnapshot }>();

  constructor(private readonly capacity = 5_000) {}

  get(id: string, version: number): AnyMachineSnapshot | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.version !== version) return undefined;
    this.entries.set(id, entry);
    return entry.snapshot;
  }

  set(id: string, version: number, snapshot: AnyMachineSnapshot): void {
    this.entries.delete(id);
    this.entries.set(id, { version, snapshot });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
