import type { DeliveryToSend } from '../persistence/repositories/webhook.repository';

/** The JSON body of a webhook message (Standard Webhooks' `{type, timestamp, data}`). */
export interface WebhookMessage {
  /** The effect's type, e.g. `informAwardedBidder`. */
  type: string;
  /** When the event that declared it happened (its business instant, UTC ISO 8601). */
  timestamp: string;
  data: {
    instanceId: string;
    kind: string;
    seq: number;
    /** The effect's params as the machine declared them. */
    params: unknown;
  };
}

/**
 * The body sent for a delivery: built only from what the outbox stored, so every attempt (and every
 * node) sends the same bytes. Params stay under `params`: an effect may have a field of the same name
 * as the record's (a convention's duty has its own `kind`).
 */
export function webhookBodyOf(delivery: Pick<DeliveryToSend, 'type' | 'occurredAt' | 'instanceId' | 'kind' | 'seq' | 'params'>): string {
  const message: WebhookMessage = {
    type: delivery.type,
    timestamp: delivery.occurredAt,
    data: { instanceId: delivery.instanceId, kind: delivery.kind, seq: delivery.seq, params: JSON.parse(delivery.params) as unknown },
  };
  return JSON.stringify(message);
}
