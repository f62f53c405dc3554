import type { AnyMachineSnapshot } from 'xstate';
import type { PendingDeadline } from '../../machines/shared/deadlines';
import type { InstanceHead } from '../persistence/repositories/instance.repository';

/**
 * A bounded map, least recently written out. A read does not reorder it (that would cost a delete and
 * an insert on every command); the command side writes an instance's entry again after each command,
 * so busy instances stay, and an entry that falls out only costs one read from the database.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A recently used instance as this process last committed it (row and snapshot), kept warm so that a
 * command on a busy instance skips reading the row and restoring the snapshot. An entry is written
 * only after its transaction committed, and it is trusted only as far as the compare-and-set on its
 * version proves it (see InstanceCommandsService).
 */
export interface WarmInstance {
  snapshot: AnyMachineSnapshot;
  /** The `at` of the event that produced this version. */
  lastAt: string;
  /** The row without its snapshot; `head.version` is the version of this entry. */
  head: InstanceHead;
  /** The deadlines this snapshot implies (what the deadlines table holds for it). */
  deadlines: PendingDeadline[];
}
