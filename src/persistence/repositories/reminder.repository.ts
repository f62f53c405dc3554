import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PendingDeadline } from '../../../machines/shared/deadlines';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { REMINDER_TYPE, remindersOf, type PendingReminder } from '../../notifications/reminder.util';
import { Database } from '../database';
import type { SqlSession } from '../sql-session';
import { sameDeadlines } from './deadline.repository';

interface ReminderRow {
  id: string;
  instance_id: string;
  kind: string;
  seq: number | string;
  remind_at: string;
  params: string;
}

/** The outbox index of a reminder's message: reminders are no effect of their event. */
export const REMINDER_EFFECT_INDEX = -1;

/**
 * Reminders before pending deadlines (docs/notifications.md). They are derived from the deadlines in
 * the transaction that writes them, so a crash loses none: the `reminders` table holds those still to
 * come; when its time comes (the service's clock, simulated or real), a reminder moves to the outbox
 * under its stable id (the outbox's key makes a second move do nothing), and the dispatcher delivers
 * it like any message. A reminder whose deadline moves or goes before its time is dropped with it; one
 * whose time had come when its instance's next event happens is moved to the outbox first, in that
 * event's transaction, so that a deadline that fires at once (a jump of the simulated clock, a
 * catch-up) still has its reminders sent, once, and before it.
 */
@Injectable()
export class ReminderRepository {
  private readonly offsets: Record<string, string[]>;

  constructor(
    @Inject(Database) private readonly database: Database,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'reminders'>,
  ) {
    this.offsets = config?.reminders.offsets ?? {};
  }

  /** Whether a kind has reminders at all (REMINDER_OFFSETS). */
  enabledFor(kind: string): boolean {
    return (this.offsets[kind]?.length ?? 0) > 0;
  }

  /**
   * Inside a command's transaction, beside DeadlineRepository.replace: moves to the outbox the
   * instance's reminders whose time has come by `at` (the event's business instant), then, if its
   * deadlines changed, derives the reminders of the new ones. Returns how many went to the outbox.
   */
  async rederive(
    session: SqlSession,
    source: { instanceId: string; kind: string; seq: number; at: string; createdAt: string; title?: string },
    previous: PendingDeadline[],
    next: PendingDeadline[],
  ): Promise<number> {
    if (!this.enabledFor(source.kind)) return 0;
    const due = await session.all<ReminderRow>(
      'SELECT id, instance_id, kind, seq, remind_at, params FROM reminders WHERE instance_id = ? AND remind_at <= ? ORDER BY remind_at, id',
      [source.instanceId, source.at],
    );
    await this.toOutbox(session, due, source.createdAt);
    if (sameDeadlines(previous, next)) return due.length;
    await session.run('DELETE FROM reminders WHERE instance_id = ?', [source.instanceId]);
    const reminders = remindersOf(source, next, this.offsets[source.kind] ?? [], source.at);
    if (reminders.length === 0) return due.length;
    const sent = new Set(
      (
        await session.all<{ message_id: string }>(
          `SELECT message_id FROM outbox WHERE message_id IN (${reminders.map(() => '?').join(', ')})`,
          reminders.map((reminder) => reminder.id),
        )
      ).map((row) => row.message_id),
    );
    const fresh = reminders.filter((reminder) => !sent.has(reminder.id));
    if (fresh.length > 0) {
      await session.run(
        `INSERT INTO reminders (id, instance_id, kind, seq, remind_at, params, created_at) VALUES ${fresh.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        fresh.flatMap((reminder) => [
          reminder.id,
          reminder.instanceId,
          reminder.kind,
          reminder.seq,
          reminder.remindAt,
          JSON.stringify(reminder.params),
          source.createdAt,
        ]),
      );
    }
    return due.length;
  }

  /**
   * Moves to the outbox every reminder whose time has come by `until`, soonest first, a batch per
   * transaction (PostgreSQL: rows other nodes hold are skipped). Returns how many were moved.
   */
  async releaseDue(until: string, batchSize = 200): Promise<number> {
    if (!Object.values(this.offsets).some((offsets) => offsets.length > 0)) return 0;
    const lock = this.database.serialised ? '' : ' FOR UPDATE SKIP LOCKED';
    let released = 0;
    for (;;) {
      const moved = await this.database.sqlTransaction(async (session) => {
        const due = await session.all<ReminderRow>(
          `SELECT id, instance_id, kind, seq, remind_at, params FROM reminders WHERE remind_at <= ? ORDER BY remind_at, id LIMIT ?${lock}`,
          [until, batchSize],
        );
        await this.toOutbox(session, due, new Date().toISOString());
        return due.length;
      });
      released += moved;
      if (moved < batchSize) return released;
    }
  }

  /** The reminders still to come of an instance, soonest first (tests and tools). */
  async ofInstance(instanceId: string): Promise<PendingReminder[]> {
    return this.database.sqlRead(async (session) =>
      (
        await session.all<ReminderRow>(
          'SELECT id, instance_id, kind, seq, remind_at, params FROM reminders WHERE instance_id = ? ORDER BY remind_at, id',
          [instanceId],
        )
      ).map((row) => ({
        id: row.id,
        instanceId: row.instance_id,
        kind: row.kind,
        seq: Number(row.seq),
        remindAt: row.remind_at,
        params: JSON.parse(row.params) as PendingReminder['params'],
      })),
    );
  }

  /** One outbox row per reminder (its id as the message id; one already there stays as it is), and the reminders gone. */
  private async toOutbox(session: SqlSession, rows: ReminderRow[], createdAt: string): Promise<void> {
    if (rows.length === 0) return;
    await session.run(
      `INSERT INTO outbox (message_id, instance_id, kind, seq, effect_index, type, params, occurred_at, created_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (message_id) DO NOTHING`,
      rows.flatMap((row) => [
        row.id,
        row.instance_id,
        row.kind,
        Number(row.seq),
        REMINDER_EFFECT_INDEX,
        REMINDER_TYPE,
        row.params,
        row.remind_at,
        createdAt,
      ]),
    );
    await session.run(
      `DELETE FROM reminders WHERE id IN (${rows.map(() => '?').join(', ')})`,
      rows.map((row) => row.id),
    );
  }
}
