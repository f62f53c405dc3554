import { createCalendarRules } from './convention.rules';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { IDF_ACSE_PARTNERSHIP, SPRO_EP_CHATEAUROUX } from './convention.examples';
import {
  amendmentIsValid,
  amendmentSignedByEveryParty,
  amendmentWithinReviewWindow,
  anniversaryReached,
  committeeRecordIsValid,
  completesSignatures,
  conventionRules,
  denunciationIsValid,
  denunciationWithinReviewWindow,
  dutyFallsDue,
  evaluationHasAssessment,
  formalNoticeIsValid,
  noticeClauseExists,
  noticeLapsed,
  noticePeriodElapsed,
  partiesAreValid,
  partyHasNotSigned,
  reportRecordIsValid,
  signerIsParty,
  sixMonthDateReached,
  tacitRenewalAvailable,
  termEndReached,
  termsAreComplete,
} from './convention.rules';
import {
  closeSchedule,
  dutyOccurrence,
  effectiveFromOf,
  fallDue,
  isPositiveDuration,
  nextAnniversaryAfter,
  rescheduleDuties,
  scaleDuration,
} from './convention.schedule';
import type {
  ConventionContext,
  ConventionEvent,
  ConventionEventOf,
  ConventionParty,
  DutyOccurrence,
  FormalNotice,
  TermRule,
} from './convention.types';

const A: ConventionParty = { id: 'a', organisation: 'Org A', representative: { name: 'Ann', title: 'Director' }, role: 'signatory' };
const B: ConventionParty = { id: 'b', organisation: 'Org B', representative: { name: 'Bob', title: 'President' }, role: 'signatory' };
const C: ConventionParty = { id: 'c', organisation: 'Org C', representative: { name: 'Cat', title: 'Prefect' }, role: 'co-signatory' };

const EFFECTIVE = '2024-01-14T23:00:00.000Z';

function occurrence(partial: Partial<DutyOccurrence> = {}): DutyOccurrence {
  return {
    ...dutyOccurrence(parisCalendar, { id: 'tc', kind: 'committee', every: 'P3M' }, EFFECTIVE, 1, 1),
    ...partial,
  };
}

/** A convention in force between a and b, signed on 15 January 2024 (Paris), with a quarterly committee and a yearly report. */
function context(overrides: Partial<ConventionContext> = {}): ConventionContext {
  return {
    parties: [A, B],
    terms: {
      title: 'T',
      object: 'O',
      term: { duration: 'P1Y', tacitRenewal: true },
      formalNoticePeriod: 'P2M',
      duties: [
        { id: 'tc', kind: 'committee', every: 'P3M' },
        { id: 'report', kind: 'report', every: 'P1Y' },
      ],
    },
    signatures: [],
    termsVersions: [],
    renewals: 0,
    anniversaries: 0,
    formalNotices: [],
    dutyOccurrences: [occurrence(), dutyOccurrence(parisCalendar, { id: 'report', kind: 'report', every: 'P1Y' }, EFFECTIVE, 1, 1)],
    effectiveFrom: EFFECTIVE,
    currentTerm: { number: 1, startsAt: EFFECTIVE, endsAt: '2025-01-14T23:00:00.000Z' },
    ...overrides,
  };
}

const WITH_WINDOW: Partial<ConventionContext> = {
  terms: { ...context().terms, review: { anniversaryWindow: 'P1M', allows: ['amendment', 'denunciation'] } },
  anniversaries: 1,
  reviewWindow: { anniversary: 1, opensAt: '2025-01-14T23:00:00.000Z', closesAt: '2025-02-14T23:00:00.000Z' },
  nextAnniversaryAt: '2026-01-14T23:00:00.000Z',
};

type Payload<T extends ConventionEvent['type']> = Omit<ConventionEventOf<T>, 'type' | 'at'>;

function ev<T extends ConventionEvent['type']>(type: T, fields: Payload<T>, at = '2024-06-01T10:00:00Z'): ConventionEventOf<T> {
  return { type, at, ...fields } as ConventionEventOf<T>;
}

const NOTICE: FormalNotice = {
  from: 'a',
  to: 'b',
  breach: 'No report',
  sentAt: '2024-03-01T10:00:00Z',
  expiresAt: '2024-05-01T09:00:00.000Z',
  deadline: '2024-05-01T09:00:00.000Z',
};

describe('convention rules', () => {
  it('lists every rule under its own name', () => {
    for (const [name, rule] of Object.entries(conventionRules)) expect(rule.name).toBe(name);
    expect(Object.keys(conventionRules)).toHaveLength(22);
  });

  describe('partiesAreValid (2 to 30 signatories, unique ids, complete)', () => {
    const open = ev('OPEN_FOR_SIGNATURE', {});
    it('passes for the seeds: 27 parties in 003, 3 in 004', () => {
      expect(partiesAreValid(context({ parties: SPRO_EP_CHATEAUROUX.parties }), open)).toBeUndefined();
      expect(partiesAreValid(context({ parties: IDF_ACSE_PARTNERSHIP.parties }), open)).toBeUndefined();
    });
    it('refuses fewer than 2 or more than 30 parties', () => {
      expect(partiesAreValid(context({ parties: [A] }), open)).toMatch(/2 to 30 parties \(there are 1\)/);
      const many = Array.from({ length: 31 }, (_, index) => ({ ...A, id: `p${index}` }));
      expect(partiesAreValid(context({ parties: many }), open)).toMatch(/there are 31/);
    });
    it('refuses repeated ids and incomplete parties', () => {
      expect(partiesAreValid(context({ parties: [A, { ...B, id: 'a' }] }), open)).toMatch(/unique party ids \(repeated: a\)/);
      expect(partiesAreValid(context({ parties: [A, { ...B, representative: { name: 'Bob', title: ' ' } }] }), open)).toMatch(
        /incomplete: b/,
      );
    });
  });

  describe('termsAreComplete', () => {
    const open = ev('OPEN_FOR_SIGNATURE', {});
    it('passes for complete terms and for the seeds', () => {
      expect(termsAreComplete(context(), open)).toBeUndefined();
      const { parties: _p3, ...terms003 } = SPRO_EP_CHATEAUROUX;
      const { parties: _p4, ...terms004 } = IDF_ACSE_PARTNERSHIP;
      expect(termsAreComplete(context({ terms: terms003 }), open)).toBeUndefined();
      expect(termsAreComplete(context({ terms: terms004 }), open)).toBeUndefined();
    });
    it('names what is missing or malformed', () => {
      expect(termsAreComplete(context({ terms: {} }), open)).toMatch(/a title, an object, a term/);
      expect(termsAreComplete(context({ terms: { ...context().terms, term: { duration: '1 year', tacitRenewal: true } } }), open)).toMatch(
        /term duration/,
      );
      expect(termsAreComplete(context({ terms: { ...context().terms, effectiveDate: '01/03/2024' } }), open)).toMatch(/effective date/);
      expect(termsAreComplete(context({ terms: { ...context().terms, review: { anniversaryWindow: 'P1M', allows: [] } } }), open)).toMatch(
        /what the anniversary review allows/,
      );
      const twice = [
        { id: 'x', kind: 'committee' as const, every: 'P3M' },
        { id: 'x', kind: 'report' as const, every: 'P0D' },
      ];
      expect(termsAreComplete(context({ terms: { ...context().terms, duties: twice } }), open)).toMatch(/unique duty ids.*not: x/);
    });
  });

  describe('signerIsParty', () => {
    it('passes for a party', () => expect(signerIsParty(context(), ev('SIGN', { party: 'a' }))).toBeUndefined());
    it('refuses an unknown signer', () =>
      expect(signerIsParty(context(), ev('SIGN', { party: 'z' }))).toMatch(/z is not a party.*parties: a, b/));
  });

  describe('partyHasNotSigned', () => {
    const signed = context({ signatures: [{ party: 'a', at: '2024-01-12T09:00:00Z' }] });
    it('passes for a first signature', () => expect(partyHasNotSigned(signed, ev('SIGN', { party: 'b' }))).toBeUndefined());
    it('refuses a second signature', () =>
      expect(partyHasNotSigned(signed, ev('SIGN', { party: 'a' }))).toMatch(/a already signed on 2024-01-12/));
  });

  describe('completesSignatures', () => {
    it('passes for the last missing signature', () => {
      expect(completesSignatures(context({ signatures: [{ party: 'a', at: 'x' }] }), ev('SIGN', { party: 'b' }))).toBeUndefined();
    });
    it('refuses while others have not signed', () => {
      expect(completesSignatures(context({ parties: [A, B, C] }), ev('SIGN', { party: 'b' }))).toBe(
        'Still awaiting the signatures of a, c.',
      );
    });
  });

  describe('amendmentSignedByEveryParty', () => {
    it('passes when every party signs, in any order', () => {
      expect(amendmentSignedByEveryParty(context(), ev('AMEND', { summary: 's', signedBy: ['b', 'a'] }))).toBeUndefined();
    });
    it('refuses a missing party or a stranger', () => {
      expect(amendmentSignedByEveryParty(context(), ev('AMEND', { summary: 's', signedBy: ['a'] }))).toMatch(/missing: b/);
      expect(amendmentSignedByEveryParty(context(), ev('AMEND', { summary: 's', signedBy: ['a', 'b', 'z'] }))).toMatch(/not parties: z/);
    });
  });

  describe('amendmentWithinReviewWindow', () => {
    it('passes at any time without review rules (003)', () => {
      expect(amendmentWithinReviewWindow(context(), ev('AMEND', { summary: 's', signedBy: ['a', 'b'] }))).toBeUndefined();
    });
    it('passes inside the anniversary window (004)', () => {
      expect(
        amendmentWithinReviewWindow(context(WITH_WINDOW), ev('AMEND', { summary: 's', signedBy: ['a', 'b'] }, '2025-02-01T10:00:00Z')),
      ).toBeUndefined();
    });
    it('refuses outside the window, before any anniversary, or when review does not allow it', () => {
      expect(
        amendmentWithinReviewWindow(context(WITH_WINDOW), ev('AMEND', { summary: 's', signedBy: ['a', 'b'] }, '2025-02-14T23:00:00.000Z')),
      ).toMatch(
        /only in the review window \(from 2025-01-14T23:00:00.000Z until 2025-02-14T23:00:00.000Z\).*next window opens on 2026-01-14/,
      );
      const beforeFirst = context({
        ...WITH_WINDOW,
        reviewWindow: undefined,
        anniversaries: 0,
        nextAnniversaryAt: '2025-01-14T23:00:00.000Z',
      });
      expect(amendmentWithinReviewWindow(beforeFirst, ev('AMEND', { summary: 's', signedBy: ['a', 'b'] }))).toMatch(
        /only at the anniversary.*2025-01-14/,
      );
      const denunciationOnly = context({
        ...WITH_WINDOW,
        terms: { ...context().terms, review: { anniversaryWindow: 'P1M', allows: ['denunciation'] } },
      });
      expect(
        amendmentWithinReviewWindow(denunciationOnly, ev('AMEND', { summary: 's', signedBy: ['a', 'b'] }, '2025-02-01T10:00:00Z')),
      ).toMatch(/does not allow amendment/);
    });
  });

  describe('amendmentIsValid', () => {
    it('passes with a summary and valid changes', () => {
      expect(
        amendmentIsValid(context(), ev('AMEND', { summary: 'Art. 4 bis', signedBy: [], changes: { clauses: { '4 bis': 'x' } } })),
      ).toBeUndefined();
    });
    it('refuses without summary, with an effective date, or with invalid amended terms', () => {
      expect(amendmentIsValid(context(), ev('AMEND', { summary: ' ', signedBy: [] }))).toMatch(/summary/);
      const withDate = { summary: 's', signedBy: [], changes: { effectiveDate: '2025-01-01' } } as unknown as Payload<'AMEND'>;
      expect(amendmentIsValid(context(), ev('AMEND', withDate))).toMatch(/cannot change the effective date/);
      expect(amendmentIsValid(context(), ev('AMEND', { summary: 's', signedBy: [], changes: { title: '' } }))).toMatch(
        /would be invalid.*a title/,
      );
    });
  });

  describe('denunciationWithinReviewWindow', () => {
    it('passes inside the window (004)', () => {
      expect(
        denunciationWithinReviewWindow(context(WITH_WINDOW), ev('DENOUNCE', { party: 'a', reason: 'r' }, '2025-01-20T10:00:00Z')),
      ).toBeUndefined();
    });
    it('refuses without review rules (003) or outside the window', () => {
      expect(denunciationWithinReviewWindow(context(), ev('DENOUNCE', { party: 'a', reason: 'r' }))).toMatch(
        /only once a formal notice has lapsed/,
      );
      expect(
        denunciationWithinReviewWindow(context(WITH_WINDOW), ev('DENOUNCE', { party: 'a', reason: 'r' }, '2025-01-14T22:59:59Z')),
      ).toMatch(/review window/);
    });
  });

  describe('denunciationIsValid', () => {
    it('passes for a party giving its reason', () =>
      expect(denunciationIsValid(context(), ev('DENOUNCE', { party: 'b', reason: 'Breach' }))).toBeUndefined());
    it('refuses a stranger or a missing reason', () => {
      expect(denunciationIsValid(context(), ev('DENOUNCE', { party: 'z', reason: 'Breach' }))).toMatch(/z is not a party/);
      expect(denunciationIsValid(context(), ev('DENOUNCE', { party: 'a', reason: '' }))).toMatch(/reason/);
    });
  });

  describe('termEndReached', () => {
    it('passes at or after the end of the term', () => {
      expect(termEndReached(context(), ev('TERM_END', {}, '2025-01-14T23:00:00.000Z'))).toBeUndefined();
      expect(termEndReached(context(), ev('TERM_END', {}, '2025-02-01T00:00:00Z'))).toBeUndefined();
    });
    it('refuses an early poke', () => {
      expect(termEndReached(context(), ev('TERM_END', {}, '2025-01-14T22:59:59Z'))).toBe(
        'The current term ends on 2025-01-14T23:00:00.000Z.',
      );
    });
  });

  describe('tacitRenewalAvailable', () => {
    const withTerm = (term: TermRule, renewals = 0) => context({ terms: { ...context().terms, term }, renewals });
    const upToTwo: TermRule = { duration: 'P1Y', tacitRenewal: true, maxRenewals: 2 };
    it('passes for a tacitly renewed term (003)', () => expect(tacitRenewalAvailable(context(), ev('TERM_END', {}))).toBeUndefined());
    it('passes while renewals remain', () => {
      expect(tacitRenewalAvailable(withTerm(upToTwo, 1), ev('TERM_END', {}))).toBeUndefined();
    });
    it('refuses without tacit renewal (004) or when renewals are used up', () => {
      expect(tacitRenewalAvailable(withTerm({ duration: 'P3Y', tacitRenewal: false }), ev('TERM_END', {}))).toMatch(/does not renew/);
      expect(tacitRenewalAvailable(withTerm(upToTwo, 2), ev('TERM_END', {}))).toMatch(/already been renewed 2 time/);
    });
  });

  describe('anniversaryReached', () => {
    const due = context({ nextAnniversaryAt: '2025-01-14T23:00:00.000Z' });
    it('passes at the anniversary', () =>
      expect(anniversaryReached(due, ev('ANNIVERSARY', {}, '2025-01-14T23:00:00.000Z'))).toBeUndefined());
    it('refuses early, and without review rules', () => {
      expect(anniversaryReached(due, ev('ANNIVERSARY', {}, '2025-01-14T12:00:00Z'))).toMatch(
        /next anniversary is on 2025-01-14T23:00:00.000Z/,
      );
      expect(anniversaryReached(context(), ev('ANNIVERSARY', {}, '2025-01-14T23:00:00.000Z'))).toMatch(/no anniversary review/);
    });
  });

  describe('dutyFallsDue', () => {
    it('passes at the due date of an occurrence not yet fallen due', () => {
      expect(dutyFallsDue(context(), ev('DUTY_DUE', { dutyId: 'tc', sequence: 1 }, '2024-04-14T22:00:00.000Z'))).toBeUndefined();
    });
    it('refuses an early poke, a duplicate and an unknown occurrence', () => {
      expect(dutyFallsDue(context(), ev('DUTY_DUE', { dutyId: 'tc', sequence: 1 }, '2024-04-14T21:00:00Z'))).toMatch(
        /falls due on 2024-04-14T22:00:00.000Z/,
      );
      const { deadline: _spent, ...fallen } = occurrence({ status: 'overdue' });
      expect(
        dutyFallsDue(context({ dutyOccurrences: [fallen] }), ev('DUTY_DUE', { dutyId: 'tc', sequence: 1 }, '2024-05-01T00:00:00Z')),
      ).toMatch(/already fell due/);
      expect(dutyFallsDue(context(), ev('DUTY_DUE', { dutyId: 'tc', sequence: 7 }, '2024-05-01T00:00:00Z'))).toMatch(/no occurrence 7/);
    });
  });

  describe('committeeRecordIsValid', () => {
    it('passes for a meeting in a scheduled period, on its first and last days', () => {
      expect(
        committeeRecordIsValid(context(), ev('RECORD_COMMITTEE', { committee: 'tc', date: '2024-01-15', minutesRef: 'm' })),
      ).toBeUndefined();
      expect(
        committeeRecordIsValid(context(), ev('RECORD_COMMITTEE', { committee: 'tc', date: '2024-04-14', minutesRef: 'm' })),
      ).toBeUndefined();
    });
    it('passes for an overdue period (the meeting is then recorded as late)', () => {
      expect(
        committeeRecordIsValid(
          context({ dutyOccurrences: [occurrence({ status: 'overdue' })] }),
          ev('RECORD_COMMITTEE', { committee: 'tc', date: '2024-03-01', minutesRef: 'm' }),
        ),
      ).toBeUndefined();
    });
    it('refuses an unknown committee, a report id, missing minutes, dates out of schedule and a second meeting', () => {
      expect(
        committeeRecordIsValid(context(), ev('RECORD_COMMITTEE', { committee: 'copil', date: '2024-03-01', minutesRef: 'm' })),
      ).toMatch(/copil is not a committee.*committees: tc/);
      expect(
        committeeRecordIsValid(context(), ev('RECORD_COMMITTEE', { committee: 'report', date: '2024-03-01', minutesRef: 'm' })),
      ).toMatch(/not a committee/);
      expect(committeeRecordIsValid(context(), ev('RECORD_COMMITTEE', { committee: 'tc', date: '2024-03-01', minutesRef: '' }))).toMatch(
        /minutes/,
      );
      expect(committeeRecordIsValid(context(), ev('RECORD_COMMITTEE', { committee: 'tc', date: '2024-01-14', minutesRef: 'm' }))).toMatch(
        /before the tc schedule starts \(2024-01-15\)/,
      );
      expect(committeeRecordIsValid(context(), ev('RECORD_COMMITTEE', { committee: 'tc', date: '2024-04-15', minutesRef: 'm' }))).toMatch(
        /No tc period containing 2024-04-15 is scheduled yet/,
      );
      const recorded = context({
        dutyOccurrences: [occurrence({ status: 'done', record: { recordedAt: 'x', date: '2024-02-01', ref: 'm' } })],
      });
      expect(committeeRecordIsValid(recorded, ev('RECORD_COMMITTEE', { committee: 'tc', date: '2024-03-01', minutesRef: 'm2' }))).toMatch(
        /already recorded \(2024-02-01\)/,
      );
    });
  });

  describe('reportRecordIsValid', () => {
    it('passes for a scheduled year not yet reported', () => {
      expect(reportRecordIsValid(context(), ev('RECORD_REPORT', { report: 'report', year: 1 }))).toBeUndefined();
    });
    it('refuses an unknown report, a year not scheduled, a cancelled or already reported year', () => {
      expect(reportRecordIsValid(context(), ev('RECORD_REPORT', { report: 'tc', year: 1 }))).toMatch(/tc is not a report.*reports: report/);
      expect(reportRecordIsValid(context(), ev('RECORD_REPORT', { report: 'report', year: 0 }))).toMatch(/whole number/);
      expect(reportRecordIsValid(context(), ev('RECORD_REPORT', { report: 'report', year: 2 }))).toMatch(
        /Year 2 of report is not scheduled yet/,
      );
      const [, report] = context().dutyOccurrences;
      expect(
        reportRecordIsValid(
          context({ dutyOccurrences: [{ ...report, status: 'cancelled' }] }),
          ev('RECORD_REPORT', { report: 'report', year: 1 }),
        ),
      ).toMatch(/cancelled/);
      const reported = context({ dutyOccurrences: [{ ...report, status: 'done', record: { recordedAt: '2024-12-01T00:00:00Z' } }] });
      expect(reportRecordIsValid(reported, ev('RECORD_REPORT', { report: 'report', year: 1 }))).toMatch(/already recorded/);
    });
  });

  describe('noticeClauseExists', () => {
    const notice = ev('SEND_FORMAL_NOTICE', { from: 'a', to: 'b', breach: 'x' });
    it('passes with a notice period (003 art. 5)', () => expect(noticeClauseExists(context(), notice)).toBeUndefined());
    it('refuses without one (004)', () => {
      expect(noticeClauseExists(context({ terms: { ...context().terms, formalNoticePeriod: undefined } }), notice)).toMatch(
        /no formal notice clause/,
      );
    });
  });

  describe('formalNoticeIsValid', () => {
    it('passes from one party to another, naming the breach', () => {
      expect(formalNoticeIsValid(context(), ev('SEND_FORMAL_NOTICE', { from: 'a', to: 'b', breach: 'No report' }))).toBeUndefined();
    });
    it('refuses strangers, self-notice and a missing breach', () => {
      expect(formalNoticeIsValid(context(), ev('SEND_FORMAL_NOTICE', { from: 'z', to: 'b', breach: 'x' }))).toMatch(/z is not a party/);
      expect(formalNoticeIsValid(context(), ev('SEND_FORMAL_NOTICE', { from: 'a', to: 'z', breach: 'x' }))).toMatch(/z is not a party/);
      expect(formalNoticeIsValid(context(), ev('SEND_FORMAL_NOTICE', { from: 'a', to: 'a', breach: 'x' }))).toMatch(/itself/);
      expect(formalNoticeIsValid(context(), ev('SEND_FORMAL_NOTICE', { from: 'a', to: 'b', breach: ' ' }))).toMatch(/names the breach/);
    });
  });

  describe('noticePeriodElapsed', () => {
    it('passes at the end of the period', () => {
      expect(noticePeriodElapsed(context({ formalNotice: NOTICE }), ev('NOTICE_EXPIRED', {}, '2024-05-01T09:00:00.000Z'))).toBeUndefined();
    });
    it('refuses before the end, twice, or without a notice', () => {
      expect(noticePeriodElapsed(context({ formalNotice: NOTICE }), ev('NOTICE_EXPIRED', {}, '2024-04-30T09:00:00Z'))).toMatch(
        /runs until 2024-05-01T09:00:00.000Z/,
      );
      const { deadline: _spent, ...lapsed } = NOTICE;
      expect(
        noticePeriodElapsed(
          context({ formalNotice: { ...lapsed, lapsedAt: NOTICE.expiresAt } }),
          ev('NOTICE_EXPIRED', {}, '2024-05-02T00:00:00Z'),
        ),
      ).toMatch(/already lapsed/);
      expect(noticePeriodElapsed(context(), ev('NOTICE_EXPIRED', {}))).toMatch(/No formal notice/);
    });
  });

  describe('noticeLapsed', () => {
    it('passes once the notice has lapsed without remedy', () => {
      expect(
        noticeLapsed(context({ formalNotice: { ...NOTICE, lapsedAt: NOTICE.expiresAt } }), ev('DENOUNCE', { party: 'a', reason: 'r' })),
      ).toBeUndefined();
    });
    it('refuses while the period runs, or without a notice', () => {
      expect(noticeLapsed(context({ formalNotice: NOTICE }), ev('DENOUNCE', { party: 'a', reason: 'r' }))).toMatch(/runs until 2024-05-01/);
      expect(noticeLapsed(context(), ev('DENOUNCE', { party: 'a', reason: 'r' }))).toMatch(/No formal notice/);
    });
  });

  describe('evaluationHasAssessment', () => {
    it('passes with an assessment', () =>
      expect(evaluationHasAssessment(context(), ev('RECORD_END_EVALUATION', { assessment: 'Good' }))).toBeUndefined());
    it('refuses a blank one', () =>
      expect(evaluationHasAssessment(context(), ev('RECORD_SIX_MONTH_EVALUATION', { assessment: '  ' }))).toMatch(/assessment/));
  });

  describe('sixMonthDateReached', () => {
    const ended = context({ sixMonthEvaluationDue: '2025-07-14T22:00:00.000Z' });
    it('passes from the due date', () =>
      expect(sixMonthDateReached(ended, ev('SIX_MONTH_EVALUATION_DUE', {}, '2025-07-14T22:00:00.000Z'))).toBeUndefined());
    it('refuses before it, and before the end', () => {
      expect(sixMonthDateReached(ended, ev('SIX_MONTH_EVALUATION_DUE', {}, '2025-07-01T00:00:00Z'))).toMatch(
        /due on 2025-07-14T22:00:00.000Z/,
      );
      expect(sixMonthDateReached(context(), ev('SIX_MONTH_EVALUATION_DUE', {}))).toMatch(/not yet known/);
    });
  });
});

describe('convention schedule (the arithmetic behind the named actions)', () => {
  it('accepts positive calendar durations only, and scales them', () => {
    expect(['P1Y', 'P3M', 'P2M', 'P1Y6M', 'P2W', 'P10D', 'P0Y1M'].every(isPositiveDuration)).toBe(true);
    expect(['', 'P', 'P0D', 'PT1H', '1Y', 'P-1M', 'two months', undefined].some(isPositiveDuration)).toBe(false);
    expect(scaleDuration('P3M', 4)).toBe('P12M');
    expect(scaleDuration('P1Y6M', 2)).toBe('P2Y12M');
    expect(() => scaleDuration('P0D', 2)).toThrow(RangeError);
  });

  it('takes effect on the Paris day of the last signature, or at a later stated date (003 art. 4)', () => {
    expect(effectiveFromOf(parisCalendar, '2024-07-30T09:00:00Z')).toBe('2024-07-29T22:00:00.000Z');
    // 23:30 UTC on 29 July is already 30 July in Paris.
    expect(effectiveFromOf(parisCalendar, '2024-07-29T23:30:00Z')).toBe('2024-07-29T22:00:00.000Z');
    expect(effectiveFromOf(parisCalendar, '2024-07-30T09:00:00Z', '2024-09-01')).toBe('2024-08-31T22:00:00.000Z');
    expect(effectiveFromOf(parisCalendar, '2024-07-30T09:00:00Z', '2024-01-01')).toBe('2024-07-29T22:00:00.000Z');
  });

  it('finds the next anniversary strictly after an instant', () => {
    expect(nextAnniversaryAfter(parisCalendar, '2008-07-10T22:00:00.000Z', '2010-07-10T22:00:00.000Z')).toEqual({
      n: 3,
      at: '2011-07-10T22:00:00.000Z',
    });
    expect(nextAnniversaryAfter(parisCalendar, '2008-07-10T22:00:00.000Z', '2008-07-11T10:00:00Z')).toEqual({
      n: 1,
      at: '2009-07-10T22:00:00.000Z',
    });
  });

  it('falls due: overdue when unrecorded, deadline spent, next occurrence scheduled', () => {
    const duties = [{ id: 'tc', kind: 'committee' as const, every: 'P3M' }];
    const after = fallDue(parisCalendar, [occurrence()], duties, 'tc', 1);
    expect(after.map((item) => [item.sequence, item.status, item.overdueAt, item.deadline])).toEqual([
      [1, 'overdue', '2024-04-14T22:00:00.000Z', undefined],
      [2, 'pending', undefined, '2024-07-14T22:00:00.000Z'],
    ]);
    const done = fallDue(parisCalendar, [occurrence({ status: 'done' })], duties, 'tc', 1);
    expect(done[0]).toMatchObject({ status: 'done' });
    expect(done[0].overdueAt).toBeUndefined();
    // A duty no longer in the terms is not scheduled again.
    expect(fallDue(parisCalendar, [occurrence()], [], 'tc', 1)).toHaveLength(1);
  });

  it('closes the schedule at the end: due ones overdue, running ones cancelled, future ones dropped', () => {
    const duties = [{ id: 'tc', kind: 'committee' as const, every: 'P3M' }];
    const first = occurrence();
    const second = dutyOccurrence(parisCalendar, duties[0], EFFECTIVE, 2, 2);
    const third = dutyOccurrence(parisCalendar, duties[0], EFFECTIVE, 3, 3);
    const closed = closeSchedule([first, second, third], '2024-05-01T10:00:00Z');
    expect(closed.map((item) => [item.sequence, item.status, item.deadline])).toEqual([
      [1, 'overdue', undefined],
      [2, 'cancelled', undefined],
    ]);
  });

  it('reschedules only the duties an amendment changes', () => {
    const before = [
      { id: 'tc', kind: 'committee' as const, every: 'P3M' },
      { id: 'old', kind: 'report' as const, every: 'P1Y' },
    ];
    const after = [
      { id: 'tc', kind: 'committee' as const, every: 'P3M' },
      { id: 'new', kind: 'report' as const, every: 'P6M' },
    ];
    const old = dutyOccurrence(parisCalendar, before[1], EFFECTIVE, 1, 1);
    const result = rescheduleDuties(parisCalendar, [occurrence(), old], before, after, '2024-03-05T10:00:00Z');
    expect(result.map((item) => [item.dutyId, item.status, item.firstDay, item.deadline !== undefined])).toEqual([
      ['tc', 'pending', '2024-01-15', true],
      ['old', 'cancelled', '2024-01-15', false],
      ['new', 'pending', '2024-03-05', true],
    ]);
  });
});

describe('calendar-bound rules (records once things have happened)', () => {
  const rules = createCalendarRules(parisCalendar) as Record<string, (context: unknown, event: unknown) => string | undefined>;

  it('meetingHasTakenPlace: refuses a meeting dated after the Paris date of the record, accepts today and the past', () => {
    const at = '2008-07-12T10:00:00.000Z';
    expect(
      rules.meetingHasTakenPlace(
        {},
        { type: 'RECORD_COMMITTEE', at, committee: 'technicalCommittee', date: '2008-10-10', minutesRef: 'CT-1' },
      ),
    ).toBe('A committee meeting is recorded once held: 2008-10-10 is after today (2008-07-12).');
    expect(
      rules.meetingHasTakenPlace(
        {},
        { type: 'RECORD_COMMITTEE', at, committee: 'technicalCommittee', date: '2008-07-12', minutesRef: 'CT-1' },
      ),
    ).toBeUndefined();
    // 23:30 UTC on 11 July is already 12 July in Paris.
    expect(
      rules.meetingHasTakenPlace(
        {},
        {
          type: 'RECORD_COMMITTEE',
          at: '2008-07-11T22:30:00.000Z',
          committee: 'technicalCommittee',
          date: '2008-07-12',
          minutesRef: 'CT-1',
        },
      ),
    ).toBeUndefined();
  });

  it('reportPeriodHasBegun: refuses a report for a year that has not started', () => {
    const context = {
      dutyOccurrences: [{ dutyId: 'activityReport', sequence: 2, firstDay: '2025-07-30', endDay: '2026-07-30', status: 'pending' }],
    };
    const event = (at: string) => ({ type: 'RECORD_REPORT', at, report: 'activityReport', year: 2 });
    expect(rules.reportPeriodHasBegun(context, event('2025-07-01T10:00:00.000Z'))).toBe(
      'Year 2 of activityReport starts on 2025-07-30; it cannot be reported before.',
    );
    expect(rules.reportPeriodHasBegun(context, event('2025-08-01T10:00:00.000Z'))).toBeUndefined();
  });
});
