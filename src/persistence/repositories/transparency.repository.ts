import { Inject, Injectable } from '@nestjs/common';
import { MerkleFrontier, type MerkleNode, type NodeId } from '../../transparency/merkle';
import { storedEventLeafHash } from '../../transparency/event-leaf';
import { Database } from '../database';
import type { EventEntity } from '../entities/event.entity';
import type { SqlSession } from '../sql-session';

export interface TransparencyState {
  size: number;
  frontier: MerkleFrontier;
}

export interface StoredCheckpoint {
  size: number;
  rootHash: string;
  note: string;
  createdAt: string;
}

export interface LeafWithEvent {
  index: number;
  instanceId: string;
  seq: number;
  leafHash: string;
  event: EventEntity | null;
}

interface CheckpointRow {
  size: number | string;
  root_hash: string;
  note: string;
  created_at: string;
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return { size: Number(row.size), rootHash: row.root_hash, note: row.note, createdAt: row.created_at };
}

/** The single row of transparency_state. */
const STATE_ID = 1;

/**
 * The transparency log's tables (migration 1766000000000): one leaf per event in commit order
 * (`transparency_leaves`), every completed perfect-subtree node (`transparency_nodes`, level 0 = the
 * leaves; write-once), the frontier of the current size (`transparency_state`, one row) and the signed
 * checkpoints (`transparency_checkpoints`).
 *
 * `appendEvent` runs inside the event's own transaction and reads the state row there, so a command
 * whose transaction (or SQLite savepoint, in a group commit) is rolled back leaves neither leaf nor
 * node nor frontier change. On PostgreSQL the state row is read FOR UPDATE: the writers of events take
 * turns on it from their append to their COMMIT, which is what makes the leaf order the commit order
 * (the cost: event transactions no longer overlap from that point on).
 */
@Injectable()
export class TransparencyRepository {
  private readonly lock: string;

  constructor(@Inject(Database) database: Database) {
    this.lock = database.serialised ? '' : ' FOR UPDATE';
  }

  async state(session: SqlSession, forUpdate = false): Promise<TransparencyState> {
    const row = await session.one<{ size: number | string; frontier: string }>(
      `SELECT size, frontier FROM transparency_state WHERE id = ?${forUpdate ? this.lock : ''}`,
      [STATE_ID],
    );
    if (!row) throw new Error('transparency_state has no row: the database was not migrated to 1766000000000-transparency');
    const frontier = MerkleFrontier.fromJSON(JSON.parse(row.frontier) as { size: number; hashes: string[] });
    if (frontier.size !== Number(row.size)) throw new Error(`transparency_state: size ${row.size} but frontier of size ${frontier.size}`);
    return { size: frontier.size, frontier };
  }

  /**
   * Appends the event's leaf, the nodes it completes and the new frontier, in the caller's transaction.
   * Four statements per event (read the state, insert the leaf, insert the nodes, update the state).
   * Returns the leaf's index.
   */
  async appendEvent(session: SqlSession, event: EventEntity): Promise<number> {
    const { frontier } = await this.state(session, true);
    const index = frontier.size;
    const leaf = storedEventLeafHash(event);
    const nodes = frontier.appendWithNodes(leaf);
    await session.run('INSERT INTO transparency_leaves (idx, instance_id, seq, leaf_hash) VALUES (?, ?, ?, ?)', [
      index,
      event.instanceId,
      event.seq,
      leaf.toString('hex'),
    ]);
    await insertNodes(session, nodes);
    await session.run('UPDATE transparency_state SET size = ?, frontier = ? WHERE id = ?', [
      frontier.size,
      JSON.stringify(frontier.toJSON()),
      STATE_ID,
    ]);
    return index;
  }

  /** The stored nodes asked for, keyed `level:index`; missing ones are absent. */
  async nodes(session: SqlSession, ids: readonly NodeId[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    // Proofs need at most about 2·log2(n) nodes: a few statements of bounded size.
    for (let start = 0; start < ids.length; start += 50) {
      const chunk = ids.slice(start, start + 50);
      const rows = await session.all<{ level: number | string; idx: number | string; hash: string }>(
        `SELECT level, idx, hash FROM transparency_nodes WHERE ${chunk.map(() => '(level = ? AND idx = ?)').join(' OR ')}`,
        chunk.flatMap((id) => [id.level, id.index]),
      );
      for (const row of rows) found.set(`${Number(row.level)}:${Number(row.idx)}`, Buffer.from(row.hash, 'hex'));
    }
    return found;
  }

  /** The leaf of an event, if it has one. */
  async leafOf(session: SqlSession, instanceId: string, seq: number): Promise<{ index: number; leafHash: string } | undefined> {
    const row = await session.one<{ idx: number | string; leaf_hash: string }>(
      'SELECT idx, leaf_hash FROM transparency_leaves WHERE instance_id = ? AND seq = ?',
      [instanceId, seq],
    );
    return row ? { index: Number(row.idx), leafHash: row.leaf_hash } : undefined;
  }

  /** Leaf index of each event of an instance, by seq. */
  async leafIndices(session: SqlSession, instanceId: string): Promise<Map<number, number>> {
    const rows = await session.all<{ idx: number | string; seq: number | string }>(
      'SELECT idx, seq FROM transparency_leaves WHERE instance_id = ?',
      [instanceId],
    );
    return new Map(rows.map((row) => [Number(row.seq), Number(row.idx)]));
  }

  /** Leaves [from, from + limit) in index order. */
  async leaves(
    session: SqlSession,
    from: number,
    limit: number,
  ): Promise<{ index: number; instanceId: string; seq: number; leafHash: string }[]> {
    const rows = await session.all<{ idx: number | string; instance_id: string; seq: number | string; leaf_hash: string }>(
      'SELECT idx, instance_id, seq, leaf_hash FROM transparency_leaves WHERE idx >= ? ORDER BY idx LIMIT ?',
      [from, limit],
    );
    return rows.map((row) => ({ index: Number(row.idx), instanceId: row.instance_id, seq: Number(row.seq), leafHash: row.leaf_hash }));
  }

  /** Leaves [from, from + limit) with the event each names (null fields when the event is gone), for `verify --all`. */
  async leafEvents(session: SqlSession, from: number, limit: number): Promise<LeafWithEvent[]> {
    const rows = await session.all<Record<string, unknown>>(
      'SELECT l.idx, l.instance_id AS leaf_instance_id, l.seq AS leaf_seq, l.leaf_hash, e.instance_id, e.seq, e.type, e.payload, e.actor, e.at, e.recorded_at, e.prev_hash, e.hash ' +
        'FROM transparency_leaves l LEFT JOIN events e ON e.instance_id = l.instance_id AND e.seq = l.seq WHERE l.idx >= ? ORDER BY l.idx LIMIT ?',
      [from, limit],
    );
    return rows.map((row) => ({
      index: Number(row.idx),
      instanceId: row.leaf_instance_id as string,
      seq: Number(row.leaf_seq),
      leafHash: row.leaf_hash as string,
      event:
        row.instance_id === null || row.instance_id === undefined
          ? null
          : {
              instanceId: row.instance_id as string,
              seq: Number(row.seq),
              type: row.type as string,
              payload: row.payload as string,
              actor: row.actor as string,
              at: row.at as string,
              recordedAt: row.recorded_at as string,
              prevHash: row.prev_hash as string,
              hash: row.hash as string,
            },
    }));
  }

  /** Events that have no leaf (at most `limit` of them), for `verify --all`. */
  async eventsWithoutLeaf(session: SqlSession, limit: number): Promise<{ instanceId: string; seq: number }[]> {
    const rows = await session.all<{ instance_id: string; seq: number | string }>(
      'SELECT e.instance_id, e.seq FROM events e LEFT JOIN transparency_leaves l ON l.instance_id = e.instance_id AND l.seq = e.seq WHERE l.idx IS NULL ORDER BY e.instance_id, e.seq LIMIT ?',
      [limit],
    );
    return rows.map((row) => ({ instanceId: row.instance_id, seq: Number(row.seq) }));
  }

  /**
   * Stores a checkpoint; the one already stored for its size, if any, stays (several nodes of one database
   * may sign the same size at once: the key and Ed25519 being deterministic, they sign the same note).
   * Returns the checkpoint stored for that size.
   */
  async insertCheckpoint(session: SqlSession, checkpoint: StoredCheckpoint): Promise<StoredCheckpoint> {
    await session.run(
      'INSERT INTO transparency_checkpoints (size, root_hash, note, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (size) DO NOTHING',
      [checkpoint.size, checkpoint.rootHash, checkpoint.note, checkpoint.createdAt],
    );
    return (await this.checkpoint(session, checkpoint.size)) ?? checkpoint;
  }

  async checkpoint(session: SqlSession, size: number): Promise<StoredCheckpoint | undefined> {
    const row = await session.one<CheckpointRow>('SELECT size, root_hash, note, created_at FROM transparency_checkpoints WHERE size = ?', [
      size,
    ]);
    return row ? toCheckpoint(row) : undefined;
  }

  async latestCheckpoint(session: SqlSession): Promise<StoredCheckpoint | undefined> {
    const row = await session.one<CheckpointRow>(
      'SELECT size, root_hash, note, created_at FROM transparency_checkpoints ORDER BY size DESC LIMIT 1',
    );
    return row ? toCheckpoint(row) : undefined;
  }
}

async function insertNodes(session: SqlSession, nodes: readonly MerkleNode[]): Promise<void> {
  await session.run(
    `INSERT INTO transparency_nodes (level, idx, hash) VALUES ${nodes.map(() => '(?, ?, ?)').join(', ')}`,
    nodes.flatMap((node) => [node.level, node.index, node.hash.toString('hex')]),
  );
}

/**
 * The deterministic commit order used to backfill the leaves of events written before the log existed:
 * SQLite's rowid (the order the rows were inserted, events are never deleted), PostgreSQL's recorded_at
 * then instance_id, seq (no global sequence there; recorded_at is the real clock at each command).
 */
export function backfillOrder(type: 'sqlite' | 'postgres'): string {
  return type === 'sqlite' ? 'ORDER BY rowid' : 'ORDER BY recorded_at, instance_id, seq';
}
