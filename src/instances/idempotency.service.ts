import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import stableStringify from 'fast-json-stable-stringify';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import type { InstanceView } from '../engine/engine.types';
import { IdempotencyRepository, type IdempotencyScope } from '../persistence/repositories/idempotency.repository';
import type { CommandHook } from './instance-commands.service';

/** How long a key answers its first response again; past it, the same key is a new request. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Expired keys are deleted this often, in batches, beside the requests (the window is enforced on lookup anyway). */
const PURGE_INTERVAL_MS = 10 * 60 * 1000;
const PURGE_BATCH = 1_000;

/** A request that carries an Idempotency-Key: its scope and the hash of its canonical body. */
export interface IdempotentRequest extends IdempotencyScope {
  requestHash: string;
}

export interface IdempotentOutcome {
  status: number;
  view: InstanceView;
  /** True when the answer is the stored response of an earlier request with the same key. */
  replayed: boolean;
}

/** Thrown inside the transaction when another request holds the key: the command is rolled back. */
class KeyTaken extends Error {}

/** SHA-256 of the body with its keys sorted: the same JSON, however its keys are ordered, is the same request. */
export function requestHashOf(body: unknown): string {
  return createHash('sha256')
    .update(stableStringify(body ?? null))
    .digest('hex');
}

/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header): the first completed response to a
 * key is stored with the command, in its transaction, and answered again to every request with the
 * same key and body for 24 hours. Refusals are not stored: the client may correct the request and
 * send it again with the same key.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;
  private purging: Promise<unknown> | undefined;

  constructor(@Inject(IdempotencyRepository) private readonly keys: IdempotencyRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.purging ??= this.purgeExpired()
        .catch((error: unknown) => this.logger.warn(`Purging expired idempotency keys failed: ${String(error)}`))
        .finally(() => (this.purging = undefined));
    }, PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.purging;
  }

  /**
   * Runs `command` (which must call the hook inside its transaction) once per key: an earlier
   * completed request with the same key answers again, with another body it is refused (422), and
   * a concurrent one waits for the first to commit and then answers its response.
   */
  async execute(
    request: IdempotentRequest | undefined,
    status: number,
    command: (hook: CommandHook | undefined) => Promise<InstanceView>,
  ): Promise<IdempotentOutcome> {
    if (!request) return { status, view: await command(undefined), replayed: false };
    const earlier = await this.replay(request);
    if (earlier) return earlier;
    const hook: CommandHook = {
      start: async (session) => {
        const now = wallClockNow();
        if (!(await this.keys.claim(session, request, request.requestHash, now.toISOString(), windowStart(now)))) throw new KeyTaken();
      },
      finish: (session, view) => this.keys.complete(session, request, status, view),
    };
    try {
      return { status, view: await command(hook), replayed: false };
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
      // Another request with this key committed first: its response is the answer.
      const other = await this.replay(request);
      if (other) return other;
      throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, 'A request with this Idempotency-Key is being processed; retry later.');
    }
  }

  /** Deletes keys past their window, in batches; the number deleted. */
  async purgeExpired(): Promise<number> {
    const before = windowStart(wallClockNow());
    let deleted = 0;
    for (;;) {
      const batch = await this.keys.purge(before, PURGE_BATCH);
      deleted += batch;
      if (batch < PURGE_BATCH) return deleted;
    }
  }

  private async replay(request: IdempotentRequest): Promise<IdempotentOutcome | undefined> {
    const stored = await this.keys.find(request, windowStart(wallClockNow()));
    if (!stored) return undefined;
    if (stored.requestHash !== request.requestHash) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        `This Idempotency-Key was used at ${stored.createdAt} for a request with another body; use a new key for a new request.`,
      );
    }
    return { status: stored.status, view: stored.body as InstanceView, replayed: true };
  }
}

/** Keys live in real time, also on the simulated clock: retries happen in the clients' time. */
function wallClockNow(): Date {
  return new Date();
}

function windowStart(now: Date): string {
  return new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString();
}
