import { Inject, Injectable } from '@nestjs/common';
import { MerkleFrontier, merkleTreeHash, type MerkleNode, type NodeId } from '../../transparency/merkle';
import { newEventLeafHash, storedEventLeafHash } from '../../transparency/event-leaf';
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
  event: EventEntity;
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

/**
 * Perfect subtrees of this level and above are stored in transparency_nodes; those below (up to 2^4 = 16
 * leaves) are hashed from the leaf hashes kept in the events when a proof or the frontier needs them. An
 * append then writes a node row once in 16 events, not one or two per event.
 */
export const STORED_NODE_MIN_LEVEL = 4;

/** The single row of transparency_state. */
const STATE_ID = 1;

/**
 * An event about to be appended; `canonicalPayload`, when its payload object is I-JSON, the payload's
 * canonical text (RFC 8785), which spares parsing the stored text again for its leaf.
 */
export type NewEvent = EventEntity & { canonicalPayload?: string };

/** The next leaf of the log for an event, and the stored nodes it completes. */
export interface NextLeaf {
  index: number;
  hash: Buffer;
  nodes: MerkleNode[];
}

/**
 * The transparency log's storage (migrations 1766000000000 and 1766100000000): each event row holds its
 * leaf (`leaf_index`, its global index in commit order, unique; `leaf_hash`); `transparency_nodes` the
 * completed perfect subtrees from level STORED_NODE_MIN_LEVEL up (write-once); `transparency_state` one
 * row, the tree's size and frontier as of the last commit; `transparency_checkpoints` the signed
 * checkpoints.
 *
 * Appending, in the event's own transaction. SQLite (one writer): the frontier is kept in memory and the
 * state row written once per group commit, just before its COMMIT (Database.onBeforeGroupCommit). A
 * rolled-back savepoint or transaction forgets the memory (Database.onRollback); it is then read again:
 * the state row, plus the leaves written since in the open transaction. A second process writing the
 * same file is caught by the unique leaf index, and the append made again on the tree as stored.
 * PostgreSQL: the state row is read FOR UPDATE and written by every append, so that the writers of every
 * node take turns from their append to their COMMIT, which makes the leaf order the commit order; the
 * frontier in memory is used while the row's size is the one it expects.
 */
@Injectable()
export class TransparencyRepository {
  private readonly postgres: boolean;
  /** The tree as this process last appended to it (SQLite: the open transaction's leaves included). */
  private frontier: MerkleFrontier | undefined;
  /** SQLite: leaves were appended in the open group, so its state row is to be written before COMMIT. */
  private unsaved = false;

  constructor(@Inject(Database) database: Database) {
    this.postgres = !database.serialised;
    database.onRollback((scope) => {
      this.frontier = undefined;
      if (scope === 'transaction') this.unsaved = false;
    });
    database.onBeforeGroupCommit(async (session) => {
      if (!this.unsaved) return;
      this.frontier ??= (await this.tree(session)).frontier;
      await this.saveState(session, this.frontier);
      this.unsaved = false;
    });
  }

  /** The number of leaves (events) in the log. */
  async size(session: SqlSession): Promise<number> {
    return (await this.tree(session)).size;
  }

  /**
   * The tree as stored: the state row's frontier, extended by the leaves written after it (only in a
   * SQLite group not yet committed). `forUpdate`: PostgreSQL locks the row to the end of the transaction.
   */
  async tree(session: SqlSession, forUpdate = false): Promise<TransparencyState> {
    const row = await session.one<{ size: number | string; frontier: string }>(
      `SELECT size, frontier FROM transparency_state WHERE id = ?${forUpdate && this.postgres ? ' FOR UPDATE' : ''}`,
      [STATE_ID],
    );
    if (!row) throw new Error('transparency_state has no row: the database was not migrated to 1766000000000-transparency');
    const frontier = MerkleFrontier.fromJSON(JSON.parse(row.frontier) as { size: number; hashes: string[] });
    if (frontier.size !== Number(row.size)) throw new Error(`transparency_state: size ${row.size} but frontier of size ${frontier.size}`);
    if (!this.postgres) {
      for (const hash of await this.leafHashes(session, frontier.size, Number.MAX_SAFE_INTEGER)) frontier.append(hash);
    }
    return { size: frontier.size, frontier };
  }

  /**
   * The leaf of `event` at the end of the log, appended to the frontier kept in memory; the caller writes it
   * in the event's row, then `storeNodes`. In the caller's transaction.
   */
  async nextLeaf(session: SqlSession, event: NewEvent): Promise<NextLeaf> {
    let frontier: MerkleFrontier;
    if (this.postgres) {
      const stored = await this.tree(session, true);
      frontier = this.frontier?.size === stored.size ? this.frontier : stored.frontier;
    } else {
      frontier = this.frontier ?? (await this.tree(session)).frontier;
    }
    this.frontier = frontier;
    const index = frontier.size;
    const hash = event.canonicalPayload !== undefined ? newEventLeafHash(event, event.canonicalPayload) : storedEventLeafHash(event);
    const nodes = frontier.appendWithNodes(hash).filter((node) => node.level >= STORED_NODE_MIN_LEVEL);
    if (this.postgres) await this.saveState(session, frontier);
    else this.unsaved = true;
    return { index, hash, nodes };
  }

  private async saveState(session: SqlSession, frontier: MerkleFrontier): Promise<void> {
    await session.run('UPDATE transparency_state SET size = ?, frontier = ? WHERE id = ?', [
      frontier.size,
      JSON.stringify(frontier.toJSON()),
      STATE_ID,
    ]);
  }

  /** Forgets the frontier kept in memory: the next append reads the tree as stored. */
  forget(): void {
    this.frontier = undefined;
  }

  async storeNodes(session: SqlSession, nodes: readonly MerkleNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await session.run(
      `INSERT INTO transparency_nodes (level, idx, hash) VALUES ${nodes.map(() => '(?, ?, ?)').join(', ')}`,
      nodes.flatMap((node) => [node.level, node.index, node.hash.toString('hex')]),
    );
  }

  /**
   * The nodes asked for, keyed `level:index`: from transparency_nodes from STORED_NODE_MIN_LEVEL up, hashed
   * from the leaf hashes below it. A node some of whose leaves are not stored is absent.
   */
  async nodes(session: SqlSession, ids: readonly NodeId[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const stored = ids.filter((id) => id.level >= STORED_NODE_MIN_LEVEL);
    // Proofs need at most about 2·log2(n) nodes: a few statements of bounded size.
    for (let start = 0; start < stored.length; start += 50) {
      const chunk = stored.slice(start, start + 50);
      const rows = await session.all<{ level: number | string; idx: number | string; hash: string }>(
        `SELECT level, idx, hash FROM transparency_nodes WHERE ${chunk.map(() => '(level = ? AND idx = ?)').join(' OR ')}`,
        chunk.flatMap((id) => [id.level, id.index]),
      );
      for (const row of rows) found.set(`${Number(row.level)}:${Number(row.idx)}`, Buffer.from(row.hash, 'hex'));
    }
    for (const id of ids) {
      if (id.level >= STORED_NODE_MIN_LEVEL) continue;
      const width = 2 ** id.level;
      const leaves = await this.leafHashes(session, id.index * width, (id.index + 1) * width);
      if (leaves.length === width) found.set(`${id.level}:${id.index}`, merkleTreeHash(leaves));
    }
    return found;
  }

  /** The leaf hashes of [from, to), in order; stops at the first missing one. */
  private async leafHashes(session: SqlSession, from: number, to: number): Promise<Buffer[]> {
    if (to <= from) return [];
    const rows = await session.all<{ leaf_index: number | string; leaf_hash: string }>(
      'SELECT leaf_index, leaf_hash FROM events WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
      [from, to],
    );
    const hashes: Buffer[] = [];
    for (const row of rows) {
      if (Number(row.leaf_index) !== from + hashes.length) break;
      hashes.push(Buffer.from(row.leaf_hash, 'hex'));
    }
    return hashes;
  }

  /** The leaf of an event, if it has one. */
  async leafOf(session: SqlSession, instanceId: string, seq: number): Promise<{ index: number; leafHash: string } | undefined> {
    const row = await session.one<{ leaf_index: number | string | null; leaf_hash: string | null }>(
      'SELECT leaf_index, leaf_hash FROM events WHERE instance_id = ? AND seq = ?',
      [instanceId, seq],
    );
    return row && row.leaf_index !== null && row.leaf_hash !== null
      ? { index: Number(row.leaf_index), leafHash: row.leaf_hash }
      : undefined;
  }

  /** Leaf index of each event of an instance, by seq. */
  async leafIndices(session: SqlSession, instanceId: string): Promise<Map<number, number>> {
    const rows = await session.all<{ leaf_index: number | string; seq: number | string }>(
      'SELECT leaf_index, seq FROM events WHERE instance_id = ? AND leaf_index IS NOT NULL',
      [instanceId],
    );
    return new Map(rows.map((row) => [Number(row.seq), Number(row.leaf_index)]));
  }

  /** Leaves from index `from` on, in index order, at most `limit` of them. */
  async leaves(
    session: SqlSession,
    from: number,
    limit: number,
  ): Promise<{ index: number; instanceId: string; seq: number; leafHash: string }[]> {
    const rows = await session.all<{ leaf_index: number | string; instance_id: string; seq: number | string; leaf_hash: string }>(
      'SELECT leaf_index, instance_id, seq, leaf_hash FROM events WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?',
      [from, limit],
    );
    return rows.map((row) => ({
      index: Number(row.leaf_index),
      instanceId: row.instance_id,
      seq: Number(row.seq),
      leafHash: row.leaf_hash,
    }));
  }

  /** Leaves from index `from` on with the events that hold them, for `verify --all`. */
  async leafEvents(session: SqlSession, from: number, limit: number): Promise<LeafWithEvent[]> {
    const rows = await session.all<Record<string, unknown>>(
      'SELECT leaf_index, leaf_hash, instance_id, seq, type, payload, actor, at, recorded_at, prev_hash, hash ' +
        'FROM events WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?',
      [from, limit],
    );
    return rows.map((row) => ({
      index: Number(row.leaf_index),
      instanceId: row.instance_id as string,
      seq: Number(row.seq),
      leafHash: row.leaf_hash as string,
      event: {
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
      'SELECT instance_id, seq FROM events WHERE leaf_index IS NULL OR leaf_hash IS NULL ORDER BY instance_id, seq LIMIT ?',
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

  /**
   * Adds signature lines (witnesses' cosignatures) to the stored note of a checkpoint, each once; the
   * note's text and the log's own signature stay as they are. Returns the note as stored then, undefined
   * when there is no such checkpoint.
   */
  async addSignatureLines(session: SqlSession, size: number, lines: readonly string[]): Promise<StoredCheckpoint | undefined> {
    const stored = await this.checkpoint(session, size);
    if (!stored) return undefined;
    const present = new Set(stored.note.split('\n'));
    const added = lines.filter((line) => !present.has(line));
    if (added.length === 0) return stored;
    const note = stored.note + added.map((line) => `${line}\n`).join('');
    await session.run('UPDATE transparency_checkpoints SET note = ? WHERE size = ?', [note, size]);
    return { ...stored, note };
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
