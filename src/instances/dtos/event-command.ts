import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import type { Command } from '../../engine/engine.types';

/**
 * The body of POST /instances/:id/events is `{type, at?, expectedVersion?, ...payload}`; the payload
 * is validated by the engine against the DTO of that kind's event.
 */
export function toCommand(body: unknown): Command {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The body must be a JSON object {type, ...payload}.');
  }
  const { type, at, expectedVersion, ...payload } = body as Record<string, unknown>;
  if (typeof type !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(type)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'type must be an event name in UPPER_SNAKE_CASE.');
  }
  if (at !== undefined && typeof at !== 'string') throw new DomainError(ErrorCode.VALIDATION_FAILED, 'at must be an ISO 8601 instant.');
  if (expectedVersion !== undefined && typeof expectedVersion !== 'number') {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'expectedVersion must be an integer.');
  }
  return { type, at: at, expectedVersion: expectedVersion, payload };
}
