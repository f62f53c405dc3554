import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { InstanceCommandsService } from '../instances/instance-commands.service';
import { Metrics } from '../observability/metrics';
import type { DeadlineEntity } from '../persistence/entities/deadline.entity';
import { OutboxSignal } from '../notifications/outbox-signal';
import { DeadlineRepository } from '../persistence/repositories/deadline.repository';
import { ReminderRepository } from '../persistence/repositories/reminder.repository';

export const SCHEDULER_ACTOR = 'scheduler';

export interface FiredDeadline {
  instanceId: string;
  kind: string;
  event: string;
  dueAt: string;
  /** applied: the event was recorded; refused: the machine refused it; failed: it cannot fire (see reason). */
  outcome: 'applied' | 'refused' | 'failed';
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

/** The same deadline (instance, event, due instant, payload) met again in one run: it did not move on. */
function firingKey(deadline: DeadlineEntity): string {
  return `${deadline.instanceId}|${deadline.event}|${deadline.dueAt}|${deadline.payload}`;
}

/**
 * Fires due deadlines through the command side, like any command, as the `scheduler` with `at` = the
 * due instant. Exactly once: each poke states the instance version the deadline was derived from, so a
 * duplicate or late poke (another node, a retry after a crash) meets a version conflict and does
 * nothing; the machine's guard still rechecks the date.
 *
 * A deadline row that cannot fire (its instance is gone, or the row no longer matches the instance:
 * a hand edit, a partial restore) is marked failed with the reason, never retried in a loop; so is one
 * that firing does not move on. `verify` reports such rows.
 */
@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger('Scheduler');
  private readonly nodeId = `${SCHEDULER_ACTOR}-${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(DeadlineRepository) private readonly deadlines: DeadlineRepository,
    @Inject(InstanceCommandsService) private readonly commands: InstanceCommandsService,
    @Inject(Clock) private readonly clock: Clock,
    @Optional() @Inject(Metrics) private readonly metrics?: Metrics,
    @Optional() @Inject(ReminderRepository) private readonly reminders?: ReminderRepository,
    @Optional() @Inject(OutboxSignal) private readonly outboxSignal?: OutboxSignal,
  ) {}

  /**
   * Moves the reminders whose time has come by `until` to the outbox (those of instances whose own
   * events come first go in those events' transactions, see ReminderRepository).
   */
  async releaseReminders(until: string): Promise<number> {
    if (!this.reminders) return 0;
    const released = await this.reminders.releaseDue(until);
    if (released > 0) this.outboxSignal?.written();
    return released;
  }

  /**
   * Fires everything due at or before `until` (default: now), in due order, including deadlines that
   * the fired events create (cascade), until nothing due is left.
   */
  async fireDue(until: Date = this.clock.now(), batchSize = 200, actor = SCHEDULER_ACTOR): Promise<FiredDeadline[]> {
    const fired: FiredDeadline[] = [];
    const limit = until.toISOString();
    // What this run applied: the same deadline met again means firing did not move it on.
    const applied = new Set<string>();
    const fireAll = async (deadlines: DeadlineEntity[]) => {
      const results = await Promise.all(deadlines.map((deadline) => this.fire(deadline, actor)));
      results.forEach((result, index) => {
        if (!result) return;
        if (result.outcome === 'applied') applied.add(firingKey(deadlines[index]));
        fired.push(result);
      });
    };
    for (;;) {
      const batch = await this.deadlines.claimDue(limit, batchSize, this.nodeId, this.clock.now());
      if (batch.length === 0) {
        // The reminders due by now, those the fired events derived included. Released after the first
        // claim, not before: claiming first keeps a clock advance ahead of this node's own loop.
        await this.releaseReminders(limit);
        return fired;
      }
      const fresh: DeadlineEntity[] = [];
      for (const deadline of batch) {
        if (!applied.has(firingKey(deadline))) fresh.push(deadline);
        else {
          const reason = `Firing ${deadline.event} did not move the deadline of ${deadline.dueAt} on: the instance still declares it due.`;
          const failed = await this.fail(deadline, reason, 'failed');
          if (failed) fired.push(failed);
        }
      }
      if (!this.deadlines.firesTogether) {
        // PostgreSQL: one at a time, in due order (claimed rows are this node's for the lease).
        for (const deadline of fresh) await fireAll([deadline]);
        continue;
      }
      // SQLite: the longest run of due deadlines on distinct instances, sent together in due order.
      // They queue in that order and share group commits; the run stops at an instance's second
      // deadline, which comes back, re-derived, in the next round. Due order is kept throughout.
      const run = distinctInstancesPrefix(fresh);
      for (let start = 0; start < run.length; start += CONCURRENT_FIRES) await fireAll(run.slice(start, start + CONCURRENT_FIRES));
    }
  }

  /** The earliest deadline that may still fire, to know when to wake up next. */
  async nextDueAt(): Promise<string | undefined> {
    return this.deadlines.nextDueAt();
  }

  private async fire(deadline: DeadlineEntity, actor: string): Promise<FiredDeadline | undefined> {
    try {
      const view = await this.commands.apply(
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
      // Fired time minus due time: on the simulated clock the clock stands at the due instant (0).
      const latenessMs = this.clock.now().getTime() - Date.parse(deadline.dueAt);
      this.metrics?.deadlineFired(latenessMs);
      this.logger.log(
        {
          instanceId: deadline.instanceId,
          kind: deadline.kind,
          event: deadline.event,
          dueAt: deadline.dueAt,
          latenessMs,
          outcome: 'applied',
          state: view.state,
        },
        'deadline fired',
      );
      return {
        instanceId: deadline.instanceId,
        kind: deadline.kind,
        event: deadline.event,
        dueAt: deadline.dueAt,
        outcome: 'applied',
        state: view.state,
      };
    } catch (error) {
      if (error instanceof DomainError && (error.code === ErrorCode.VERSION_CONFLICT || error.code === ErrorCode.INSTANCE_NOT_FOUND)) {
        // Usually another node (or an earlier run) moved the instance on and rewrote its deadlines in
        // the same transaction: then this row is gone and marking it changes nothing. If the row is
        // still there as claimed, it does not match its instance and could never fire.
        const reason =
          error.code === ErrorCode.INSTANCE_NOT_FOUND
            ? `The instance ${deadline.instanceId} does not exist: this deadline cannot fire.`
            : `The deadline was derived at version ${deadline.instanceVersion}, which is not the instance's current version: it cannot fire (run verify).`;
        return this.fail(deadline, reason, 'failed', true);
      }
      const reason = error instanceof Error ? error.message : String(error);
      // A machine that refuses its own deadline keeps it visible, marked, and not retried in a loop.
      return this.fail(deadline, reason, 'refused');
    }
  }

  /**
   * Marks the claimed row with the reason and reports it. With `onlyIfMarked`, a row that another
   * node's event rewrote meanwhile (nothing to mark) is not reported.
   */
  private async fail(
    deadline: DeadlineEntity,
    reason: string,
    outcome: 'refused' | 'failed',
    onlyIfMarked = false,
  ): Promise<FiredDeadline | undefined> {
    if (!(await this.deadlines.markFailed(deadline, reason)) && onlyIfMarked) return undefined;
    this.logger.warn(
      {
        instanceId: deadline.instanceId,
        kind: deadline.kind,
        event: deadline.event,
        dueAt: deadline.dueAt,
        latenessMs: this.clock.now().getTime() - Date.parse(deadline.dueAt),
        outcome,
        reason,
      },
      outcome === 'refused' ? 'deadline refused' : 'deadline cannot fire',
    );
    return { instanceId: deadline.instanceId, kind: deadline.kind, event: deadline.event, dueAt: deadline.dueAt, outcome, reason };
  }
}
