import { DEFAULT_ORGANISATION } from '../auth/organisations';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UUID_PATTERN } from '../engine/engine.types';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { assertInstanceId } from '../instances/instance-id.util';
import { Database } from '../persistence/database';
import { InstanceRepository } from '../persistence/repositories/instance.repository';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import {
  subscriptionWithin,
  WebhookRepository,
  type DeliveryFilter,
  type StoredDelivery,
  type StoredSubscription,
} from '../persistence/repositories/webhook.repository';
import { OutboxSignal } from './outbox-signal';
import { REMINDER_TYPE } from './reminder.util';
import { ADDRESS_SETTINGS, checkDestination } from './webhook-address.util';
import { newSecret } from './webhook-signature.util';

export type SubscriptionView = Omit<StoredSubscription, 'secret' | 'previousSecret' | 'deletedAt'>;
export type SubscriptionWithSecret = SubscriptionView & { secret: string };
export type NotificationView = StoredDelivery;

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface OutboxMessageView {
  messageId: string;
  seq: number;
  type: string;
  params: unknown;
  occurredAt: string;
  createdAt: string;
  dispatchedAt: string | null;
  deliveries: NotificationView[];
}

export interface NewSubscription {
  url: string;
  events?: string[];
  kinds?: string[];
}

/** The subscriptions table's limit on an address. */
const MAX_URL_LENGTH = 2048;

function viewOf(subscription: StoredSubscription): SubscriptionView {
  const { secret: _secret, previousSecret: _previous, deletedAt: _deleted, ...view } = subscription;
  return view;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, `The body is invalid: ${field}: ${message}.`, {
    errors: [{ field, pointer: `/${field.replace(/\./g, '/')}`, messages: [message] }],
  });
}

/**
 * Webhook subscriptions and the notifications they receive: what the routes and the CLI call. A
 * subscription's secret is shown when it is made (or rotated) and never again; it is stored as it is,
 * because signing needs it (docs/notifications.md).
 */
@Injectable()
export class NotificationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'webhooks'>,
    @Inject(WebhookRepository) private readonly webhooks: WebhookRepository,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(Database) private readonly database: Database,
    @Inject(InstanceRepository) private readonly instances: InstanceRepository,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Optional() @Inject(OutboxSignal) private readonly signal?: OutboxSignal,
  ) {}

  /** A new subscription, of `organisations` (its administrator's): it receives their records' messages only. */
  async subscribe(
    body: NewSubscription,
    actor: string,
    organisations: readonly string[] = [DEFAULT_ORGANISATION],
  ): Promise<SubscriptionWithSecret> {
    const url = this.checkedUrl(body.url);
    const kinds = body.kinds ?? null;
    const known = this.catalogue.kinds();
    kinds?.forEach((kind, index) => {
      if (!known.includes(kind)) throw invalid(`kinds.${index}`, `no kind is named "${kind}" (kinds: ${known.join(', ')})`);
    });
    const events = body.events ?? null;
    const declared = this.declaredEffects(kinds ?? known);
    events?.forEach((event, index) => {
      if (!declared.includes(event)) {
        throw invalid(`events.${index}`, `"${event}" is not an effect of ${(kinds ?? known).join(', ')} (effects: ${declared.join(', ')})`);
      }
    });
    await this.checkDestination(url);
    const subscription: StoredSubscription = {
      id: randomUUID(),
      url,
      events,
      kinds,
      secret: newSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      secretRotatedAt: null,
      createdAt: new Date().toISOString(),
      createdBy: actor,
      organisations: [...organisations],
      deletedAt: null,
    };
    await this.webhooks.insertSubscription(subscription);
    return { ...viewOf(subscription), secret: subscription.secret };
  }

  /** With `organisations`, only the subscriptions all of whose organisations are among them. */
  async subscriptions(limit: number, offset: number, organisations?: readonly string[]): Promise<Page<SubscriptionView>> {
    const { rows, total } = await this.webhooks.subscriptions(limit, offset, organisations);
    return { items: rows.map(viewOf), total, limit, offset };
  }

  /** Deletes a subscription; answers it as it was. */
  async unsubscribe(id: string, organisations?: readonly string[]): Promise<SubscriptionView> {
    const found = UUID_PATTERN.test(id) ? await this.webhooks.subscription(id) : undefined;
    // Another organisation's subscription is answered as one that does not exist.
    if (
      !found ||
      (organisations !== undefined && !subscriptionWithin(found, organisations)) ||
      !(await this.webhooks.deleteSubscription(id, new Date().toISOString()))
    )
      throw this.noSubscription(id);
    return viewOf(found);
  }

  /** A new secret, shown once; the previous one keeps signing for WEBHOOK_SECRET_GRACE_MS. */
  async rotateSecret(id: string, organisations?: readonly string[]): Promise<SubscriptionWithSecret> {
    if (!UUID_PATTERN.test(id)) throw this.noSubscription(id);
    if (organisations !== undefined) {
      const found = await this.webhooks.subscription(id);
      if (!found || !subscriptionWithin(found, organisations)) throw this.noSubscription(id);
    }
    const now = new Date();
    const secret = newSecret();
    const expiresAt = new Date(now.getTime() + this.config.webhooks.secretGraceMs).toISOString();
    if (!(await this.webhooks.rotateSecret(id, secret, expiresAt, now.toISOString()))) throw this.noSubscription(id);
    const rotated = await this.webhooks.subscription(id);
    if (!rotated) throw this.noSubscription(id);
    return { ...viewOf(rotated), secret };
  }

  async notifications(filter: DeliveryFilter): Promise<Page<NotificationView>> {
    const { rows, total } = await this.webhooks.deliveries(filter);
    return { items: rows, total, limit: filter.limit, offset: filter.offset };
  }

  /** A dead notification goes back to pending, due now, for a new series of attempts; anything else is 409. */
  async retry(id: string, organisations?: readonly string[]): Promise<NotificationView> {
    const found = UUID_PATTERN.test(id) ? await this.webhooks.delivery(id) : undefined;
    const organisation =
      found && organisations !== undefined
        ? await this.database.sqlRead((session) => this.instances.organisationOf(session, found.instanceId))
        : undefined;
    // A notification of another organisation's record is answered as one that does not exist.
    if (!found || (organisations !== undefined && (organisation === undefined || !organisations.includes(organisation))))
      throw new DomainError(ErrorCode.NOT_FOUND, `No notification ${id.slice(0, 80)}.`);
    if (!(await this.webhooks.retry(id, new Date().toISOString()))) {
      const reason = found.status === 'dead' ? 'its subscription was deleted' : `it is ${found.status}`;

      throw new DomainError(ErrorCode.NOTIFICATION_NOT_RETRYABLE, `Notification ${id} cannot be retried: ${reason}.`, {
        notificationStatus: found.status,
      });
    }
    this.signal?.written();
    return (await this.webhooks.delivery(id))!;
  }

  /** The record's outbox messages in event order, each with its deliveries. */
  async ofInstance(instanceId: string, limit: number, offset: number): Promise<Page<OutboxMessageView>> {
    assertInstanceId(instanceId);
    if (!(await this.database.sqlRead((session) => this.instances.kindOf(session, instanceId)))) {
      throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${instanceId}.`);
    }
    const { rows, total } = await this.outbox.ofInstance(instanceId, limit, offset);
    const deliveries = await this.webhooks.ofMessages(rows.map((row) => row.messageId));
    return {
      items: rows.map((row) => ({
        messageId: row.messageId,
        seq: row.seq,
        type: row.type,
        params: JSON.parse(row.params) as unknown,
        occurredAt: row.occurredAt,
        createdAt: row.createdAt,
        dispatchedAt: row.dispatchedAt,
        deliveries: deliveries.filter((delivery) => delivery.messageId === row.messageId),
      })),
      total,
      limit,
      offset,
    };
  }

  /** Every effect type the kinds declare, over all their versions. */
  private declaredEffects(kinds: string[]): string[] {
    const effects = new Set<string>();
    for (const kind of kinds)
      for (const definition of this.catalogue.versionsOf(kind)) for (const effect of definition.effects ?? []) effects.add(effect);
    // Reminders before pending deadlines: every kind has deadlines.
    effects.add(REMINDER_TYPE);
    return [...effects].sort();
  }

  private checkedUrl(text: string): string {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalid(
        'url',
        `must be an http or https address such as https://buyer.example/hooks, got ${JSON.stringify(text.slice(0, 80))}`,
      );
    }
    if (!['http:', 'https:'].includes(url.protocol) || !url.hostname) {
      throw invalid(
        'url',
        `must be an http or https address such as https://buyer.example/hooks, got ${JSON.stringify(text.slice(0, 80))}`,
      );
    }
    // As stored and sent: percent-encoded, so possibly longer than what was given.
    const normalised = url.toString();
    if (normalised.length > MAX_URL_LENGTH) {
      throw invalid('url', `must be at most ${MAX_URL_LENGTH} characters once percent-encoded, got ${normalised.length}`);
    }
    return normalised;
  }

  /** Refuses an address on an internal network, unless allowed (WEBHOOK_ALLOW_PRIVATE_NETWORKS, WEBHOOK_ALLOWED_HOSTS). */
  private async checkDestination(url: string): Promise<void> {
    const refusal = await checkDestination(new URL(url), this.config.webhooks, this.config.webhooks.timeoutMs);
    if (!refusal) return;
    throw new DomainError(
      ErrorCode.WEBHOOK_ADDRESS_NOT_ALLOWED,
      `The address ${url.slice(0, 200)} is refused: ${refusal.reason}. Webhooks are sent to internal networks only with ${ADDRESS_SETTINGS}.`,
      { host: refusal.host, address: refusal.address },
    );
  }

  private noSubscription(id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `No webhook subscription ${id.slice(0, 80)}.`);
  }
}
