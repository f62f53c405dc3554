import { Duration } from 'luxon';
import { parisCalendar } from '../calendar/paris-calendar';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { instantProblem, LATEST_INSTANT, toUtcInstant } from '../common/time/instant';

/** The body of POST /api/clock: exactly one of the two. */
export interface ClockMove {
  advanceTo?: string;
  advanceBy?: string;
}

/**
 * Where a move of the simulated clock from `fromIso` ends, as a UTC ISO instant. Everything that can
 * be wrong with the move is found here, before the caller fires the first deadline on the way: a
 * target that is not a real instant, a duration that leaves what a date can hold or goes past
 * 9999-12-31, a target in the past. Throws a 400 problem (VALIDATION_FAILED or INVALID_TIME).
 */
export function resolveClockTarget(fromIso: string, move: ClockMove): string {
  if ((move.advanceTo === undefined) === (move.advanceBy === undefined)) {
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      'Give exactly one of advanceTo (an ISO instant) or advanceBy (an ISO 8601 duration).',
    );
  }
  const target = move.advanceTo !== undefined ? instantTarget(move.advanceTo) : durationTarget(fromIso, move.advanceBy!);
  if (target < fromIso) {
    throw new DomainError(ErrorCode.INVALID_TIME, `The simulated clock only moves forward (now ${fromIso}).`, { now: fromIso });
  }
  return target;
}

function instantTarget(advanceTo: string): string {
  const target = toUtcInstant(advanceTo);
  if (target === undefined) throw new DomainError(ErrorCode.VALIDATION_FAILED, instantProblem('advanceTo', advanceTo));
  return target;
}

function durationTarget(fromIso: string, advanceBy: string): string {
  if (!Duration.fromISO(advanceBy).isValid) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'advanceBy must be an ISO 8601 duration such as P6M or PT2H.');
  }
  let target: string;
  try {
    target = parisCalendar.addDuration(fromIso, advanceBy);
  } catch {
    throw new DomainError(
      ErrorCode.INVALID_TIME,
      `advanceBy ${advanceBy} takes the simulated clock beyond ${LATEST_INSTANT}, the last instant the service keeps.`,
      { now: fromIso, latest: LATEST_INSTANT },
    );
  }
  return target;
}
