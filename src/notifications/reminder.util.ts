import { DateTime, Duration } from 'luxon';
import type { PendingDeadline } from '../../machines/shared/deadlines';
import { uuidV5 } from './message-id.util';

/** The effect type of every reminder, for webhook subscribers and the outbox. */
export const REMINDER_TYPE = 'reminder';

/** Reminders count back from due instants in the calendar of business dates (a week before, across summer time). */
const ZONE = 'Europe/Paris';

/** What a reminder says, as its message's params. */
export interface ReminderParams {
  /** The deadline's event (`DUTY_DUE`, `INFORM_BIDDER`…), its label and payload, as the agenda shows them. */
  event: string;
  label: string;
  payload: Record<string, unknown>;
  dueAt: string;
  /** A duty (someone must act by `dueAt`) rather than a timer (the service acts at `dueAt`). */
  duty: boolean;
  /** How long before `dueAt` (ISO 8601 duration) and the instant that gives. */
  offset: string;
  remindAt: string;
  /** The record's title, when it has one. */
  title?: string;
}

/** A reminder still to send, as the reminders table keeps it until its time comes. */
export interface PendingReminder {
  id: string;
  instanceId: string;
  kind: string;
  /** The instance version it was derived at (its outbox message's `seq`). */
  seq: number;
  remindAt: string;
  params: ReminderParams;
}

/**
 * The stable id of a reminder: the instance, the deadline (event, payload, due instant) and the
 * offset. The same reminder of the same deadline always has the same id, however often it is derived;
 * a deadline that moves is another deadline, with other reminders.
 */
export function reminderIdOf(instanceId: string, deadline: Pick<PendingDeadline, 'event' | 'payload' | 'dueAt'>, offset: string): string {
  return uuidV5(`reminder:${instanceId}:${deadline.event}:${JSON.stringify(deadline.payload)}:${deadline.dueAt}:${offset}`);
}

/** `dueAt` less `offset`, counted in Europe/Paris (P1D before 9:00 is 9:00 the day before, even across a change of time). */
export function remindAtOf(dueAt: string, offset: string): string | undefined {
  const due = DateTime.fromISO(dueAt, { zone: ZONE });
  const duration = Duration.fromISO(offset);
  if (!due.isValid || !duration.isValid) return undefined;
  return new Date(due.minus(duration).toMillis()).toISOString();
}

/**
 * The reminders of an instance's pending deadlines (timers and duties), one per offset, whose time is
 * still to come after `after` (the event that derived them): a reminder whose time was already past
 * when its deadline appeared is not sent late.
 */
export function remindersOf(
  source: { instanceId: string; kind: string; seq: number; title?: string },
  deadlines: readonly PendingDeadline[],
  offsets: readonly string[],
  after: string,
): PendingReminder[] {
  const reminders: PendingReminder[] = [];
  for (const deadline of deadlines) {
    for (const offset of offsets) {
      const remindAt = remindAtOf(deadline.dueAt, offset);
      if (remindAt === undefined || remindAt <= after || remindAt >= deadline.dueAt) continue;
      reminders.push({
        id: reminderIdOf(source.instanceId, deadline, offset),
        instanceId: source.instanceId,
        kind: source.kind,
        seq: source.seq,
        remindAt,
        params: {
          event: deadline.event,
          label: deadline.label,
          payload: deadline.payload,
          dueAt: deadline.dueAt,
          duty: deadline.duty === true,
          offset,
          remindAt,
          ...(source.title !== undefined ? { title: source.title } : {}),
        },
      });
    }
  }
  return reminders;
}
