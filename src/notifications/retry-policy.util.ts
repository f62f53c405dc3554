/** How the dispatcher retries: WEBHOOK_MAX_ATTEMPTS attempts in all, backoff from WEBHOOK_RETRY_BASE_MS up to WEBHOOK_RETRY_MAX_MS. */
export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** What follows a failed attempt: another one after a delay, or none (dead). */
export type AfterFailure = { retry: true; delayMs: number } | { retry: false };

/**
 * Exponential backoff with full jitter: after the n-th failed attempt, wait a uniformly random time
 * between 0 and min(max, base × 2^(n−1)); after the last allowed attempt, give up.
 */
export function afterFailure(attempts: number, policy: RetryPolicy, random: () => number = Math.random): AfterFailure {
  if (attempts >= policy.maxAttempts) return { retry: false };
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.min(attempts - 1, 52));
  return { retry: true, delayMs: Math.floor(random() * ceiling) };
}
