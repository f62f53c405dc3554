import type { BusinessCalendar } from '../shared/calendar';
import { isAtOrAfter, isBefore } from '../shared/envelope';
import type { ConventionContext, DutyOccurrence, DutyRule, TermRule, TermsVersion } from './convention.types';

/**
 * Date arithmetic of a convention's schedule: effective date, terms, anniversaries and duty occurrences.
 * Pure functions of their arguments; the calendar is passed in (machines receive it at creation).
 *
 * Every schedule instant is the start of a Paris business day (the effective date is a date, 003 art. 4),
 * and repeated dates are computed from their anchor (anchor + n × period) rather than chained, so that a
 * schedule starting on the 31st does not drift to the 28th after February.
 */

/** A positive ISO 8601 duration in whole calendar units: P1Y, P3M, P2M, P1Y6M, P2W, P10D. */
const DATE_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export function isPositiveDuration(iso: unknown): iso is string {
  if (typeof iso !== 'string') return false;
  const match = DATE_DURATION.exec(iso);
  return match !== null && match.slice(1).some((part) => part !== undefined && Number(part) > 0);
}

/** `factor` times a duration: scaleDuration('P3M', 4) = 'P12M'. */
export function scaleDuration(iso: string, factor: number): string {
  if (!isPositiveDuration(iso)) throw new RangeError(`Not a positive calendar duration: ${iso as string}`);
  if (!Number.isInteger(factor) || factor < 0) throw new RangeError(`Not a whole factor: ${factor}`);
  return iso.replace(/\d+/g, (digits) => String(Number(digits) * factor));
}

export function startOfDay(calendar: BusinessCalendar, instant: string): string {
  return calendar.startOfBusinessDate(calendar.businessDate(instant));
}

/** Anchor + n × period (n = 0 is the anchor itself). */
export function nthDate(calendar: BusinessCalendar, anchor: string, period: string, n: number): string {
  return n === 0 ? anchor : calendar.addDuration(anchor, scaleDuration(period, n));
}

/**
 * 003 art. 4: "takes effect from its date of signature", i.e. the day of the last signature, unless the
 * convention states a later effective date. An earlier stated date is not applied retroactively.
 */
export function effectiveFromOf(calendar: BusinessCalendar, lastSignatureAt: string, effectiveDate?: string): string {
  const signatureDay = startOfDay(calendar, lastSignatureAt);
  if (!effectiveDate) return signatureDay;
  const stated = calendar.startOfBusinessDate(effectiveDate);
  return isAtOrAfter(stated, signatureDay) ? stated : signatureDay;
}

export function anniversaryOf(calendar: BusinessCalendar, effectiveFrom: string, n: number): string {
  return nthDate(calendar, effectiveFrom, 'P1Y', n);
}

/** The first anniversary strictly after `instant`, and its number. */
export function nextAnniversaryAfter(calendar: BusinessCalendar, effectiveFrom: string, instant: string): { n: number; at: string } {
  let n = 1;
  let at = anniversaryOf(calendar, effectiveFrom, n);
  while (isAtOrAfter(instant, at)) {
    n += 1;
    at = anniversaryOf(calendar, effectiveFrom, n);
  }
  return { n, at };
}

/** Occurrence `step` of a duty scheduled from `anchor`: it covers [anchor + (step-1)×every, anchor + step×every). */
export function dutyOccurrence(calendar: BusinessCalendar, duty: DutyRule, anchor: string, step: number, sequence: number): DutyOccurrence {
  const periodStart = nthDate(calendar, anchor, duty.every, step - 1);
  const periodEnd = nthDate(calendar, anchor, duty.every, step);
  return {
    dutyId: duty.id,
    kind: duty.kind,
    sequence,
    periodStart,
    periodEnd,
    firstDay: calendar.businessDate(periodStart),
    endDay: calendar.businessDate(periodEnd),
    dueAt: periodEnd,
    deadline: periodEnd,
    status: 'pending',
    anchor,
    step,
  };
}

/** The first occurrence of every duty, from the effective date. */
export function firstOccurrences(calendar: BusinessCalendar, duties: DutyRule[], anchor: string): DutyOccurrence[] {
  return duties.map((duty) => dutyOccurrence(calendar, duty, anchor, 1, 1));
}

/**
 * The occurrence falls due: unrecorded, it becomes overdue; in any case its deadline is spent and the
 * duty's next occurrence is scheduled (if the duty is still in the terms).
 */
export function fallDue(
  calendar: BusinessCalendar,
  occurrences: DutyOccurrence[],
  duties: DutyRule[],
  dutyId: string,
  sequence: number,
): DutyOccurrence[] {
  const index = occurrences.findIndex((item) => item.dutyId === dutyId && item.sequence === sequence);
  if (index < 0) return occurrences;
  const current = occurrences[index];
  const { deadline: _spent, ...rest } = current;
  const fallen: DutyOccurrence = current.status === 'pending' ? { ...rest, status: 'overdue', overdueAt: current.dueAt } : rest;
  const next = occurrences.slice();
  next[index] = fallen;
  const duty = duties.find((rule) => rule.id === dutyId);
  if (duty) next.push(dutyOccurrence(calendar, duty, current.anchor, current.step + 1, current.sequence + 1));
  return next;
}

/**
 * The convention ends at `endAt`: occurrences due by then and not recorded are overdue; one whose period
 * was running is cancelled (the convention ended before it was due); one whose period had not started
 * is dropped. No deadline remains.
 */
export function closeSchedule(occurrences: DutyOccurrence[], endAt: string): DutyOccurrence[] {
  const closed: DutyOccurrence[] = [];
  for (const item of occurrences) {
    const { deadline: _spent, ...rest } = item;
    if (item.status !== 'pending') {
      closed.push(rest);
    } else if (isAtOrAfter(endAt, item.dueAt)) {
      closed.push({ ...rest, status: 'overdue', overdueAt: item.dueAt });
    } else if (isBefore(item.periodStart, endAt)) {
      closed.push({ ...rest, status: 'cancelled' });
    }
  }
  return closed;
}

/**
 * An amendment changed the duties. A duty kept unchanged (same kind and period) keeps its schedule. A
 * removed or changed duty has its pending occurrence cancelled; a new or changed duty starts a new
 * schedule from the day of the amendment, numbered after the duty's earlier occurrences.
 */
export function rescheduleDuties(
  calendar: BusinessCalendar,
  occurrences: DutyOccurrence[],
  before: DutyRule[],
  after: DutyRule[],
  at: string,
): DutyOccurrence[] {
  const unchanged = (duty: DutyRule) => before.some((old) => old.id === duty.id && old.kind === duty.kind && old.every === duty.every);
  const keptIds = new Set(after.filter(unchanged).map((duty) => duty.id));
  const next: DutyOccurrence[] = occurrences.map((item) => {
    if (keptIds.has(item.dutyId)) return item;
    const { deadline: _spent, ...rest } = item;
    return item.status === 'pending' ? { ...rest, status: 'cancelled' } : rest;
  });
  const anchor = startOfDay(calendar, at);
  for (const duty of after.filter((rule) => !unchanged(rule))) {
    const earlier = occurrences.filter((item) => item.dutyId === duty.id).length;
    next.push(dutyOccurrence(calendar, duty, anchor, 1, earlier + 1));
  }
  return next;
}

export function currentVersion(context: ConventionContext): TermsVersion | undefined {
  return context.termsVersions[context.termsVersions.length - 1];
}

/**
 * convention@3: the end of a term that starts at `startsAt`. Read as twelve months (the default), it is
 * `startsAt + duration`. Read as calendar years (003 art. 4, "une durée d'une année civile"), a term of
 * PnY ends at the start of 1 January (Paris) n years after the year it starts in: the first term from
 * 30 July 2024 ends on 31 December 2024, a renewed one from 1 January 2025 on 31 December 2025.
 */
export function termEndOf(calendar: BusinessCalendar, startsAt: string, term: TermRule): string {
  const years = /^P([1-9]\d*)Y$/.exec(term.duration);
  if (term.reading !== 'calendarYear' || !years) return calendar.addDuration(startsAt, term.duration);
  const year = Number(calendar.businessDate(startsAt).slice(0, 4));
  return calendar.startOfBusinessDate(`${String(year + Number(years[1])).padStart(4, '0')}-01-01`);
}

/** `duration` before `instant`, in Paris calendar terms (one month before 31 March is 28 or 29 February), not before `floor`. */
export function durationBefore(calendar: BusinessCalendar, instant: string, duration: string, floor: string): string {
  const at = calendar.addDuration(instant, `-${duration}`);
  return isBefore(at, floor) ? floor : at;
}
