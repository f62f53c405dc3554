import type { PendingDeadline } from '../../machines/shared/deadlines';
import type { InstanceEntity } from '../persistence/entities/instance.entity';
import type { EventEntity } from '../persistence/entities/event.entity';
import type { SqlSession } from '../persistence/sql-session';

const INSTANCE_COLUMNS = 'id, kind, machine_version, state, stage, status, snapshot, version, parent_id, head_hash, created_at, updated_at';
/** Every column but the snapshot, which a command on a warm instance does not need. */
const HEAD_COLUMNS = 'id, kind, machine_version, state, stage, status, version, parent_id, head_hash, created_at, updated_at';

interface InstanceRow {
  id: string;
  kind: string;
  machine_version: number;
  state: string;
  stage: string;
  status: string;
  snapshot: string;
  version: number;
  parent_id: string | null;
  head_hash: string;
  created_at: string;
  updated_at: string;
}

export type InstanceHead = Omit<InstanceEntity, 'snapshot'>;

function toHead(row: Omit<InstanceRow, 'snapshot'>): InstanceHead {
  return {
    id: row.id,
    kind: row.kind,
    machineVersion: Number(row.machine_version),
    state: row.state,
    stage: row.stage,
    status: row.status,
    version: Number(row.version),
    parentId: row.parent_id,
    headHash: row.head_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type StateColumns = Pick<InstanceEntity, 'state' | 'stage' | 'status' | 'snapshot' | 'version' | 'headHash' | 'updatedAt'>;

/**
 * The engine's writes in plain SQL, inside one transaction (`session`). Query builders cost more than
 * the database work itself on this path; schema and migrations stay with TypeORM.
 */
export class InstanceStore {
  constructor(
    private readonly session: SqlSession,
    /** PostgreSQL locks the row for the transaction; SQLite's transaction already holds the write lock. */
    private readonly lockRows: boolean,
  ) {}

  /** The row without its snapshot, locked for the transaction (PostgreSQL) when `forUpdate`. */
  async head(id: string, forUpdate = false): Promise<InstanceHead | undefined> {
    const lock = forUpdate && this.lockRows ? ' FOR UPDATE' : '';
    const row = await this.session.one<Omit<InstanceRow, 'snapshot'>>(`SELECT ${HEAD_COLUMNS} FROM instances WHERE id = ?${lock}`, [id]);
    return row ? toHead(row) : undefined;
  }

  async snapshot(id: string): Promise<string | undefined> {
    return (await this.session.one<{ snapshot: string }>('SELECT snapshot FROM instances WHERE id = ?', [id]))?.snapshot;
  }

  async kindOf(id: string): Promise<Pick<InstanceEntity, 'kind' | 'machineVersion'> | undefined> {
    const row = await this.session.one<{ kind: string; machine_version: number }>(
      'SELECT kind, machine_version FROM instances WHERE id = ?',
      [id],
    );
    return row ? { kind: row.kind, machineVersion: Number(row.machine_version) } : undefined;
  }

  async eventAt(instanceId: string, seq: number): Promise<string | undefined> {
    const row = await this.session.one<{ at: string }>('SELECT at FROM events WHERE instance_id = ? AND seq = ?', [instanceId, seq]);
    return row?.at;
  }

  async children(parentId: string): Promise<{ id: string; kind: string; state: string; stage: string }[]> {
    return this.session.all('SELECT id, kind, state, stage FROM instances WHERE parent_id = ? ORDER BY created_at, id', [parentId]);
  }

  async insertInstance(row: InstanceEntity): Promise<void> {
    await this.session.run(`INSERT INTO instances (${INSTANCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      row.id,
      row.kind,
      row.machineVersion,
      row.state,
      row.stage,
      row.status,
      row.snapshot,
      row.version,
      row.parentId,
      row.headHash,
      row.createdAt,
      row.updatedAt,
    ]);
  }

  /**
   * Compare-and-set on the version of `row`: false when another writer got there first. Most events
   * leave the state as it was; then the indexed state columns are left out of the statement.
   */
  async updateState(row: Pick<InstanceHead, 'id' | 'version' | 'state' | 'stage' | 'status'>, columns: StateColumns): Promise<boolean> {
    const sameState = row.state === columns.state && row.stage === columns.stage && row.status === columns.status;
    const { changes } = sameState
      ? await this.session.run(
          'UPDATE instances SET snapshot = ?, version = ?, head_hash = ?, updated_at = ? WHERE id = ? AND version = ?',
          [columns.snapshot, columns.version, columns.headHash, columns.updatedAt, row.id, row.version],
        )
      : await this.session.run(
          'UPDATE instances SET state = ?, stage = ?, status = ?, snapshot = ?, version = ?, head_hash = ?, updated_at = ? WHERE id = ? AND version = ?',
          [
            columns.state,
            columns.stage,
            columns.status,
            columns.snapshot,
            columns.version,
            columns.headHash,
            columns.updatedAt,
            row.id,
            row.version,
          ],
        );
    return changes === 1;
  }

  async appendEvent(event: EventEntity): Promise<void> {
    await this.session.run(
      'INSERT INTO events (instance_id, seq, type, payload, actor, at, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [event.instanceId, event.seq, event.type, event.payload, event.actor, event.at, event.recordedAt, event.prevHash, event.hash],
    );
  }

  /**
   * Makes the stored deadlines of an instance those of its new snapshot, derived at `version`. When
   * the set did not change (most events), the rows are only re-stamped with the new version.
   */
  async replaceDeadlines(
    instanceId: string,
    kind: string,
    version: number,
    previous: PendingDeadline[],
    next: PendingDeadline[],
  ): Promise<void> {
    if (sameDeadlines(previous, next)) {
      if (next.length > 0) {
        await this.session.run('UPDATE deadlines SET instance_version = ?, failure = NULL WHERE instance_id = ?', [version, instanceId]);
      }
      return;
    }
    await this.session.run('DELETE FROM deadlines WHERE instance_id = ?', [instanceId]);
    for (const deadline of next) {
      await this.session.run(
        'INSERT INTO deadlines (instance_id, kind, event, payload, due_at, label, instance_version) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [instanceId, kind, deadline.event, JSON.stringify(deadline.payload), deadline.dueAt, deadline.label, version],
      );
    }
  }
}

function deadlineKey(deadline: PendingDeadline): string {
  return `${deadline.event}|${deadline.dueAt}|${JSON.stringify(deadline.payload)}`;
}

function sameDeadlines(a: PendingDeadline[], b: PendingDeadline[]): boolean {
  return a.length === b.length && a.every((deadline, index) => deadlineKey(deadline) === deadlineKey(b[index]));
}
