import { DateTime } from 'luxon';

/** An instant with an explicit offset (Z or ±hh:mm): local times without a zone are ambiguous. */
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** No place keeps a UTC offset beyond +14:00; ±18:00 is the customary bound (java.time's ZoneOffset). */
const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * Instants are stored and compared as UTC ISO text, which sorts only while the year has four digits:
 * the service holds nothing before the first instant of year 0000 or after the last of year 9999.
 */
export const EARLIEST_INSTANT = '0000-01-01T00:00:00.000Z';
export const LATEST_INSTANT = '9999-12-31T23:59:59.999Z';

const INSTANT_EXAMPLE = 'e.g. 2022-08-05T12:00:00+02:00';

export type InstantCheck = { instant: string; problem?: undefined } | { instant?: undefined; problem: string };

/**
 * Reads an ISO 8601 instant with an offset strictly: the day must exist in its month, the time of day
 * in its day (no 24:00, no minute 60), the offset must be a real one, and nothing is rolled over to
 * another day. Gives the instant in UTC (`2022-08-05T10:00:00.000Z`), or why it is not one.
 */
export function checkInstant(text: string): InstantCheck {
  const written = INSTANT_PATTERN.exec(text);
  if (!written) return { problem: `not an ISO 8601 instant with an offset (${INSTANT_EXAMPLE})` };
  const parsed = DateTime.fromISO(text, { setZone: true });
  if (!parsed.isValid) return { problem: `no such date or time (${parsed.invalidExplanation ?? parsed.invalidReason})` };
  // Luxon reads 24:00 as 00:00 the next day; what it read must be what was written.
  const [, year, month, day, hour, minute] = written.map(Number);
  if (parsed.year !== year || parsed.month !== month || parsed.day !== day || parsed.hour !== hour || parsed.minute !== minute) {
    return { problem: `no such time of day (${text.slice(11, 16)})` };
  }
  const offset = writtenOffsetMinutes(written[8]);
  if (offset === undefined || Math.abs(offset) > MAX_OFFSET_MINUTES) return { problem: `no such UTC offset (${written[8]})` };
  const instant = parsed.toUTC().toISO();
  if (instant === null || !(instant >= EARLIEST_INSTANT && instant <= LATEST_INSTANT)) {
    return { problem: `outside the years 0000 to 9999 in UTC` };
  }
  return { instant };
}

function writtenOffsetMinutes(offset: string): number | undefined {
  if (offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (minutes > 59) return undefined;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** The UTC form of a strictly valid instant (see checkInstant), or undefined for anything else. */
export function toUtcInstant(value: unknown): string | undefined {
  return typeof value === 'string' ? checkInstant(value).instant : undefined;
}

/** The reason a request gives for a refused instant, naming the field. */
export function instantProblem(field: string, value: unknown): string {
  const problem = typeof value === 'string' ? checkInstant(value).problem : undefined;
  return `${field} must be an ISO 8601 instant with an offset, ${INSTANT_EXAMPLE}${problem ? `: ${problem}` : ''}`;
}

/** A business date YYYY-MM-DD that exists in the calendar. */
export function isBusinessDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
