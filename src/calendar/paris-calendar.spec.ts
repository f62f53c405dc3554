import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { parisCalendar } from './paris-calendar';

describe('parisCalendar', () => {
  describe('addMonths (calendar months in Europe/Paris)', () => {
    it('clamps 31 August + 6 months to the end of February (non-leap year)', () => {
      // 31 Aug 2022 10:00 Paris (UTC+2) → 28 Feb 2023 10:00 Paris (UTC+1)
      expect(parisCalendar.addMonths('2022-08-31T08:00:00.000Z', 6)).toBe('2023-02-28T09:00:00.000Z');
    });

    it('clamps 31 August + 6 months to 29 February in a leap year', () => {
      expect(parisCalendar.addMonths('2023-08-31T08:00:00.000Z', 6)).toBe('2024-02-29T09:00:00.000Z');
    });

    it('keeps the wall-clock time across the change to summer time', () => {
      // 15 Mar 2022 09:00 Paris (UTC+1) + 1 month = 15 Apr 2022 09:00 Paris (UTC+2)
      expect(parisCalendar.addMonths('2022-03-15T08:00:00.000Z', 1)).toBe('2022-04-15T07:00:00.000Z');
    });

    it('keeps the wall-clock time across the change from summer time', () => {
      // 20 Oct 2022 09:00 Paris (UTC+2) + 1 month = 20 Nov 2022 09:00 Paris (UTC+1)
      expect(parisCalendar.addMonths('2022-10-20T07:00:00.000Z', 1)).toBe('2022-11-20T08:00:00.000Z');
    });

    it('counts months on the Paris date, not the UTC date', () => {
      // 31 Jan 2024 23:30 Paris is 31 Jan 22:30 UTC; +1 month = 29 Feb 2024 23:30 Paris
      expect(parisCalendar.addMonths('2024-01-31T22:30:00.000Z', 1)).toBe('2024-02-29T22:30:00.000Z');
      // 1 Mar 2024 00:30 Paris is 29 Feb 23:30 UTC; +1 month = 1 Apr 2024 00:30 Paris (UTC+2)
      expect(parisCalendar.addMonths('2024-02-29T23:30:00.000Z', 1)).toBe('2024-03-31T22:30:00.000Z');
    });
  });

  describe('addDuration', () => {
    it('adds ISO 8601 durations in calendar terms', () => {
      expect(parisCalendar.addDuration('2024-07-30T10:00:00.000Z', 'P1Y')).toBe('2025-07-30T10:00:00.000Z');
      expect(parisCalendar.addDuration('2024-12-31T10:00:00.000Z', 'P2M')).toBe('2025-02-28T10:00:00.000Z');
      expect(parisCalendar.addDuration('2008-07-11T10:00:00.000Z', 'P3M')).toBe('2008-10-11T10:00:00.000Z');
    });

    it('refuses a malformed duration', () => {
      expect(() => parisCalendar.addDuration('2024-07-30T10:00:00.000Z', 'six months')).toThrow(RangeError);
    });

    it('refuses, as a 400 problem, a date past year 9999 or beyond what a date can hold, instead of answering a wrong date', () => {
      const refusalOf = (compute: () => string): unknown => {
        try {
          return compute();
        } catch (error) {
          return error;
        }
      };
      for (const refusal of [
        refusalOf(() => parisCalendar.addDuration('9999-06-01T00:00:00.000Z', 'P1Y')),
        refusalOf(() => parisCalendar.addDuration('2022-06-01T00:00:00.000Z', 'P999999999Y')),
        refusalOf(() => parisCalendar.addMonths('9999-09-01T00:00:00.000Z', 6)),
      ]) {
        expect(refusal).toBeInstanceOf(DomainError);
        expect(refusal).toMatchObject({ code: ErrorCode.INVALID_TIME, status: 400 });
      }
      expect(parisCalendar.addDuration('9998-06-01T00:00:00.000Z', 'P1Y')).toBe('9999-06-01T00:00:00.000Z');
    });
  });

  describe('working days', () => {
    it('moves a Saturday deadline to Monday, same wall-clock time', () => {
      // Sat 6 Aug 2022 12:00 Paris → Mon 8 Aug 2022 12:00 Paris
      expect(parisCalendar.nextWorkingDay('2022-08-06T10:00:00.000Z')).toBe('2022-08-08T10:00:00.000Z');
    });

    it('leaves a working day alone', () => {
      expect(parisCalendar.nextWorkingDay('2022-08-05T10:00:00.000Z')).toBe('2022-08-05T10:00:00.000Z');
    });

    it('skips French public holidays, including Easter Monday and chained holidays', () => {
      // Mon 1 May 2023 (Labour Day) → Tue 2 May
      expect(parisCalendar.nextWorkingDay('2023-05-01T08:00:00.000Z')).toBe('2023-05-02T08:00:00.000Z');
      // Easter Monday 2024 is 1 April → Tue 2 April
      expect(parisCalendar.nextWorkingDay('2024-04-01T08:00:00.000Z')).toBe('2024-04-02T08:00:00.000Z');
      // Sun 14 Jul 2024 (Bastille Day on a Sunday) → Mon 15 Jul 2024
      expect(parisCalendar.nextWorkingDay('2024-07-14T08:00:00.000Z')).toBe('2024-07-15T08:00:00.000Z');
      // Sat 24 Dec 2022 → 25 (holiday, Sunday) → Mon 26 Dec 2022 is a working day in general France
      expect(parisCalendar.nextWorkingDay('2022-12-24T09:00:00.000Z')).toBe('2022-12-26T09:00:00.000Z');
    });

    it('judges the Paris date: 23:30 UTC on a Friday is already Saturday in Paris', () => {
      expect(parisCalendar.isWorkingDay('2022-08-05T22:30:00.000Z')).toBe(false);
      expect(parisCalendar.isWorkingDay('2022-08-05T21:30:00.000Z')).toBe(true);
    });
  });

  describe('business dates', () => {
    it('reads the Paris business date of an instant', () => {
      expect(parisCalendar.businessDate('2022-08-04T22:30:00.000Z')).toBe('2022-08-05');
    });

    it('starts a business date at Paris midnight', () => {
      expect(parisCalendar.startOfBusinessDate('2022-08-05')).toBe('2022-08-04T22:00:00.000Z');
      expect(parisCalendar.startOfBusinessDate('2022-12-05')).toBe('2022-12-04T23:00:00.000Z');
    });

    it('counts calendar days between two business dates, across a summer-time change, signed', () => {
      expect(parisCalendar.daysBetween('2022-09-19', '2022-10-10')).toBe(21);
      expect(parisCalendar.daysBetween('2022-10-20', '2022-11-03')).toBe(14);
      expect(parisCalendar.daysBetween('2022-09-19', '2022-09-01')).toBe(-18);
      expect(parisCalendar.daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    });
  });
});
