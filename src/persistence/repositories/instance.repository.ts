import { Inject, Injectable, Optional } from '@nestjs/common';
import { Database } from '../database';
import type { InstanceEntity } from '../entities/instance.entity';
import type { ListingColumns } from '../../kinds/listing';
import type { SqlSession } from '../sql-session';
import { TransparencyRepository, type NewEvent } from './transparency.repository';

const INSTANCE_COLUMNS =
  'id, kind, machine_version, state, stage, status, snapshot, version, parent_id, organisation, head_hash, created_at, updated_at, label, search_label, search_parties';
/** Every column but the snapshot, which a command on a warm instance does not need. */
const HEAD_COLUMNS = 'id, kind, machine_version, state, stage, status, version, parent_id, organisation, head_hash, created_at, updated_at';

interface InstanceRow {
  id: string;
  kind: string;
  // Integers come back as text from some drivers: read through Number().
  machine_version: number | string;
  state: string;
  stage: string;
  status: string;
  snapshot: string;
  version: number | string;
  parent_id: string | null;
  organisation: string;
  head_hash: string;
  created_at: string;
  updated_at: string;
}

/** The row as commands need it: no snapshot, no list columns. */
export type InstanceHead = Omit<InstanceEntity, 'snapshot' | keyof ListingColumns>;

/** An instance row without its snapshot, as SQL gives it (snake_case columns). */
export type InstanceHeadRow = Omit<InstanceRow, 'snapshot'>;

export function toHead(row: InstanceHeadRow): InstanceHead {
  return {
    id: row.id,
    kind: row.kind,
    machineVersion: Number(row.machine_version),
    state: row.state,
    stage: row.stage,
    status: row.status,
    version: Number(row.version),
    parentId: row.parent_id,
    organisation: row.organisation,
    headHash: row.head_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type StateColumns = Pick<InstanceEntity, 'state' | 'stage' | 'status' | 'snapshot' | 'version' | 'headHash' | 'updatedAt'>;

/**
 * Instances and their events, in plain SQL inside the caller's transaction (`session`): the engine's
 * hot path, where query builders cost more than the database work itself. Schema and migrations stay
 * with TypeORM. PostgreSQL locks the row read for a command; SQLite's transaction already holds the
 * write lock.
 */
@Injectable()
export class InstanceRepository {
  private readonly lockRows: boolean;
  private readonly transparency: TransparencyRepository;

  constructor(
    @Inject(Database) database: Database,
    // Built here when not given (a repository made by hand): every event always gets its leaf.
    @Optional() @Inject(TransparencyRepository) transparency?: TransparencyRepository,
  ) {
    this.lockRows = !database.serialised;
    this.transparency = transparency ?? new TransparencyRepository(database);
  }

  /** The row without its snapshot, locked for the transaction (PostgreSQL) when `forUpdate`. */
  async head(session: SqlSession, id: string, forUpdate = false): Promise<InstanceHead | undefined> {
    const lock = forUpdate && this.lockRows ? ' FOR UPDATE' : '';
    const row = await session.one<Omit<InstanceRow, 'snapshot'>>(`SELECT ${HEAD_COLUMNS} FROM instances WHERE id = ?${lock}`, [id]);
    return row ? toHead(row) : undefined;
  }

  async snapshot(session: SqlSession, id: string): Promise<string | undefined> {
    return (await session.one<{ snapshot: string }>('SELECT snapshot FROM instances WHERE id = ?', [id]))?.snapshot;
  }

  /** A record's organisation; undefined when there is no such record. */
  async organisationOf(session: SqlSession, id: string): Promise<string | undefined> {
    return (await session.one<{ organisation: string }>('SELECT organisation FROM instances WHERE id = ?', [id]))?.organisation;
  }

  async kindOf(session: SqlSession, id: string): Promise<Pick<InstanceEntity, 'kind' | 'machineVersion' | 'organisation'> | undefined> {
    const row = await session.one<{ kind: string; machine_version: number; organisation: string }>(
      'SELECT kind, machine_version, organisation FROM instances WHERE id = ?',
      [id],
    );
    return row ? { kind: row.kind, machineVersion: Number(row.machine_version), organisation: row.organisation } : undefined;
  }

  async eventAt(session: SqlSession, instanceId: string, seq: number): Promise<string | undefined> {
    const row = await session.one<{ at: string }>('SELECT at FROM events WHERE instance_id = ? AND seq = ?', [instanceId, seq]);
    return row?.at;
  }

  async children(session: SqlSession, parentId: string): Promise<{ id: string; kind: string; state: string; stage: string }[]> {
    return session.all('SELECT id, kind, state, stage FROM instances WHERE parent_id = ? ORDER BY created_at, id', [parentId]);
  }

  async insertInstance(session: SqlSession, row: InstanceEntity): Promise<void> {
    await session.run(`INSERT INTO instances (${INSTANCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      row.id,
      row.kind,
      row.machineVersion,
      row.state,
      row.stage,
      row.status,
      row.snapshot,
      row.version,
      row.parentId,
      row.organisation,
      row.headHash,
      row.createdAt,
      row.updatedAt,
      row.label,
      row.searchLabel,
      row.searchParties,
    ]);
  }

  /**
   * Compare-and-set on the version of `row`: false when another writer got there first. Most events
   * leave the state, the label and the parties as they were; then those indexed columns are left out
   * of the statement (`listing` is given only when it changed).
   */
  async updateState(
    session: SqlSession,
    row: Pick<InstanceHead, 'id' | 'version' | 'state' | 'stage' | 'status'>,
    columns: StateColumns,
    listing?: ListingColumns,
  ): Promise<boolean> {
    const sameState = row.state === columns.state && row.stage === columns.stage && row.status === columns.status;
    const assignments = ['snapshot = ?', 'version = ?', 'head_hash = ?', 'updated_at = ?'];
    const values: unknown[] = [columns.snapshot, columns.version, columns.headHash, columns.updatedAt];
    if (!sameState) {
      assignments.push('state = ?', 'stage = ?', 'status = ?');
      values.push(columns.state, columns.stage, columns.status);
    }
    if (listing) {
      assignments.push('label = ?', 'search_label = ?', 'search_parties = ?');
      values.push(listing.label, listing.searchLabel, listing.searchParties);
    }
    const { changes } = await session.run(`UPDATE instances SET ${assignments.join(', ')} WHERE id = ? AND version = ?`, [
      ...values,
      row.id,
      row.version,
    ]);
    return changes === 1;
  }

  /**
   * Appends the event with its leaf of the transparency log (index and hash in the event's row) and, once
   * in 16 events, the tree nodes it completes, in the caller's transaction. Returns the leaf's index.
   */
  async appendEvent(session: SqlSession, event: NewEvent): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const leaf = await this.transparency.nextLeaf(session, event);
      try {
        await session.run(
          'INSERT INTO events (instance_id, seq, type, payload, actor, at, recorded_at, prev_hash, hash, leaf_index, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            event.instanceId,
            event.seq,
            event.type,
            event.payload,
            event.actor,
            event.at,
            event.recordedAt,
            event.prevHash,
            event.hash,
            leaf.index,
            leaf.hash.toString('hex'),
          ],
        );
      } catch (error) {
        this.transparency.forget();
        // Another process appended to the same SQLite file: append again on the tree as it now stands.
        if (attempt === 0 && isLeafIndexTaken(error)) continue;
        throw error;
      }
      await this.transparency.storeNodes(session, leaf.nodes);
      return leaf.index;
    }
  }
}

/**
 * The unique leaf index refused the row (SQLite's message names the column). Not `instanceof Error`: the
 * driver's errors may come from another realm (its native module builds them with the class it first saw).
 */
function isLeafIndexTaken(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /UNIQUE constraint failed: events\.leaf_index/.test(message);
}
