import type { TSchema } from '@sinclair/typebox';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { jsonCopy } from '../common/json/json-copy.util';
import { validated } from '../contract/validator';

/**
 * Validates a payload against its kind's schema (unknown fields refused) and returns a cleaned copy
 * (instants in UTC); the caller's object is left as it was. Throws a 400 problem naming every faulty field.
 */
export function validatePayload(schema: TSchema, payload: unknown, what: string): Record<string, unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${what} must be a JSON object.`);
  }
  return validated(schema, jsonCopy(payload), what) as Record<string, unknown>;
}
