import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** C0 and C1 control characters, NUL included (PostgreSQL cannot even receive NUL in a text parameter). */
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Refuses control characters in query parameters, names and values, on every route that reads its
 * query string, before validation: no filter or instant needs them, and a NUL sent on to PostgreSQL
 * fails the query.
 */
@Injectable()
export class QueryTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'query') return value;
    const offending = offendingParameter(value, metadata.data);
    if (offending !== undefined) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `${offending}: query parameters may not hold control characters (such as NUL or a line feed).`,
        { parameter: offending },
      );
    }
    return value;
  }
}

/** The name of the first parameter whose name or value holds a control character. */
function offendingParameter(value: unknown, name: string | undefined): string | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? (name ?? 'query') : undefined;
  if (Array.isArray(value)) return value.some((item) => offendingParameter(item, name) !== undefined) ? (name ?? 'query') : undefined;
  if (value === null || typeof value !== 'object' || name !== undefined) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (CONTROL_CHARACTER.test(key)) return JSON.stringify(key);
    if (offendingParameter(item, key) !== undefined) return key;
  }
  return undefined;
}
