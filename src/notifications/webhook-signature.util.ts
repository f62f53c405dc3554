import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks: a secret is `whsec_` and the base64 of its bytes. */
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes. */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** `v1,` and the base64 HMAC-SHA256, keyed by the secret's bytes, of `${id}.${timestamp}.${body}` (Standard Webhooks). */
export function signatureOf(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The `webhook-signature` header: one signature per secret, separated by spaces. */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => signatureOf(secret, id, timestamp, body)).join(' ');
}

/** The secrets that sign at `now`: the current one, and the previous one during its grace period. */
export function signingSecrets(
  subscription: { secret: string; previousSecret: string | null; previousSecretExpiresAt: string | null },
  now: string,
): string[] {
  const previous =
    subscription.previousSecret && subscription.previousSecretExpiresAt !== null && now < subscription.previousSecretExpiresAt
      ? [subscription.previousSecret]
      : [];
  return [subscription.secret, ...previous];
}
