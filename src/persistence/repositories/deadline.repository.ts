import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { PendingDeadline } from '../../../machines/shared/deadlines';
import { Database } from '../database';
import { DeadlineEntity } from '../entities/deadline.entity';
import type { SqlSession } from '../sql-session';
import { organisationCondition } from './organisation-filter';

/** How long a claim keeps other scheduler nodes off a deadline (PostgreSQL, several nodes). */
export const CLAIM_LEASE_MS = 30_000;

export interface AgendaFilter {
  kind?: string;
  from?: string;
  to?: string;
  /** Only the deadlines of records of these organisations (undefined: every organisation's). */
  organisations?: readonly string[];
  limit: number;
  offset: number;
}

/** A stored deadline as the verifier compares it with the replayed snapshot. */
export interface StoredDeadline {
  event: string;
  dueAt: string;
  payload: unknown;
  label: string;
  instanceVersion: number;
  failure: string | null;
  duty: boolean;
}

interface DeadlineRow {
  id: number | string;
  instance_id: string;
  kind: string;
  event: string;
  payload: string;
  due_at: string;
  label: string;
  instance_version: number | string;
  claimed_by: string | null;
  claimed_until: string | null;
  failure: string | null;
  duty: number | boolean;
}

/**
 * Records with a pending deadline due before the parameter (the dashboard's `overdue`): a range of
 * ix_deadlines_pending_due, so the cost follows the number of overdue deadlines, not the table's size.
 * The distinct value is an expression (`|| ''`) so that SQLite does not walk all of ix_deadlines_instance
 * instead, for its order.
 */
export const OVERDUE_INSTANCES_SQL =
  "SELECT COUNT(DISTINCT instance_id || '') AS count FROM deadlines WHERE failure IS NULL AND due_at < ?";
/** Deadlines marked as unable to fire (the dashboard's `failedDeadlines`). */
export const FAILED_DEADLINES_SQL = 'SELECT COUNT(*) AS count FROM deadlines WHERE failure IS NOT NULL';

const COLUMNS = 'id, instance_id, kind, event, payload, due_at, label, instance_version, claimed_by, claimed_until, failure, duty';

function toEntity(row: DeadlineRow): DeadlineEntity {
  return {
    id: Number(row.id),
    instanceId: row.instance_id,
    kind: row.kind,
    event: row.event,
    payload: row.payload,
    dueAt: row.due_at,
    label: row.label,
    instanceVersion: Number(row.instance_version),
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until,
    failure: row.failure,
    duty: row.duty ? 1 : 0,
  };
}

function deadlineKey(deadline: PendingDeadline): string {
  return `${deadline.duty ? 'duty' : 'timer'}|${deadline.event}|${deadline.dueAt}|${JSON.stringify(deadline.payload)}`;
}

export function sameDeadlines(a: PendingDeadline[], b: PendingDeadline[]): boolean {
  return a.length === b.length && a.every((deadline, index) => deadlineKey(deadline) === deadlineKey(b[index]));
}

/**
 * The deadlines table, whose rows are derived from instances' snapshots (DESIGN rule 3): rewritten in
 * the transaction of every event, claimed and fired by the scheduler, marked when they cannot fire,
 * read as the agenda. Every statement about deadlines is here, SQLite and PostgreSQL alike.
 */
@Injectable()
export class DeadlineRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  /**
   * Inside a command's transaction: makes the stored deadlines of an instance those of its new
   * snapshot, derived at `version`. When the set did not change (most events), the rows are only
   * re-stamped with the new version.
   */
  async replace(
    session: SqlSession,
    instanceId: string,
    kind: string,
    version: number,
    previous: PendingDeadline[],
    next: PendingDeadline[],
  ): Promise<void> {
    if (sameDeadlines(previous, next)) {
      if (next.length > 0) {
        await session.run('UPDATE deadlines SET instance_version = ?, failure = NULL WHERE instance_id = ?', [version, instanceId]);
      }
      return;
    }
    await session.run('DELETE FROM deadlines WHERE instance_id = ?', [instanceId]);
    for (const deadline of next) {
      await session.run(
        'INSERT INTO deadlines (instance_id, kind, event, payload, due_at, label, instance_version, duty) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          instanceId,
          kind,
          deadline.event,
          JSON.stringify(deadline.payload),
          deadline.dueAt,
          deadline.label,
          version,
          deadline.duty ? 1 : 0,
        ],
      );
    }
  }

  /**
   * Whether claimed deadlines of distinct instances are best fired together: on SQLite they then share
   * group commits; on PostgreSQL each is fired in turn, in due order, on the rows this node claimed.
   */
  get firesTogether(): boolean {
    return this.database.serialised;
  }

  /**
   * Due deadlines not marked failed, soonest first; duties are never sent (someone must, see
   * DeadlineDeclaration.duty), so only timers are claimed. SQLite: one process owns the file, a plain read.
   * PostgreSQL: claimed for `CLAIM_LEASE_MS` by `nodeId`, skipping rows other nodes hold.
   */
  async claimDue(until: string, batchSize: number, nodeId: string, now: Date): Promise<DeadlineEntity[]> {
    if (this.database.serialised) {
      return this.database.sqlRead(async (session) =>
        (
          await session.all<DeadlineRow>(
            `SELECT ${COLUMNS} FROM deadlines WHERE due_at <= ? AND failure IS NULL AND duty = 0 ORDER BY due_at, id LIMIT ?`,
            [until, batchSize],
          )
        ).map(toEntity),
      );
    }
    const rows = await this.database.sqlTransaction((session) =>
      session.all<DeadlineRow>(
        `UPDATE deadlines SET claimed_by = ?, claimed_until = ?
         WHERE id IN (
           SELECT id FROM deadlines
           WHERE due_at <= ? AND failure IS NULL AND duty = 0 AND (claimed_until IS NULL OR claimed_until < ?)
           ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [nodeId, new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(), until, now.toISOString(), batchSize],
      ),
    );
    return rows.map(toEntity).sort((a, b) => (a.dueAt === b.dueAt ? a.id - b.id : a.dueAt < b.dueAt ? -1 : 1));
  }

  /**
   * Marks a deadline that cannot fire, with the reason: kept visible in the agenda, never claimed
   * again until the instance's next event re-derives it. Only the row as claimed is marked (same id,
   * same instance version): a row that another node's event has meanwhile rewritten is left alone.
   * True when the row was marked.
   */
  async markFailed(deadline: Pick<DeadlineEntity, 'id' | 'instanceVersion'>, reason: string): Promise<boolean> {
    const { changes } = await this.database.sqlTransaction((session) =>
      session.run(
        'UPDATE deadlines SET failure = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND instance_version = ? AND failure IS NULL',
        [reason, deadline.id, deadline.instanceVersion],
      ),
    );
    return changes === 1;
  }

  /** The earliest timer that may still fire, to know when to wake up next (a past duty must not keep it awake). */
  async nextDueAt(): Promise<string | undefined> {
    const row = await this.database.sqlRead((session) =>
      session.one<{ due_at: string }>('SELECT due_at FROM deadlines WHERE failure IS NULL AND duty = 0 ORDER BY due_at, id LIMIT 1'),
    );
    return row?.due_at;
  }

  /** How many stored deadlines may still fire (pending) and how many cannot (failed), for the metrics. */
  async counts(): Promise<{ pending: number; failed: number }> {
    const row = await this.database.sqlRead((session) =>
      session.one<{ pending: number | string | null; failed: number | string | null }>(
        'SELECT SUM(CASE WHEN failure IS NULL THEN 1 ELSE 0 END) AS pending, SUM(CASE WHEN failure IS NULL THEN 0 ELSE 1 END) AS failed FROM deadlines',
      ),
    );
    return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0) };
  }

  /**
   * For the dashboard: how many records have a pending deadline due before `now` (a record with
   * several counts once), and how many deadlines are marked as unable to fire (refused by their
   * machine, or not matching their record). Both read partial indexes only (ix_deadlines_pending_due,
   * ix_deadlines_failed).
   */
  async overdueAndFailed(now: string, organisations?: readonly string[]): Promise<{ overdueInstances: number; failed: number }> {
    const walled = organisationCondition('instance_id', organisations, true);
    const and = walled ? ` AND ${walled.clause}` : '';
    return this.database.sqlRead(async (session) => {
      const overdue = await session.one<{ count: number | string }>(`${OVERDUE_INSTANCES_SQL}${and}`, [now, ...(walled?.params ?? [])]);
      const failed = await session.one<{ count: number | string }>(`${FAILED_DEADLINES_SQL}${and}`, walled?.params ?? []);
      return { overdueInstances: Number(overdue?.count ?? 0), failed: Number(failed?.count ?? 0) };
    });
  }

  /** The agenda: one page of pending deadlines across instances, soonest first, failed ones included (marked), and their number. */
  async agenda(filter: AgendaFilter): Promise<{ rows: DeadlineEntity[]; total: number }> {
    const clauses: [string, unknown][] = [];
    if (filter.kind !== undefined) clauses.push(['kind = ?', filter.kind]);
    if (filter.from !== undefined) clauses.push(['due_at >= ?', filter.from]);
    if (filter.to !== undefined) clauses.push(['due_at <= ?', filter.to]);
    const walled = organisationCondition('instance_id', filter.organisations, true);
    const conditions = [...clauses.map(([clause]) => clause), ...(walled ? [walled.clause] : [])];
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    const params = [...clauses.map(([, value]) => value), ...(walled?.params ?? [])];
    // One turn on SQLite; on PostgreSQL the page and the count are two statements, as for the instance list.
    return this.database.sqlRead(async (session) => {
      const rows = await session.all<DeadlineRow>(`SELECT ${COLUMNS} FROM deadlines${where} ORDER BY due_at, id LIMIT ? OFFSET ?`, [
        ...params,
        filter.limit,
        filter.offset,
      ]);
      const counted = await session.one<{ total: number | string }>(`SELECT COUNT(*) AS total FROM deadlines${where}`, params);
      return { rows: rows.map(toEntity), total: Number(counted?.total ?? 0) };
    });
  }

  /** The stored deadlines of some instances (inside the caller's consistent read), by instance, in stored order. */
  async ofInstances(manager: EntityManager, instanceIds: string[]): Promise<Map<string, StoredDeadline[]>> {
    const byInstance = new Map<string, StoredDeadline[]>(instanceIds.map((id) => [id, []]));
    if (instanceIds.length === 0) return byInstance;
    const rows = await manager.find(DeadlineEntity, { where: { instanceId: In(instanceIds) }, order: { instanceId: 'ASC', id: 'ASC' } });
    for (const row of rows) byInstance.get(row.instanceId)?.push(storedDeadlineOf(row));
    return byInstance;
  }

  /** Deadline rows whose instance does not exist (deleted by hand, a partial restore), by instance id. */
  async orphans(manager: EntityManager): Promise<{ instanceId: string; rows: number }[]> {
    const rows: { instance_id: string; count: number | string }[] = await manager.query(
      `SELECT d.instance_id, COUNT(*) AS count FROM deadlines d LEFT JOIN instances i ON i.id = d.instance_id
       WHERE i.id IS NULL GROUP BY d.instance_id ORDER BY d.instance_id`,
    );
    return rows.map((row) => ({ instanceId: row.instance_id, rows: Number(row.count) }));
  }
}

function storedDeadlineOf(row: DeadlineEntity): StoredDeadline {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload;
  }
  return {
    event: row.event,
    dueAt: row.dueAt,
    payload,
    label: row.label,
    instanceVersion: Number(row.instanceVersion),
    failure: row.failure,
    duty: Boolean(row.duty),
  };
}
