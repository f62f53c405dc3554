import Holidays from 'date-holidays';
import { DateTime, Duration } from 'luxon';
import type { BusinessCalendar } from '../../machines/shared/calendar';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { LATEST_INSTANT } from '../common/time/instant';

export const BUSINESS_ZONE = 'Europe/Paris';

/** French public holidays (metropolitan France, public type only), from a maintained holiday table. */
const frenchHolidays = new Holidays('FR', { types: ['public'] });

function inParis(instant: string): DateTime {
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!parsed.isValid) throw new RangeError(`Not an ISO 8601 instant: ${instant}`);
  return parsed.setZone(BUSINESS_ZONE);
}

const LATEST_MS = Date.parse(LATEST_INSTANT);

/**
 * UTC ISO text. A date past year 9999 (a long term renewed from a clock far ahead) would no longer sort
 * as text: the command that implies it is refused (a 400 problem), rather than storing a wrong date.
 */
function toInstant(dateTime: DateTime): string {
  const instant = dateTime.isValid ? dateTime.toUTC().toISO({ suppressMilliseconds: false }) : null;
  if (instant === null || dateTime.toMillis() > LATEST_MS) {
    throw new DomainError(
      ErrorCode.INVALID_TIME,
      `A date this implies lies beyond ${LATEST_INSTANT}, the last instant the service keeps.`,
      {
        latest: LATEST_INSTANT,
      },
    );
  }
  return instant;
}

export function isFrenchPublicHoliday(date: DateTime): boolean {
  const hits = frenchHolidays.isHoliday(new Date(Date.UTC(date.year, date.month - 1, date.day, 12)));
  return Array.isArray(hits) && hits.some((holiday) => holiday.type === 'public');
}

/**
 * Business time in Europe/Paris with Luxon (month arithmetic clamps to the month's end and keeps the
 * wall-clock time across summer-time changes) and date-holidays (French public holidays).
 */
export const parisCalendar: BusinessCalendar = {
  addMonths(instant, months) {
    return toInstant(inParis(instant).plus({ months }));
  },
  addDuration(instant, isoDuration) {
    const duration = Duration.fromISO(isoDuration);
    if (!duration.isValid) throw new RangeError(`Not an ISO 8601 duration: ${isoDuration}`);
    return toInstant(inParis(instant).plus(duration));
  },
  nextWorkingDay(instant) {
    let day = inParis(instant);
    while (!isWorkingDate(day)) day = day.plus({ days: 1 });
    return toInstant(day);
  },
  isWorkingDay(instant) {
    return isWorkingDate(inParis(instant));
  },
  businessDate(instant) {
    return inParis(instant).toISODate() as string;
  },
  startOfBusinessDate(date) {
    const parsed = DateTime.fromISO(date, { zone: BUSINESS_ZONE });
    if (!parsed.isValid) throw new RangeError(`Not a business date (YYYY-MM-DD): ${date}`);
    return toInstant(parsed.startOf('day'));
  },
  daysBetween(from, to) {
    const start = DateTime.fromISO(from, { zone: BUSINESS_ZONE });
    const end = DateTime.fromISO(to, { zone: BUSINESS_ZONE });
    if (!start.isValid || !end.isValid) throw new RangeError(`Not business dates (YYYY-MM-DD): ${from}, ${to}`);
    return Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days);
  },
};

function isWorkingDate(day: DateTime): boolean {
  return day.weekday <= 5 && !isFrenchPublicHoliday(day);
}
