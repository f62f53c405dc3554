import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { chainHash } from '../../src/engine/hash-chain.util';

type Row = Record<string, unknown>;

export interface CloneOptions {
  /** Instances per transaction. */
  batch?: number;
  /** The snapshot JSON of clone `i` (default: the template's). */
  snapshotFor?: (i: number) => string;
  /** The due instant of clone `i`'s deadlines (default: the template's). */
  dueAtFor?: (i: number) => string;
  /** Keep and return the new ids (leave off for millions of clones). */
  collectIds?: boolean;
  /** Offline generation (no other connection open): synchronous=OFF, a bigger cache. */
  offline?: boolean;
  onProgress?: (done: number) => void;
}

/**
 * Copies one real instance (made through the engine) `count` times, straight into the SQLite file
 * with better-sqlite3 in big transactions: its row, its events (hash chain recomputed for the new id,
 * so that the copies verify) and its pending deadlines. Fast enough for a million instances.
 */
export function cloneInstance(path: string, templateId: string, count: number, options: CloneOptions = {}): string[] {
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(options.offline ? 'synchronous = OFF' : 'synchronous = NORMAL');
    db.pragma('busy_timeout = 10000');
    if (options.offline) db.pragma('cache_size = -262144');
    const instance = db.prepare('SELECT * FROM instances WHERE id = ?').get(templateId) as Row | undefined;
    if (!instance) throw new Error(`no template instance ${templateId}`);
    const events = db.prepare('SELECT * FROM events WHERE instance_id = ? ORDER BY seq').all(templateId) as Row[];
    const deadlines = (db.prepare('SELECT * FROM deadlines WHERE instance_id = ? ORDER BY id').all(templateId) as Row[]).map(
      ({ id: _id, ...rest }) => rest,
    );
    const insertOf = (table: string, columns: string[]) =>
      db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    const insertInstance = insertOf('instances', Object.keys(instance));
    const insertEvent = events.length ? insertOf('events', Object.keys(events[0])) : undefined;
    const insertDeadline = deadlines.length ? insertOf('deadlines', Object.keys(deadlines[0])) : undefined;
    const parsedPayloads = events.map((event) => JSON.parse(String(event.payload)) as unknown);

    const ids: string[] = [];
    const batch = options.batch ?? 10_000;
    const insertRange = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const id = randomUUID();
        let previous = events.length ? String(events[0].prev_hash) : String(instance.head_hash);
        events.forEach((event, k) => {
          const hash = chainHash(previous, {
            instanceId: id,
            seq: Number(event.seq),
            type: String(event.type),
            payload: parsedPayloads[k],
            actor: String(event.actor),
            at: String(event.at),
          });
          insertEvent!.run({ ...event, instance_id: id, prev_hash: previous, hash });
          previous = hash;
        });
        insertInstance.run({ ...instance, id, head_hash: previous, ...(options.snapshotFor ? { snapshot: options.snapshotFor(i) } : {}) });
        for (const deadline of deadlines) {
          insertDeadline!.run({ ...deadline, instance_id: id, ...(options.dueAtFor ? { due_at: options.dueAtFor(i) } : {}) });
        }
        if (options.collectIds) ids.push(id);
      }
    });
    for (let from = 0; from < count; from += batch) {
      insertRange(from, Math.min(count, from + batch));
      options.onProgress?.(Math.min(count, from + batch));
    }
    if (options.offline) db.pragma('wal_checkpoint(TRUNCATE)');
    return ids;
  } finally {
    db.close();
  }
}

/** The snapshot JSON of an instance, with some context fields replaced. */
export function snapshotWithContext(snapshot: string, context: Record<string, unknown>): string {
  const parsed = JSON.parse(snapshot) as { context: Record<string, unknown> };
  return JSON.stringify({ ...parsed, context: { ...parsed.context, ...context } });
}

export function readSnapshot(path: string, id: string): string {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const found = db.prepare('SELECT snapshot FROM instances WHERE id = ?').get(id) as { snapshot: string } | undefined;
    if (!found) throw new Error(`no instance ${id}`);
    return found.snapshot;
  } finally {
    db.close();
  }
}
