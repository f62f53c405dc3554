import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Small delays, so that retries and dead letters happen within a test. */
export const FAST_RETRIES = {
  WEBHOOK_DISPATCHER: 'on',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_RETRY_MAX_MS: '100',
  WEBHOOK_TIMEOUT_MS: '5000',
};

/** Polls `check` until it stops throwing (or gives up after `timeoutMs`, with its last failure). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** What a webhook receiver got: enough to check its signature. */
export interface SignedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Standard Webhooks verification, written from the specification (not from the service's code): the
 * signed content is `${webhook-id}.${webhook-timestamp}.${body}`, the key the base64-decoded part of the
 * secret after `whsec_`, each signature `v1,` and the base64 HMAC-SHA256; the header may hold several,
 * separated by spaces. Returns which of the given secrets signed the message.
 */
export function secretsThatSigned(received: SignedRequest, secrets: string[]): string[] {
  const id = received.headers['webhook-id'] as string;
  const timestamp = received.headers['webhook-timestamp'] as string;
  const header = received.headers['webhook-signature'] as string;
  const signatures = header
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  return secrets.filter((secret) => {
    const key = Buffer.from(secret.split('_')[1], 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${received.body}`).digest();
    return signatures.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  });
}
