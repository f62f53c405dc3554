import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** No list is ever this long; a bound well inside what both databases take as LIMIT and OFFSET. */
export const MAX_QUERY_OFFSET = 2_147_483_647;

/**
 * A whole number given in a query string (`?limit=50`): decimal digits only, from `min` to `max`.
 * Number() would read `1e20`, `0x10`, `2.5e3` and the empty string as numbers, and a value past
 * 2^63 reaches the database as an error.
 */
export function IsQueryInteger(min: number, max: number) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : (value as unknown))),
    ValidateBy({
      name: 'isQueryInteger',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a whole number from ${min} to ${max}, in decimal digits`,
      },
    }),
  );
}
