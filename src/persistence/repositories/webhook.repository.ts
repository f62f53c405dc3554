import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database';
import { organisationCondition } from './organisation-filter';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** How a delivery goes: POSTed to a webhook subscription, or mailed to a recipient. */
export type DeliveryChannel = 'webhook' | 'email';

/** A webhook subscription as stored: secrets in clear, since signing needs them. */
export interface StoredSubscription {
  id: string;
  url: string;
  events: string[] | null;
  kinds: string[] | null;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  secretRotatedAt: string | null;
  createdAt: string;
  createdBy: string;
  /** The organisations of the administrator who made it: it receives the messages of their records only. */
  organisations: string[];
  deletedAt: string | null;
}

/** A delivery of one message to one subscription (its address) or one e-mail recipient. */
export interface StoredDelivery {
  id: string;
  messageId: string;
  channel: DeliveryChannel;
  /** The webhook subscription; null for an e-mail. */
  subscriptionId: string | null;
  /** The subscription's address (empty once it is deleted); `mailto:` and the recipient for an e-mail. */
  url: string;
  /** An e-mail's recipient; null for a webhook. */
  recipient: string | null;
  instanceId: string;
  kind: string;
  seq: number;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** What an attempt needs: the delivery, its message and the subscription's address and secrets (or the e-mail). */
export interface DeliveryToSend {
  id: string;
  messageId: string;
  channel: DeliveryChannel;
  subscriptionId: string;
  /** An e-mail's recipient, subject and text (rendered once, when the message was taken up). */
  recipient: string | null;
  subject: string | null;
  body: string | null;
  instanceId: string;
  kind: string;
  seq: number;
  type: string;
  attempts: number;
  params: string;
  occurredAt: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  deleted: boolean;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  instanceId?: string;
  subscriptionId?: string;
  /** Only the deliveries of records of these organisations (undefined: every organisation's). */
  organisations?: readonly string[];
  limit: number;
  offset: number;
}

/** The outcome of one attempt, as recorded. */
export interface AttemptRecord {
  status: DeliveryStatus;
  attempts: number;
  at: string;
  nextAttemptAt: string | null;
  statusCode: number | null;
  error: string | null;
}

interface SubscriptionRow {
  id: string;
  url: string;
  events: string | null;
  kinds: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  secret_rotated_at: string | null;
  created_at: string;
  created_by: string;
  organisations: string;
  deleted_at: string | null;
}

interface DeliveryRow {
  id: string;
  message_id: string;
  channel: DeliveryChannel;
  subscription_id: string;
  url: string | null;
  recipient: string | null;
  instance_id: string;
  kind: string;
  seq: number | string;
  type: string;
  status: DeliveryStatus;
  attempts: number | string;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | string | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

const SUBSCRIPTION_COLUMNS =
  'id, url, events, kinds, secret, previous_secret, previous_secret_expires_at, secret_rotated_at, created_at, created_by, organisations, deleted_at';
const DELIVERY_COLUMNS =
  'd.id, d.message_id, d.channel, d.subscription_id, s.url, d.recipient, d.instance_id, d.kind, d.seq, d.type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at, d.created_at';
const DELIVERY_FROM = 'webhook_deliveries d LEFT JOIN webhook_subscriptions s ON s.id = d.subscription_id';

function list(text: string | null): string[] | null {
  return text === null ? null : (JSON.parse(text) as string[]);
}

function toSubscription(row: SubscriptionRow): StoredSubscription {
  return {
    id: row.id,
    url: row.url,
    events: list(row.events),
    kinds: list(row.kinds),
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    secretRotatedAt: row.secret_rotated_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    organisations: JSON.parse(row.organisations) as string[],
    deletedAt: row.deleted_at,
  };
}

function toDelivery(row: DeliveryRow): StoredDelivery {
  return {
    id: row.id,
    messageId: row.message_id,
    channel: row.channel,
    subscriptionId: row.channel === 'email' ? null : row.subscription_id,
    url: row.channel === 'email' ? `mailto:${row.recipient ?? ''}` : (row.url ?? ''),
    recipient: row.channel === 'email' ? row.recipient : null,
    instanceId: row.instance_id,
    kind: row.kind,
    seq: Number(row.seq),
    type: row.type,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

/**
 * Webhook subscriptions and their deliveries. Deliveries are claimed like the scheduler's deadlines:
 * on SQLite one process owns the file and reads what is due; on PostgreSQL a node claims due rows for
 * a lease (`FOR UPDATE SKIP LOCKED`), so that two nodes never send the same delivery at the same
 * time, and records an attempt only on a row it still holds.
 */
@Injectable()
export class WebhookRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  async insertSubscription(subscription: StoredSubscription): Promise<void> {
    await this.database.sqlTransaction((session) =>
      session.run(`INSERT INTO webhook_subscriptions (${SUBSCRIPTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        subscription.id,
        subscription.url,
        subscription.events === null ? null : JSON.stringify(subscription.events),
        subscription.kinds === null ? null : JSON.stringify(subscription.kinds),
        subscription.secret,
        subscription.previousSecret,
        subscription.previousSecretExpiresAt,
        subscription.secretRotatedAt,
        subscription.createdAt,
        subscription.createdBy,
        JSON.stringify(subscription.organisations),
        subscription.deletedAt,
      ]),
    );
  }

  async subscription(id: string): Promise<StoredSubscription | undefined> {
    const row = await this.database.sqlRead((session) =>
      session.one<SubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE id = ? AND deleted_at IS NULL`, [id]),
    );
    return row ? toSubscription(row) : undefined;
  }

  /**
   * The current subscriptions, oldest first, a page at a time, and their number; with
   * `organisations`, only those whose organisations are all among them (few subscriptions: filtered here).
   */
  async subscriptions(
    limit: number,
    offset: number,
    organisations?: readonly string[],
  ): Promise<{ rows: StoredSubscription[]; total: number }> {
    if (organisations !== undefined) {
      const all = await this.database.sqlRead((session) =>
        session.all<SubscriptionRow>(
          `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY created_at, id`,
        ),
      );
      const own = all.map(toSubscription).filter((subscription) => subscriptionWithin(subscription, organisations));
      return { rows: own.slice(offset, offset + limit), total: own.length };
    }
    return this.database.sqlRead(async (session) => {
      const rows = await session.all<SubscriptionRow>(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT ? OFFSET ?`,
        [limit, offset],
      );
      const counted = await session.one<{ total: number | string }>(
        'SELECT COUNT(*) AS total FROM webhook_subscriptions WHERE deleted_at IS NULL',
      );
      return { rows: rows.map(toSubscription), total: Number(counted?.total ?? 0) };
    });
  }

  /**
   * Deletes a subscription (kept, marked deleted, for the deliveries that name it) and ends its pending
   * deliveries as dead, in one transaction. False when there is no such current subscription.
   */
  async deleteSubscription(id: string, now: string): Promise<boolean> {
    return this.database.sqlTransaction(async (session) => {
      const { changes } = await session.run(
        'UPDATE webhook_subscriptions SET deleted_at = ?, secret = ?, previous_secret = NULL, previous_secret_expires_at = NULL WHERE id = ? AND deleted_at IS NULL',
        [now, '', id],
      );
      if (changes === 0) return false;
      await session.run(
        `UPDATE webhook_deliveries SET status = 'dead', next_attempt_at = NULL, last_error = ?, claimed_by = NULL, claimed_until = NULL
         WHERE subscription_id = ? AND status = 'pending'`,
        ['The subscription was deleted.', id],
      );
      return true;
    });
  }

  /** A new secret; the current one becomes the previous one until `previousExpiresAt`. False when there is no such subscription. */
  async rotateSecret(id: string, secret: string, previousExpiresAt: string, now: string): Promise<boolean> {
    const { changes } = await this.database.sqlTransaction((session) =>
      session.run(
        `UPDATE webhook_subscriptions SET previous_secret = secret, previous_secret_expires_at = ?, secret = ?, secret_rotated_at = ?
         WHERE id = ? AND deleted_at IS NULL`,
        [previousExpiresAt, secret, now, id],
      ),
    );
    return changes === 1;
  }

  /**
   * Pending deliveries whose next attempt is due, soonest first. SQLite: a plain read. PostgreSQL:
   * claimed by `nodeId` until `claimedUntil`, skipping rows other nodes hold.
   */
  async claimDue(now: string, batchSize: number, nodeId: string, claimedUntil: string): Promise<string[]> {
    if (this.database.serialised) {
      const rows = await this.database.sqlRead((session) =>
        session.all<{ id: string }>(
          "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
          [now, batchSize],
        ),
      );
      return rows.map((row) => row.id);
    }
    const rows = await this.database.sqlTransaction((session) =>
      session.all<{ id: string }>(
        `UPDATE webhook_deliveries SET claimed_by = ?, claimed_until = ?
         WHERE id IN (
           SELECT id FROM webhook_deliveries
           WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
           ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [nodeId, claimedUntil, now, now, batchSize],
      ),
    );
    return rows.map((row) => row.id);
  }

  /** What the claimed deliveries need to be sent: their messages and their subscriptions. */
  async toSend(ids: string[]): Promise<DeliveryToSend[]> {
    if (ids.length === 0) return [];
    const rows = await this.database.sqlRead((session) =>
      session.all<{
        id: string;
        message_id: string;
        channel: DeliveryChannel;
        subscription_id: string;
        recipient: string | null;
        subject: string | null;
        body: string | null;
        instance_id: string;
        kind: string;
        seq: number | string;
        type: string;
        attempts: number | string;
        params: string;
        occurred_at: string;
        url: string | null;
        secret: string | null;
        previous_secret: string | null;
        previous_secret_expires_at: string | null;
        deleted_at: string | null;
      }>(
        `SELECT d.id, d.message_id, d.channel, d.subscription_id, d.recipient, d.subject, d.body, d.instance_id, d.kind, d.seq, d.type,
                d.attempts, o.params, o.occurred_at, s.url, s.secret, s.previous_secret, s.previous_secret_expires_at, s.deleted_at
         FROM webhook_deliveries d JOIN outbox o ON o.message_id = d.message_id LEFT JOIN webhook_subscriptions s ON s.id = d.subscription_id
         WHERE d.id IN (${ids.map(() => '?').join(', ')}) AND d.status = 'pending'
         ORDER BY d.next_attempt_at, d.id`,
        ids,
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      channel: row.channel,
      subscriptionId: row.subscription_id,
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
      instanceId: row.instance_id,
      kind: row.kind,
      seq: Number(row.seq),
      type: row.type,
      attempts: Number(row.attempts),
      params: row.params,
      occurredAt: row.occurred_at,
      url: row.url ?? '',
      secret: row.secret ?? '',
      previousSecret: row.previous_secret,
      previousSecretExpiresAt: row.previous_secret_expires_at,
      // A webhook whose subscription is gone (deleted, or no row): nothing to send to.
      deleted: row.channel !== 'email' && (row.deleted_at !== null || row.url === null),
    }));
  }

  /**
   * Records an attempt on a delivery still pending (and, on PostgreSQL, still held by `nodeId`): a
   * delivery whose lease another node took over meanwhile is that node's to record. True if recorded.
   */
  async recordAttempt(id: string, nodeId: string, attempt: AttemptRecord): Promise<boolean> {
    const held = this.database.serialised ? '' : ' AND claimed_by = ?';
    const { changes } = await this.database.sqlTransaction((session) =>
      session.run(
        `UPDATE webhook_deliveries SET status = ?, attempts = ?, last_attempt_at = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?,
                delivered_at = ?, claimed_by = NULL, claimed_until = NULL
         WHERE id = ? AND status = 'pending'${held}`,
        [
          attempt.status,
          attempt.attempts,
          attempt.at,
          attempt.nextAttemptAt,
          attempt.statusCode,
          attempt.error,
          attempt.status === 'delivered' ? attempt.at : null,
          id,
          ...(this.database.serialised ? [] : [nodeId]),
        ],
      ),
    );
    return changes === 1;
  }

  /** The earliest next attempt of a pending delivery, to know when to wake up. */
  async nextAttemptAt(): Promise<string | undefined> {
    const row = await this.database.sqlRead((session) =>
      session.one<{ next_attempt_at: string }>(
        "SELECT next_attempt_at FROM webhook_deliveries WHERE status = 'pending' ORDER BY next_attempt_at, id LIMIT 1",
      ),
    );
    return row?.next_attempt_at;
  }

  /** How many deliveries are pending (a range of the partial index of pending deliveries). */
  async pendingCount(): Promise<number> {
    const row = await this.database.sqlRead((session) =>
      session.one<{ count: number | string }>("SELECT COUNT(*) AS count FROM webhook_deliveries WHERE status = 'pending'"),
    );
    return Number(row?.count ?? 0);
  }

  async delivery(id: string): Promise<StoredDelivery | undefined> {
    const row = await this.database.sqlRead((session) =>
      session.one<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE d.id = ?`, [id]),
    );
    return row ? toDelivery(row) : undefined;
  }

  /** Deliveries, newest first, filtered, a page at a time, and their number. */
  async deliveries(filter: DeliveryFilter): Promise<{ rows: StoredDelivery[]; total: number }> {
    const clauses: [string, unknown][] = [];
    if (filter.status !== undefined) clauses.push(['d.status = ?', filter.status]);
    if (filter.channel !== undefined) clauses.push(['d.channel = ?', filter.channel]);
    if (filter.instanceId !== undefined) clauses.push(['d.instance_id = ?', filter.instanceId]);
    if (filter.subscriptionId !== undefined) clauses.push(['d.subscription_id = ?', filter.subscriptionId]);
    const walled = organisationCondition('d.instance_id', filter.organisations, true);
    const conditions = [...clauses.map(([clause]) => clause), ...(walled ? [walled.clause] : [])];
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    const params = [...clauses.map(([, value]) => value), ...(walled?.params ?? [])];
    return this.database.sqlRead(async (session) => {
      const rows = await session.all<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM}${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?`,
        [...params, filter.limit, filter.offset],
      );
      const counted = await session.one<{ total: number | string }>(`SELECT COUNT(*) AS total FROM webhook_deliveries d${where}`, params);
      return { rows: rows.map(toDelivery), total: Number(counted?.total ?? 0) };
    });
  }

  /** The deliveries of some messages (an instance's notifications), oldest first. */
  async ofMessages(messageIds: string[]): Promise<StoredDelivery[]> {
    if (messageIds.length === 0) return [];
    return this.database.sqlRead(async (session) =>
      (
        await session.all<DeliveryRow>(
          `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE d.message_id IN (${messageIds.map(() => '?').join(', ')}) ORDER BY d.created_at, d.id`,
          messageIds,
        )
      ).map(toDelivery),
    );
  }

  /**
   * A dead delivery of a current subscription (or a dead e-mail) goes back to pending, due now, for a
   * new series of attempts. False when the delivery is not dead or its subscription was deleted.
   */
  async retry(id: string, now: string): Promise<boolean> {
    const { changes } = await this.database.sqlTransaction((session) =>
      session.run(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
         WHERE id = ? AND status = 'dead'
           AND (channel = 'email' OR subscription_id IN (SELECT id FROM webhook_subscriptions WHERE deleted_at IS NULL))`,
        [now, id],
      ),
    );
    return changes === 1;
  }
}

/** Whether every organisation of a subscription is among `organisations` (an administrator's). */
export function subscriptionWithin(subscription: Pick<StoredSubscription, 'organisations'>, organisations: readonly string[]): boolean {
  return subscription.organisations.every((organisation) => organisations.includes(organisation));
}
