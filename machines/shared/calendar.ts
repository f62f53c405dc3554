/**
 * Calendar arithmetic for business time in Europe/Paris. Machines receive an implementation when they
 * are built (see each `create…Machine`), so that they stay free of libraries and I/O while the real
 * arithmetic comes from a maintained date library (src/calendar). Every method is pure.
 */
export interface BusinessCalendar {
  /** Adds calendar months in Europe/Paris, keeping the wall-clock time; 31 Aug + 6 months = end of Feb. */
  addMonths(instant: string, months: number): string;
  /** Adds an ISO 8601 duration (P2M, P1Y, P3M, P10D...) in Europe/Paris calendar terms. */
  addDuration(instant: string, isoDuration: string): string;
  /** The same wall-clock time on the next working day (not a weekend nor a French public holiday) if needed. */
  nextWorkingDay(instant: string): string;
  /** Whether the Paris business date of the instant is a working day. */
  isWorkingDay(instant: string): boolean;
  /** The business date (YYYY-MM-DD) of an instant in Europe/Paris. */
  businessDate(instant: string): string;
  /** The instant at which a business date (YYYY-MM-DD) starts in Europe/Paris. */
  startOfBusinessDate(date: string): string;
  /** Calendar days from one business date (YYYY-MM-DD) to another: negative when `to` comes first. */
  daysBetween(from: string, to: string): number;
}
