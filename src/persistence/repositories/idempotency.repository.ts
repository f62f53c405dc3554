import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database';
import type { SqlSession } from '../sql-session';

/** Whose key, on which route (method and path, the instance id included), and the key itself. */
export interface IdempotencyScope {
  principal: string;
  route: string;
  key: string;
}

/** A completed request as stored under its key. */
export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: string;
}

interface KeyRow {
  request_hash: string;
  response_status: number | string | null;
  response_body: string | null;
  created_at: string;
}

/**
 * The idempotency keys table. A key is claimed as the FIRST statement of its command's transaction
 * and completed with the response as the last one: the row and the command's event commit together
 * or not at all, and no other transaction ever sees a claimed key without its response. A second
 * transaction claiming the same key waits on the primary key until the first one ends (PostgreSQL),
 * or comes after it (SQLite, one writer), and then finds the key taken.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  /** The completed response stored under `scope`, unless it was created before `notBefore`. */
  async find(scope: IdempotencyScope, notBefore: string): Promise<StoredResponse | undefined> {
    const row = await this.database.sqlRead((session) =>
      session.one<KeyRow>(
        `SELECT request_hash, response_status, response_body, created_at FROM idempotency_keys
         WHERE principal = ? AND route = ? AND idempotency_key = ? AND created_at >= ?`,
        [scope.principal, scope.route, scope.key, notBefore],
      ),
    );
    if (!row || row.response_status === null || row.response_body === null) return undefined;
    return {
      requestHash: row.request_hash,
      status: Number(row.response_status),
      body: JSON.parse(row.response_body) as unknown,
      createdAt: row.created_at,
    };
  }

  /**
   * Inside the command's transaction: takes the key for this request. A row of the same key older
   * than `expiredBefore` is replaced (a key past its window is new). False when the key is taken.
   */
  async claim(session: SqlSession, scope: IdempotencyScope, requestHash: string, now: string, expiredBefore: string): Promise<boolean> {
    const params = [scope.principal, scope.route, scope.key];
    await session.run('DELETE FROM idempotency_keys WHERE principal = ? AND route = ? AND idempotency_key = ? AND created_at < ?', [
      ...params,
      expiredBefore,
    ]);
    const { changes } = await session.run(
      `INSERT INTO idempotency_keys (principal, route, idempotency_key, request_hash, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (principal, route, idempotency_key) DO NOTHING`,
      [...params, requestHash, now],
    );
    return changes === 1;
  }

  /** Inside the same transaction, last: the response the key will answer again. */
  async complete(session: SqlSession, scope: IdempotencyScope, status: number, body: unknown): Promise<void> {
    await session.run(
      'UPDATE idempotency_keys SET response_status = ?, response_body = ? WHERE principal = ? AND route = ? AND idempotency_key = ?',
      [status, JSON.stringify(body), scope.principal, scope.route, scope.key],
    );
  }

  /** Deletes at most `batchSize` keys created before `before`; the number deleted. */
  async purge(before: string, batchSize: number): Promise<number> {
    const { changes } = await this.database.sqlTransaction((session) =>
      session.run(
        `DELETE FROM idempotency_keys WHERE (principal, route, idempotency_key) IN (
           SELECT principal, route, idempotency_key FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)`,
        [before, batchSize],
      ),
    );
    return changes;
  }
}
