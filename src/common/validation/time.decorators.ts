import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, Matches, ValidationOptions } from 'class-validator';

/** An instant with an explicit offset (Z or ±hh:mm): local times without a zone are ambiguous. */
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function toUtcInstant(value: unknown): unknown {
  if (typeof value !== 'string' || !INSTANT_PATTERN.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** An ISO 8601 instant, normalised to UTC (`2022-08-05T10:00:00.000Z`). */
export function IsInstant(options?: ValidationOptions) {
  return applyDecorators(
    Matches(INSTANT_PATTERN, {
      message: '$property must be an ISO 8601 instant with an offset, e.g. 2022-08-05T12:00:00+02:00',
      ...options,
    }),
    IsISO8601({ strict: true }, options),
    Transform(({ value }) => toUtcInstant(value)),
  );
}

/** A business date in Europe/Paris: YYYY-MM-DD, a real calendar date. */
export function IsBusinessDate(options?: ValidationOptions) {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD', ...options }),
    IsISO8601({ strict: true }, options),
  );
}
