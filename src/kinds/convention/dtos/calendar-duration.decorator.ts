import { Matches, ValidationOptions } from 'class-validator';

/** Positive ISO 8601 durations in whole calendar units, as the convention machine accepts them (P1Y, P3M, P1Y6M, P2W, P10D). */
export const CALENDAR_DURATION_PATTERN = /^P(?=.*[1-9])(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/;

/** An ISO 8601 duration in calendar units (years, months, weeks, days), not zero. */
export function IsCalendarDuration(options?: ValidationOptions) {
  return Matches(CALENDAR_DURATION_PATTERN, {
    message: '$property must be an ISO 8601 duration in years, months, weeks or days, e.g. P1Y, P3M, P2M',
    ...options,
  });
}
