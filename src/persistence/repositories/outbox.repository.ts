import { Inject, Injectable } from '@nestjs/common';
import { deliveryIdOf, uuidV5 } from '../../notifications/message-id.util';
import { Database } from '../database';
import type { SqlSession } from '../sql-session';

/** One effect of one committed event, as the outbox keeps it (params as JSON text). */
export interface OutboxMessage {
  messageId: string;
  instanceId: string;
  kind: string;
  seq: number;
  effectIndex: number;
  type: string;
  params: string;
  /** The event's business instant. */
  occurredAt: string;
  /** When the event was written (real clock). */
  createdAt: string;
}

export interface StoredOutboxMessage extends OutboxMessage {
  /** When the dispatcher created its deliveries; null until then. */
  dispatchedAt: string | null;
}

/** An e-mail of a message, as the fan-out stores it: rendered once, sent the same at every attempt. */
export interface EmailToDeliver {
  to: string;
  subject: string;
  text: string;
}

/** The e-mails of a message, given the record's context (undefined: e-mail is off). */
export type EmailRenderer = (message: StoredOutboxMessage, context: unknown) => EmailToDeliver[];

/** The key of an e-mail recipient in place of a subscription: one delivery per (message, address, without case). */
export function recipientKeyOf(address: string): string {
  return uuidV5(`email:${address.toLowerCase()}`);
}

/** A subscription as the fan-out matches it: null lists match everything. */
export interface SubscriptionFilter {
  id: string;
  events: string[] | null;
  kinds: string[] | null;
  /** The organisations whose records' messages it receives. */
  organisations: string[];
  createdAt: string;
}

interface OutboxRow {
  message_id: string;
  instance_id: string;
  kind: string;
  seq: number | string;
  effect_index: number | string;
  type: string;
  params: string;
  occurred_at: string;
  created_at: string;
  dispatched_at: string | null;
}

const COLUMNS = 'message_id, instance_id, kind, seq, effect_index, type, params, occurred_at, created_at, dispatched_at';
const INSERT_COLUMNS = 'message_id, instance_id, kind, seq, effect_index, type, params, occurred_at, created_at';

function toMessage(row: OutboxRow): StoredOutboxMessage {
  return {
    messageId: row.message_id,
    instanceId: row.instance_id,
    kind: row.kind,
    seq: Number(row.seq),
    effectIndex: Number(row.effect_index),
    type: row.type,
    params: row.params,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    dispatchedAt: row.dispatched_at,
  };
}

/**
 * Whether a subscription receives a message: of a record of one of its organisations, its events
 * and kinds (null: all), and only messages committed since it was created.
 */
export function subscriptionMatches(
  subscription: SubscriptionFilter,
  message: Pick<OutboxMessage, 'type' | 'kind' | 'createdAt'>,
  organisation: string | undefined,
): boolean {
  return (
    organisation !== undefined &&
    subscription.organisations.includes(organisation) &&
    (subscription.events === null || subscription.events.includes(message.type)) &&
    (subscription.kinds === null || subscription.kinds.includes(message.kind)) &&
    subscription.createdAt <= message.createdAt
  );
}

/**
 * The outbox (DESIGN rule 8): the effects of each committed event, written in the event's own
 * transaction, then taken up by the dispatcher, which creates one delivery per matching subscription
 * in one transaction with marking the message dispatched. A crash in between loses nothing: the
 * message stays undispatched and the next pass (of any node) takes it up; the unique
 * (message, subscription) pair makes a second fan-out create nothing twice.
 */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  /** Inside a command's transaction: one statement for all of a decision's effects (none: no statement). */
  async append(session: SqlSession, messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const values = messages.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    await session.run(
      `INSERT INTO outbox (${INSERT_COLUMNS}) VALUES ${values}`,
      messages.flatMap((message) => [
        message.messageId,
        message.instanceId,
        message.kind,
        message.seq,
        message.effectIndex,
        message.type,
        message.params,
        message.occurredAt,
        message.createdAt,
      ]),
    );
  }

  /**
   * Takes up to `batchSize` undispatched messages, oldest first, creates their deliveries to the
   * current subscriptions that match, and marks them dispatched, all in one transaction. On
   * PostgreSQL the rows are locked and other nodes skip them. With `emails`, also one e-mail
   * delivery per recipient its templates name, rendered from the record as it stands. Returns the
   * messages taken up.
   */
  async fanOut(batchSize: number, now: string, emails?: EmailRenderer): Promise<number> {
    const lock = this.database.serialised ? '' : ' FOR UPDATE SKIP LOCKED';
    return this.database.sqlTransaction(async (session) => {
      const rows = await session.all<OutboxRow>(
        `SELECT ${COLUMNS} FROM outbox WHERE dispatched_at IS NULL ORDER BY created_at, message_id LIMIT ?${lock}`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const subscriptions = (
        await session.all<{ id: string; events: string | null; kinds: string | null; organisations: string; created_at: string }>(
          'SELECT id, events, kinds, organisations, created_at FROM webhook_subscriptions WHERE deleted_at IS NULL',
        )
      ).map((row): SubscriptionFilter => ({
        id: row.id,
        events: row.events === null ? null : (JSON.parse(row.events) as string[]),
        kinds: row.kinds === null ? null : (JSON.parse(row.kinds) as string[]),
        organisations: JSON.parse(row.organisations) as string[],
        createdAt: row.created_at,
      }));
      const instanceIds = [...new Set(rows.map((row) => row.instance_id))];
      const organisationOf = new Map(
        (
          await session.all<{ id: string; organisation: string }>(
            `SELECT id, organisation FROM instances WHERE id IN (${instanceIds.map(() => '?').join(', ')})`,
            instanceIds,
          )
        ).map((row) => [row.id, row.organisation]),
      );
      for (const message of rows.map(toMessage)) {
        for (const subscription of subscriptions) {
          if (!subscriptionMatches(subscription, message, organisationOf.get(message.instanceId))) continue;
          await session.run(
            `INSERT INTO webhook_deliveries (id, message_id, subscription_id, instance_id, kind, seq, type, status, attempts, next_attempt_at, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (message_id, subscription_id) DO NOTHING`,
            [
              deliveryIdOf(message.messageId, subscription.id),
              message.messageId,
              subscription.id,
              message.instanceId,
              message.kind,
              message.seq,
              message.type,
              now,
              now,
            ],
          );
        }
        if (emails) await this.fanOutEmails(session, message, emails, now);
        await session.run('UPDATE outbox SET dispatched_at = ? WHERE message_id = ?', [now, message.messageId]);
      }
      return rows.length;
    });
  }

  private async fanOutEmails(session: SqlSession, message: StoredOutboxMessage, emails: EmailRenderer, now: string): Promise<void> {
    const row = await session.one<{ snapshot: string }>('SELECT snapshot FROM instances WHERE id = ?', [message.instanceId]);
    const context = row ? (JSON.parse(row.snapshot) as { context?: unknown }).context : undefined;
    for (const email of emails(message, context)) {
      const key = recipientKeyOf(email.to);
      await session.run(
        `INSERT INTO webhook_deliveries (id, message_id, channel, subscription_id, recipient, subject, body, instance_id, kind, seq, type, status, attempts, next_attempt_at, created_at)
         VALUES (?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (message_id, subscription_id) DO NOTHING`,
        [
          deliveryIdOf(message.messageId, key),
          message.messageId,
          key,
          email.to,
          email.subject,
          email.text,
          message.instanceId,
          message.kind,
          message.seq,
          message.type,
          now,
          now,
        ],
      );
    }
  }

  /** Whether some message waits for its fan-out. */
  async hasUndispatched(): Promise<boolean> {
    const row = await this.database.sqlRead((session) => session.one('SELECT message_id FROM outbox WHERE dispatched_at IS NULL LIMIT 1'));
    return row !== undefined;
  }

  /** The messages of one instance, in event order, a page at a time, and their number. */
  async ofInstance(instanceId: string, limit: number, offset: number): Promise<{ rows: StoredOutboxMessage[]; total: number }> {
    return this.database.sqlRead(async (session) => {
      const rows = await session.all<OutboxRow>(
        `SELECT ${COLUMNS} FROM outbox WHERE instance_id = ? ORDER BY seq, effect_index LIMIT ? OFFSET ?`,
        [instanceId, limit, offset],
      );
      const counted = await session.one<{ total: number | string }>('SELECT COUNT(*) AS total FROM outbox WHERE instance_id = ?', [
        instanceId,
      ]);
      return { rows: rows.map(toMessage), total: Number(counted?.total ?? 0) };
    });
  }

  /** The messages written by one event (tests and tools). */
  async ofEvent(instanceId: string, seq: number): Promise<StoredOutboxMessage[]> {
    return this.database.sqlRead(async (session) =>
      (
        await session.all<OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE instance_id = ? AND seq = ? ORDER BY effect_index`, [
          instanceId,
          seq,
        ])
      ).map(toMessage),
    );
  }
}
