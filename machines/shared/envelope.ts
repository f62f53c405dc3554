/**
 * Every event carries `at`: the business instant it happened (ISO 8601, UTC). Time enters a machine
 * only this way (and through the input), which keeps machines deterministic and replayable.
 */
export interface TimedEvent {
  type: string;
  at: string;
}

/** Milliseconds since the epoch of an ISO instant. Pure: parses, never reads the clock. */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}

export function isBefore(a: string, b: string): boolean {
  return instantMs(a) < instantMs(b);
}

export function isAtOrAfter(a: string, b: string): boolean {
  return instantMs(a) >= instantMs(b);
}
