import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { EngineService } from '../engine/engine.service';
import { Database } from '../persistence/database';
import { DeadlineEntity } from '../persistence/entities/deadline.entity';

export const SCHEDULER_ACTOR = 'scheduler';

export interface FiredDeadline {
  instanceId: string;
  kind: string;
  event: string;
  dueAt: string;
  outcome: 'applied' | 'refused';
  state?: string;
  reason?: string;
}

/** The deadlines before the first that belongs to an instance already in the run. */
export function distinctInstancesPrefix<T extends { instanceId: string }>(deadlines: T[]): T[] {
  const seen = new Set<string>();
  const run: T[] = [];
  for (const deadline of deadlines) {
    if (seen.has(deadline.instanceId)) break;
    seen.add(deadline.instanceId);
    run.push(deadline);
  }
  return run;
}

/** Deadlines of one claimed batch sent to the engine at once. */
const CONCURRENT_FIRES = 64;

/** How long a claim keeps other scheduler nodes off a deadline (PostgreSQL, several nodes). */
const CLAIM_LEASE_MS = 30_000;

/**
 * Fires due deadlines through the engine, like any command, as the `scheduler` with `at` = the due
 * instant. Exactly once: each poke states the instance version the deadline was derived from, so a
 * duplicate or late poke (another node, a retry after a crash) meets a version conflict and does
 * nothing; the machine's guard still rechecks the date.
 */
@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger('Scheduler');
  private readonly nodeId = `${SCHEDULER_ACTOR}-${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(EngineService) private readonly engine: EngineService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Fires everything due at or before `until` (default: now), in due order, including deadlines that
   * the fired events create (cascade), until nothing due is left.
   */
  async fireDue(until: Date = this.clock.now(), batchSize = 200, actor = SCHEDULER_ACTOR): Promise<FiredDeadline[]> {
    const fired: FiredDeadline[] = [];
    const limit = until.toISOString();
    for (;;) {
      const batch = await this.claimDue(limit, batchSize);
      if (batch.length === 0) return fired;
      if (!this.database.serialised) {
        // PostgreSQL: one at a time, in due order (claimed rows are this node's for the lease).
        for (const deadline of batch) {
          const result = await this.fire(deadline, actor);
          if (result) fired.push(result);
        }
        continue;
      }
      // SQLite: the longest run of due deadlines on distinct instances, sent together in due order.
      // They queue in that order and share group commits; the run stops at an instance's second
      // deadline, which comes back, re-derived, in the next round. Due order is kept throughout.
      const run = distinctInstancesPrefix(batch);
      for (let start = 0; start < run.length; start += CONCURRENT_FIRES) {
        const results = await Promise.all(run.slice(start, start + CONCURRENT_FIRES).map((deadline) => this.fire(deadline, actor)));
        for (const result of results) if (result) fired.push(result);
      }
    }
  }

  /** The earliest pending deadline, to know when to wake up next. */
  async nextDueAt(): Promise<string | undefined> {
    const next = await this.database.read((manager) =>
      manager.findOne(DeadlineEntity, { where: { failure: IsNull() }, order: { dueAt: 'ASC', id: 'ASC' }, select: { dueAt: true } }),
    );
    return next?.dueAt;
  }

  private async fire(deadline: DeadlineEntity, actor: string): Promise<FiredDeadline | undefined> {
    const base = { instanceId: deadline.instanceId, kind: deadline.kind, event: deadline.event, dueAt: deadline.dueAt };
    try {
      const view = await this.engine.apply(
        deadline.instanceId,
        {
          type: deadline.event,
          at: deadline.dueAt,
          expectedVersion: deadline.instanceVersion,
          payload: JSON.parse(deadline.payload) as Record<string, unknown>,
        },
        actor,
        { trustedTime: true },
      );
      return { ...base, outcome: 'applied', state: view.state };
    } catch (error) {
      if (error instanceof DomainError && (error.code === ErrorCode.VERSION_CONFLICT || error.code === ErrorCode.INSTANCE_NOT_FOUND)) {
        // Another node (or an earlier run) already moved the instance on: its deadlines were rewritten.
        return undefined;
      }
      const reason = error instanceof Error ? error.message : String(error);
      // A machine that refuses its own deadline keeps it visible, marked, and not retried in a loop.
      await this.database.transaction((manager) =>
        manager.update(
          DeadlineEntity,
          { id: deadline.id, instanceVersion: deadline.instanceVersion },
          { failure: reason, claimedBy: null, claimedUntil: null },
        ),
      );
      this.logger.warn(`Deadline ${deadline.event} of ${deadline.instanceId} refused: ${reason}`);
      return { ...base, outcome: 'refused', reason };
    }
  }

  private async claimDue(limit: string, batchSize: number): Promise<DeadlineEntity[]> {
    const now = this.clock.now();
    if (this.database.serialised) {
      // One process owns a SQLite file: no other node to keep off.
      return this.database.read((manager) =>
        manager.find(DeadlineEntity, {
          where: { dueAt: LessThanOrEqual(limit), failure: IsNull() },
          order: { dueAt: 'ASC', id: 'ASC' },
          take: batchSize,
        }),
      );
    }
    return this.database.transaction((manager) => this.claimOnPostgres(manager, limit, batchSize, now));
  }

  private async claimOnPostgres(manager: EntityManager, limit: string, batchSize: number, now: Date): Promise<DeadlineEntity[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `UPDATE deadlines SET claimed_by = $1, claimed_until = $2
       WHERE id IN (
         SELECT id FROM deadlines
         WHERE due_at <= $3 AND failure IS NULL AND (claimed_until IS NULL OR claimed_until < $4)
         ORDER BY due_at, id LIMIT $5 FOR UPDATE SKIP LOCKED)
       RETURNING id, instance_id, kind, event, payload, due_at, label, instance_version`,
      [this.nodeId, new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(), limit, now.toISOString(), batchSize],
    );
    const claimed = (Array.isArray(rows[0]) ? (rows[0] as Record<string, unknown>[]) : rows).map((row) => ({
      id: Number(row.id),
      instanceId: String(row.instance_id),
      kind: String(row.kind),
      event: String(row.event),
      payload: String(row.payload),
      dueAt: String(row.due_at),
      label: String(row.label),
      instanceVersion: Number(row.instance_version),
      claimedBy: this.nodeId,
      claimedUntil: null,
      failure: null,
    }));
    return claimed.sort((a, b) => (a.dueAt === b.dueAt ? a.id - b.id : a.dueAt < b.dueAt ? -1 : 1));
  }
}
