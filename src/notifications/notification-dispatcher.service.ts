import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { OutboxRepository, type EmailRenderer } from '../persistence/repositories/outbox.repository';
import { WebhookRepository, type AttemptRecord, type DeliveryToSend } from '../persistence/repositories/webhook.repository';
import { EmailSender } from './email-sender.service';
import { afterFailure } from './retry-policy.util';
import { emailsOf } from './templates/email-templates';
import { filteredLookup, type SocketLookup } from './webhook-address.util';
import { webhookBodyOf } from './webhook-message.util';
import { postWebhook } from './webhook-request.util';
import { signatureHeader, signingSecrets } from './webhook-signature.util';

/** Attempts sent at once by one pass. */
const CONCURRENT_ATTEMPTS = 8;
/** How much of an error is kept. */
const MAX_ERROR_LENGTH = 500;

export interface DispatchPass {
  /** Messages whose deliveries this pass created. */
  fannedOut: number;
  /** Attempts made: delivered, to retry, dead. */
  delivered: number;
  retried: number;
  dead: number;
}

interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return error.message;
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${detail}`.slice(0, MAX_ERROR_LENGTH);
  }
  return String(error).slice(0, MAX_ERROR_LENGTH);
}

/**
 * Delivers the outbox (DESIGN rule 8), after commit and at least once: a pass first takes up the
 * messages not yet dispatched (one delivery per matching subscription), then makes the attempts that
 * are due. Each attempt POSTs the message signed as Standard Webhooks says, with the message's stable
 * id as `webhook-id`; a 2xx answer delivers it, anything else (another status, a timeout, a refused
 * connection, an address on an internal network when they are not allowed) is recorded and retried
 * with exponential backoff and full jitter, until WEBHOOK_MAX_ATTEMPTS, then the delivery is dead (the
 * API and the CLI can retry it).
 *
 * Delivery times are real time, also on the simulated clock: the receiver's clock is real.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger('Notifications');
  private readonly nodeId = `dispatcher-${randomUUID().slice(0, 8)}`;
  /** Aborts the attempts in flight when the service stops (they stay pending, to be retried). */
  private readonly stopping = new AbortController();
  /** Resolves a receiver's host for its connection, refusing internal addresses unless allowed (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  private readonly lookup: SocketLookup;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(WebhookRepository) private readonly webhooks: WebhookRepository,
    @Optional() @Inject(Metrics) private readonly metrics?: Metrics,
    @Optional() @Inject(EmailSender) private readonly mailer?: EmailSender,
  ) {
    this.lookup = filteredLookup(config.webhooks);
  }

  /** The e-mails of a message from its templates, when e-mail is on; a template that fails sends none (logged). */
  private readonly emails: EmailRenderer = (message, context) => {
    try {
      return emailsOf({
        instanceId: message.instanceId,
        kind: message.kind,
        type: message.type,
        params: JSON.parse(message.params) as Record<string, unknown>,
        context: (context ?? {}) as Record<string, unknown>,
      });
    } catch (error) {
      this.logger.error({ messageId: message.messageId, type: message.type, error: (error as Error).message }, 'e-mail template failed');
      return [];
    }
  };

  /** One pass: fan out every undispatched message, then make the attempts due now. */
  async runOnce(): Promise<DispatchPass> {
    const { batchSize, timeoutMs } = this.config.webhooks;
    const pass: DispatchPass = { fannedOut: 0, delivered: 0, retried: 0, dead: 0 };
    for (;;) {
      const taken = await this.outbox.fanOut(batchSize, new Date().toISOString(), this.mailer?.enabled ? this.emails : undefined);
      pass.fannedOut += taken;
      if (taken < batchSize || this.stopping.signal.aborted) break;
    }
    const now = new Date();
    // The lease outlasts every attempt of the batch, sent CONCURRENT_ATTEMPTS at a time.
    const leaseMs = 30_000 + timeoutMs * Math.ceil(batchSize / CONCURRENT_ATTEMPTS);
    const ids = await this.webhooks.claimDue(now.toISOString(), batchSize, this.nodeId, new Date(now.getTime() + leaseMs).toISOString());
    const due = await this.webhooks.toSend(ids);
    for (let start = 0; start < due.length && !this.stopping.signal.aborted; start += CONCURRENT_ATTEMPTS) {
      const outcomes = await Promise.all(due.slice(start, start + CONCURRENT_ATTEMPTS).map((delivery) => this.attempt(delivery)));
      for (const outcome of outcomes) if (outcome) pass[outcome] += 1;
    }
    return pass;
  }

  /** When the next attempt falls due (undefined: none pending). */
  async nextAttemptAt(): Promise<string | undefined> {
    return this.webhooks.nextAttemptAt();
  }

  /** Stops the attempts in flight: they are not recorded, and stay pending. */
  stop(): void {
    this.stopping.abort();
  }

  private async attempt(delivery: DeliveryToSend): Promise<'delivered' | 'retried' | 'dead' | undefined> {
    const startedAt = new Date();
    const outcome = await this.send(delivery, startedAt);
    if (this.stopping.signal.aborted && !outcome.ok) return undefined;
    const attempts = delivery.attempts + 1;
    const at = new Date().toISOString();
    let record: AttemptRecord;
    if (outcome.ok) {
      record = { status: 'delivered', attempts, at, nextAttemptAt: null, statusCode: outcome.statusCode, error: null };
    } else {
      const next = afterFailure(attempts, this.config.webhooks);
      record = {
        status: next.retry ? 'pending' : 'dead',
        attempts,
        at,
        nextAttemptAt: next.retry ? new Date(Date.now() + next.delayMs).toISOString() : null,
        statusCode: outcome.statusCode,
        error: outcome.error,
      };
    }
    if (!(await this.webhooks.recordAttempt(delivery.id, this.nodeId, record))) return undefined;
    const counted = record.status === 'delivered' ? 'delivered' : record.status === 'dead' ? 'dead' : 'retried';
    this.metrics?.notificationAttempted(counted);
    const fields = {
      deliveryId: delivery.id,
      messageId: delivery.messageId,
      channel: delivery.channel,
      ...(delivery.channel === 'email' ? { recipient: delivery.recipient } : { subscriptionId: delivery.subscriptionId }),
      instanceId: delivery.instanceId,
      type: delivery.type,
      attempts,
      statusCode: outcome.statusCode,
      durationMs: Date.now() - startedAt.getTime(),
      outcome: record.status,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(record.nextAttemptAt ? { nextAttemptAt: record.nextAttemptAt } : {}),
    };
    if (record.status === 'delivered') this.logger.log(fields, 'notification delivered');
    else this.logger.warn(fields, record.status === 'dead' ? 'notification dead' : 'notification attempt failed');
    return counted;
  }

  private async send(delivery: DeliveryToSend, now: Date): Promise<AttemptOutcome> {
    if (delivery.channel === 'email') {
      if (!this.mailer) return { ok: false, statusCode: null, error: 'E-mail is not configured (SMTP_HOST).' };
      return this.mailer.send({
        messageId: delivery.messageId,
        to: delivery.recipient ?? '',
        subject: delivery.subject ?? '',
        text: delivery.body ?? '',
      });
    }
    if (delivery.deleted) return { ok: false, statusCode: null, error: 'The subscription was deleted.' };
    const body = webhookBodyOf(delivery);
    const timestamp = Math.floor(now.getTime() / 1000);
    const secrets = signingSecrets(delivery, now.toISOString());
    const timeout = AbortSignal.timeout(this.config.webhooks.timeoutMs);
    try {
      const status = await postWebhook(
        delivery.url,
        {
          'content-type': 'application/json',
          'user-agent': 'procurement-lifecycle-engine/webhooks',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, delivery.messageId, timestamp, body),
        },
        body,
        AbortSignal.any([timeout, this.stopping.signal]),
        this.config.webhooks,
        this.lookup,
      );
      // The answer's body is not read: only its status counts. A redirect is an answer that is not 2xx:
      // not followed (the subscription names where to send).
      const ok = status >= 200 && status < 300;
      return { ok, statusCode: status, error: ok ? null : `The receiver answered ${status}.` };
    } catch (error) {
      if (timeout.aborted) {
        return { ok: false, statusCode: null, error: `No answer within ${this.config.webhooks.timeoutMs} ms.` };
      }
      return { ok: false, statusCode: null, error: errorText(error) };
    }
  }
}
