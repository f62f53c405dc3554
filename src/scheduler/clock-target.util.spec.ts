import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { resolveClockTarget, type ClockMove } from './clock-target.util';

const NOW = '2022-06-27T07:00:00.000Z';

function refusal(move: ClockMove, from = NOW): DomainError {
  try {
    resolveClockTarget(from, move);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(move)} was not refused`);
}

describe('resolveClockTarget (where a move of the simulated clock ends)', () => {
  it('moves to an instant, normalised to UTC', () => {
    expect(resolveClockTarget(NOW, { advanceTo: '2022-08-06T00:00:00+02:00' })).toBe('2022-08-05T22:00:00.000Z');
    expect(resolveClockTarget(NOW, { advanceTo: NOW })).toBe(NOW);
    expect(resolveClockTarget(NOW, { advanceTo: '9999-12-31T23:59:59.999Z' })).toBe('9999-12-31T23:59:59.999Z');
  });

  it('moves by a duration in Europe/Paris calendar terms', () => {
    // 27 June 2022 09:00 Paris + 6 months = 27 December 09:00 Paris (UTC+1).
    expect(resolveClockTarget(NOW, { advanceBy: 'P6M' })).toBe('2022-12-27T08:00:00.000Z');
    expect(resolveClockTarget(NOW, { advanceBy: 'PT2H' })).toBe('2022-06-27T09:00:00.000Z');
    expect(resolveClockTarget(NOW, { advanceBy: 'P7977Y' })).toBe('9999-06-27T07:00:00.000Z');
  });

  it.each([{}, { advanceTo: NOW, advanceBy: 'P1D' }])('wants exactly one of advanceTo and advanceBy (%j)', (move) => {
    expect(refusal(move)).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, status: 400 });
  });

  it.each(['P999999999Y', 'P8000Y', 'P99999999999999999999D', 'PT99999999999999999999H'])(
    'refuses advanceBy %s, which goes past 9999-12-31 or beyond what a date can hold',
    (advanceBy) => {
      const error = refusal({ advanceBy });
      expect(error).toMatchObject({ code: ErrorCode.INVALID_TIME, status: 400 });
      expect(error.detail).toContain(`advanceBy ${advanceBy} takes the simulated clock beyond 9999-12-31T23:59:59.999Z`);
    },
  );

  it('refuses a duration that is not one', () => {
    expect(refusal({ advanceBy: 'six months' })).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      detail: expect.stringContaining('advanceBy'),
    });
  });

  it.each(['2022-02-30T10:00:00+01:00', '2022-07-01T24:00:00Z', '9999-12-31T23:59:59-14:00', '+275760-09-13T00:00:00Z', 'tomorrow'])(
    'refuses advanceTo %s, which is no real instant the service keeps',
    (advanceTo) => {
      expect(refusal({ advanceTo })).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, detail: expect.stringContaining('advanceTo') });
    },
  );

  it('refuses to move backwards', () => {
    expect(refusal({ advanceTo: '2022-06-01T00:00:00Z' })).toMatchObject({ code: ErrorCode.INVALID_TIME, extensions: { now: NOW } });
  });
});
