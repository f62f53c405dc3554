import { afterFailure } from './retry-policy.util';

const policy = { maxAttempts: 8, retryBaseMs: 1_000, retryMaxMs: 60_000 };

describe('retries: exponential backoff with full jitter', () => {
  it('waits up to base × 2^(n−1), capped, drawn uniformly from 0', () => {
    expect([1, 2, 3, 4, 7].map((attempts) => afterFailure(attempts, policy, () => 0.999999))).toEqual([
      { retry: true, delayMs: 999 },
      { retry: true, delayMs: 1_999 },
      { retry: true, delayMs: 3_999 },
      { retry: true, delayMs: 7_999 },
      { retry: true, delayMs: 59_999 },
    ]);
    expect(afterFailure(3, policy, () => 0)).toEqual({ retry: true, delayMs: 0 });
    expect(afterFailure(3, policy, () => 0.5)).toEqual({ retry: true, delayMs: 2_000 });
  });

  it('gives up after the last allowed attempt', () => {
    expect(afterFailure(8, policy)).toEqual({ retry: false });
    expect(afterFailure(1, { ...policy, maxAttempts: 1 })).toEqual({ retry: false });
  });

  it('stays bounded for any number of attempts', () => {
    expect(afterFailure(99, { ...policy, maxAttempts: 100 }, () => 0.999999)).toEqual({ retry: true, delayMs: 59_999 });
  });
});
