import { parisCalendar } from '../../src/calendar/paris-calendar';
import { createTenderMachine } from './tender.machine';
import { draftGaps, inadmissibilityReasons, tenderRules } from './tender.rules';
import { SEED_000_CAPS, SEED_001_TENDER, documentsFor, organisation, validBid } from './tender.examples';
import type { Bid, TenderContext, TenderEvent, TenderEventOf } from './tender.types';

const BEFORE_DEADLINE = '2022-08-01T10:00:00+02:00';
const AT_DEADLINE = '2022-08-05T23:59:59+02:00';
const AFTER_DEADLINE = '2022-08-06T09:00:00+02:00';

function context(overrides: Partial<TenderContext> = {}): TenderContext {
  return { ...SEED_001_TENDER, bids: [], auditions: [], interventions: [], ...overrides };
}

let bidCounter = 0;
function bid(overrides: Partial<Bid> = {}): Bid {
  bidCounter += 1;
  return {
    id: `B${bidCounter}`,
    bidder: organisation(`ORG${bidCounter}`),
    consortium: [],
    priceExclVatCents: 3_000_000,
    priceInclVatCents: 3_600_000,
    documents: documentsFor(),
    submittedAt: BEFORE_DEADLINE,
    admissible: true,
    inadmissibleReasons: [],
    scores: {},
    ...overrides,
  };
}

function event<T extends TenderEvent['type']>(type: T, fields: Omit<TenderEventOf<T>, 'type' | 'at'>, at = BEFORE_DEADLINE) {
  return { type, at, ...fields } as TenderEventOf<T>;
}

/** The rules exercised below; the first test fails when a rule is added without tests. */
const TESTED_RULES = [
  'draftIsComplete',
  'bidWindowOpen',
  'bidderHasNoActiveBid',
  'bidPricesConsistent',
  'bidIsActive',
  'bidDeadlinePassed',
  'noAdmissibleBid',
  'scoresAreValid',
  'everyAdmissibleBidScored',
  'bidIsTopRanked',
  'hasReason',
  'deliveryStartsAfterAttribution',
  'interventionWithinCaps',
  'noChildAwaitingEndEvaluation',
  'endEvaluationComplete',
  'sixMonthDateReached',
  'sixMonthEvaluationComplete',
];

describe('tender rules', () => {
  it('every rule is tested here and is a named guard of the machine', () => {
    expect(Object.keys(tenderRules).sort()).toEqual([...TESTED_RULES].sort());
    const machine = createTenderMachine(parisCalendar);
    const guards = Object.keys(machine.implementations.guards ?? {});
    expect(guards.sort()).toEqual(Object.keys(tenderRules).sort());
  });

  describe('draftGaps', () => {
    it('finds nothing missing in seed 001', () => {
      expect(draftGaps(context(), BEFORE_DEADLINE)).toEqual([]);
    });

    it('lists everything an empty draft lacks', () => {
      const empty: TenderContext = { bids: [], auditions: [], interventions: [] };
      expect(draftGaps(empty, BEFORE_DEADLINE)).toEqual([
        'a title',
        'a buyer',
        'a budget cap in cents',
        'award criteria',
        'a bid deadline',
        'a decision date',
      ]);
    });

    it('treats blank title and buyer, and a zero cap, as missing', () => {
      expect(draftGaps(context({ title: '  ', buyer: '', budgetCapCents: 0 }), BEFORE_DEADLINE)).toEqual([
        'a title',
        'a buyer',
        'a budget cap in cents',
        'a budget floor not above the cap',
      ]);
    });

    it('refuses a budget floor above the cap (001 gives 35,000 to 40,000 EUR)', () => {
      expect(draftGaps(context({ budgetFloorCents: 4_500_000 }), BEFORE_DEADLINE)).toEqual(['a budget floor not above the cap']);
      expect(draftGaps(context({ budgetFloorCents: 4_000_000 }), BEFORE_DEADLINE)).toEqual([]);
    });

    it('needs criteria weights summing to 100, one price criterion at most, distinct ids', () => {
      const gaps = draftGaps(
        context({
          criteria: [
            { id: 'technical', label: 'Technical', weight: 60, kind: 'quality' },
            { id: 'price', label: 'Price', weight: 30, kind: 'price' },
            { id: 'price', label: 'Price again', weight: 20, kind: 'price' },
          ],
        }),
        BEFORE_DEADLINE,
      );
      expect(gaps).toEqual(['criteria weights summing to 100 (they sum to 110)', 'at most one price criterion', 'distinct criterion ids']);
    });

    it('needs the bid deadline after the publication and the decision date after the deadline', () => {
      expect(draftGaps(context(), AT_DEADLINE)).toEqual(['a bid deadline after the publication instant']);
      expect(draftGaps(context({ decisionDate: '2022-08-05T12:00:00+02:00' }), BEFORE_DEADLINE)).toEqual([
        'a decision date after the bid deadline',
      ]);
    });
  });

  describe('draftIsComplete', () => {
    it('passes for seed 001', () => {
      expect(tenderRules.draftIsComplete(context(), event('PUBLISH', {}))).toBeUndefined();
    });

    it('refuses and lists the gaps', () => {
      const reason = tenderRules.draftIsComplete(context({ buyer: undefined, bidDeadline: undefined }), event('PUBLISH', {}));
      expect(reason).toBe('The draft is incomplete: it needs a buyer, a bid deadline.');
    });
  });

  describe('bidWindowOpen', () => {
    it('passes before the deadline', () => {
      expect(tenderRules.bidWindowOpen(context(), event('SUBMIT_BID', validBid('A')))).toBeUndefined();
    });

    it('refuses at and after the deadline, naming the deadline and the instant', () => {
      for (const at of [AT_DEADLINE, AFTER_DEADLINE]) {
        const reason = tenderRules.bidWindowOpen(context(), event('SUBMIT_BID', validBid('A'), at));
        expect(reason).toContain('before the deadline (2022-08-05T23:59:59+02:00)');
        expect(reason).toContain(at);
      }
    });

    it('refuses when there is no deadline', () => {
      expect(tenderRules.bidWindowOpen(context({ bidDeadline: undefined }), event('SUBMIT_BID', validBid('A')))).toContain(
        'only before the deadline',
      );
    });
  });

  describe('bidderHasNoActiveBid', () => {
    it('passes for a new bidder and for a bidder whose earlier bid was withdrawn', () => {
      const withdrawn = bid({ bidder: organisation('A'), withdrawnAt: BEFORE_DEADLINE });
      expect(tenderRules.bidderHasNoActiveBid(context(), event('SUBMIT_BID', validBid('A')))).toBeUndefined();
      expect(tenderRules.bidderHasNoActiveBid(context({ bids: [withdrawn] }), event('SUBMIT_BID', validBid('A')))).toBeUndefined();
    });

    it('refuses a second active bid, naming the bidder and the existing bid', () => {
      const existing = bid({ bidder: organisation('A') });
      const reason = tenderRules.bidderHasNoActiveBid(context({ bids: [existing] }), event('SUBMIT_BID', validBid('A')));
      expect(reason).toBe(`Bidder A already has bid ${existing.id}; withdraw it before submitting another.`);
    });
  });

  describe('bidPricesConsistent', () => {
    it('passes when incl. VAT >= excl. VAT > 0 (also with no VAT)', () => {
      expect(tenderRules.bidPricesConsistent(context(), event('SUBMIT_BID', validBid('A')))).toBeUndefined();
      const noVat = validBid('A', 3_600_000, { priceExclVatCents: 3_600_000 });
      expect(tenderRules.bidPricesConsistent(context(), event('SUBMIT_BID', noVat))).toBeUndefined();
    });

    it('refuses a price incl. VAT below the price excl. VAT, or a non-positive price', () => {
      const inverted = validBid('A', 3_000_000, { priceExclVatCents: 3_600_000 });
      const zero = validBid('A', 0, { priceExclVatCents: 0 });
      for (const submission of [inverted, zero]) {
        expect(tenderRules.bidPricesConsistent(context(), event('SUBMIT_BID', submission))).toBe(
          'A bid needs a positive price excl. VAT and a price incl. VAT not below it.',
        );
      }
    });
  });

  describe('bidIsActive', () => {
    it('passes for an active bid', () => {
      const active = bid();
      expect(tenderRules.bidIsActive(context({ bids: [active] }), event('WITHDRAW_BID', { bidId: active.id }))).toBeUndefined();
    });

    it('refuses an unknown or withdrawn bid, naming it', () => {
      const withdrawn = bid({ withdrawnAt: BEFORE_DEADLINE });
      expect(tenderRules.bidIsActive(context({ bids: [withdrawn] }), event('WITHDRAW_BID', { bidId: withdrawn.id }))).toBe(
        `There is no active bid ${withdrawn.id}.`,
      );
      expect(tenderRules.bidIsActive(context(), event('WITHDRAW_BID', { bidId: 'B99' }))).toBe('There is no active bid B99.');
    });
  });

  describe('bidDeadlinePassed', () => {
    it('passes at and after the deadline', () => {
      expect(tenderRules.bidDeadlinePassed(context(), event('CLOSE_BIDS', {}, AT_DEADLINE))).toBeUndefined();
      expect(tenderRules.bidDeadlinePassed(context(), event('CLOSE_BIDS', {}, AFTER_DEADLINE))).toBeUndefined();
    });

    it('refuses before the deadline, naming it', () => {
      expect(tenderRules.bidDeadlinePassed(context(), event('CLOSE_BIDS', {}, BEFORE_DEADLINE))).toBe(
        'Bids cannot close before the deadline (2022-08-05T23:59:59+02:00).',
      );
    });
  });

  describe('noAdmissibleBid', () => {
    it('passes with no bid, or only inadmissible or withdrawn ones', () => {
      const closing = event('CLOSE_BIDS', {}, AFTER_DEADLINE);
      expect(tenderRules.noAdmissibleBid(context(), closing)).toBeUndefined();
      const bids = [bid({ admissible: false, inadmissibleReasons: ['x'] }), bid({ withdrawnAt: BEFORE_DEADLINE })];
      expect(tenderRules.noAdmissibleBid(context({ bids }), closing)).toBeUndefined();
    });

    it('refuses when an admissible bid is active', () => {
      expect(tenderRules.noAdmissibleBid(context({ bids: [bid()] }), event('CLOSE_BIDS', {}, AFTER_DEADLINE))).toBe(
        'There is at least one admissible bid.',
      );
    });
  });

  describe('scoresAreValid', () => {
    it('passes for scores 0 to 100 on quality criteria, also through an audition', () => {
      const active = bid();
      const ctx = context({ bids: [active] });
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: active.id, scores: { technical: 0 } }))).toBeUndefined();
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: active.id, scores: { technical: 100 } }))).toBeUndefined();
      expect(
        tenderRules.scoresAreValid(ctx, event('RECORD_AUDITION', { bidId: active.id, mode: 'video', scores: { technical: 70 } })),
      ).toBeUndefined();
      expect(tenderRules.scoresAreValid(ctx, event('RECORD_AUDITION', { bidId: active.id, mode: 'inPerson' }))).toBeUndefined();
    });

    it('refuses an unknown, withdrawn or inadmissible bid', () => {
      const withdrawn = bid({ withdrawnAt: BEFORE_DEADLINE });
      const inadmissible = bid({ admissible: false, inadmissibleReasons: ['missing documents: price'] });
      const ctx = context({ bids: [withdrawn, inadmissible] });
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: withdrawn.id, scores: { technical: 50 } }))).toBe(
        `There is no active bid ${withdrawn.id}.`,
      );
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: inadmissible.id, scores: { technical: 50 } }))).toBe(
        `Bid ${inadmissible.id} is inadmissible and is not scored.`,
      );
    });

    it('refuses a score on the price criterion or an unknown criterion, naming the scored ones', () => {
      const active = bid();
      const ctx = context({ bids: [active] });
      const onPrice = tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: active.id, scores: { price: 80 } }));
      expect(onPrice).toBe('Criterion price is not a scored criterion of this tender (scored: technical; price is computed).');
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: active.id, scores: { style: 80 } }))).toContain(
        'Criterion style is not a scored criterion',
      );
    });

    it('refuses a score outside 0 to 100, naming the criterion and the score', () => {
      const active = bid();
      const ctx = context({ bids: [active] });
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: active.id, scores: { technical: 101 } }))).toBe(
        'A score is 0 to 100; technical got 101.',
      );
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: active.id, scores: { technical: -1 } }))).toBe(
        'A score is 0 to 100; technical got -1.',
      );
      expect(tenderRules.scoresAreValid(ctx, event('SCORE_BID', { bidId: active.id, scores: { technical: NaN } }))).toContain(
        'technical got NaN',
      );
    });
  });

  describe('everyAdmissibleBidScored', () => {
    it('passes when every admissible bid has a score on every quality criterion', () => {
      const bids = [bid({ scores: { technical: 50 } }), bid({ admissible: false, inadmissibleReasons: ['x'] })];
      expect(tenderRules.everyAdmissibleBidScored(context({ bids }), event('ATTRIBUTE', { bidId: bids[0].id }))).toBeUndefined();
    });

    it('refuses, naming the bids not yet scored', () => {
      const scored = bid({ scores: { technical: 50 } });
      const unscored = bid();
      const reason = tenderRules.everyAdmissibleBidScored(context({ bids: [scored, unscored] }), event('ATTRIBUTE', { bidId: scored.id }));
      expect(reason).toBe(`Every admissible bid must be scored first; not yet: ${unscored.id}.`);
    });
  });

  describe('bidIsTopRanked', () => {
    it('passes for the bid ranked first, and for each bid sharing the first rank', () => {
      const best = bid({ scores: { technical: 90 }, priceInclVatCents: 3_600_000 });
      const other = bid({ scores: { technical: 50 }, priceInclVatCents: 3_600_000 });
      expect(tenderRules.bidIsTopRanked(context({ bids: [best, other] }), event('ATTRIBUTE', { bidId: best.id }))).toBeUndefined();
      const twin = bid({ scores: { technical: 90 }, priceInclVatCents: 3_600_000 });
      expect(tenderRules.bidIsTopRanked(context({ bids: [best, twin] }), event('ATTRIBUTE', { bidId: twin.id }))).toBeUndefined();
    });

    it('refuses a bid that is not first, naming the leader and its rank', () => {
      const best = bid({ scores: { technical: 90 } });
      const other = bid({ scores: { technical: 50 } });
      expect(tenderRules.bidIsTopRanked(context({ bids: [best, other] }), event('ATTRIBUTE', { bidId: other.id }))).toBe(
        `Only the most advantageous offer can be attributed: ${best.id} ranks first, ${other.id} ranks 2.`,
      );
    });

    it('refuses an inadmissible or unknown bid', () => {
      const inadmissible = bid({ admissible: false, inadmissibleReasons: ['x'], scores: {} });
      const ctx = context({ bids: [bid({ scores: { technical: 10 } }), inadmissible] });
      expect(tenderRules.bidIsTopRanked(ctx, event('ATTRIBUTE', { bidId: inadmissible.id }))).toBe(
        `Bid ${inadmissible.id} is not an admissible bid.`,
      );
      expect(tenderRules.bidIsTopRanked(ctx, event('ATTRIBUTE', { bidId: 'B404' }))).toBe('Bid B404 is not an admissible bid.');
    });
  });

  describe('hasReason', () => {
    it('passes with a reason', () => {
      expect(tenderRules.hasReason(context(), event('CANCEL', { reason: 'Budget withdrawn' }))).toBeUndefined();
      expect(tenderRules.hasReason(context(), event('DECLARE_UNSUCCESSFUL', { reason: 'No offer fits' }))).toBeUndefined();
    });

    it('refuses an empty or blank reason', () => {
      expect(tenderRules.hasReason(context(), event('CANCEL', { reason: '   ' }))).toBe('A reason is required.');
      expect(tenderRules.hasReason(context(), event('DECLARE_UNSUCCESSFUL', { reason: '' }))).toBe('A reason is required.');
    });
  });

  describe('deliveryStartsAfterAttribution', () => {
    const attributed = context({ attributedAt: '2022-08-25T10:00:00+02:00' });

    it('passes at or after the attribution (the explicit start wins over the event instant)', () => {
      expect(
        tenderRules.deliveryStartsAfterAttribution(attributed, event('START_DELIVERY', {}, '2022-09-19T09:00:00+02:00')),
      ).toBeUndefined();
      expect(
        tenderRules.deliveryStartsAfterAttribution(
          attributed,
          event('START_DELIVERY', { startedAt: '2022-08-25T10:00:00+02:00' }, '2022-07-01T00:00:00+02:00'),
        ),
      ).toBeUndefined();
    });

    it('refuses a start before the attribution, naming both instants', () => {
      const reason = tenderRules.deliveryStartsAfterAttribution(
        attributed,
        event('START_DELIVERY', { startedAt: '2022-08-20T09:00:00+02:00' }, '2022-09-19T09:00:00+02:00'),
      );
      expect(reason).toBe('Delivery cannot start (2022-08-20T09:00:00+02:00) before the attribution (2022-08-25T10:00:00+02:00).');
    });
  });

  describe('noChildAwaitingEndEvaluation (001: the tender leads to two cohorts)', () => {
    it('passes when the engine reports no child waiting, or none at all', () => {
      expect(
        tenderRules.noChildAwaitingEndEvaluation(context({}), event('COMPLETE_DELIVERY', {}, '2022-12-09T17:00:00+01:00')),
      ).toBeUndefined();
      expect(
        tenderRules.noChildAwaitingEndEvaluation(
          context({}),
          event('COMPLETE_DELIVERY', { childrenAwaitingEndEvaluation: [] }, '2022-12-09T17:00:00+01:00'),
        ),
      ).toBeUndefined();
    });

    it('refuses while a child has not reached its end evaluation, naming it', () => {
      const reason = tenderRules.noChildAwaitingEndEvaluation(
        context({}),
        event('COMPLETE_DELIVERY', { childrenAwaitingEndEvaluation: ['cohort-2'] }, '2022-12-09T17:00:00+01:00'),
      );
      expect(reason).toBe('Delivery cannot complete while 1 child record(s) have not reached their end evaluation: cohort-2.');
    });
  });

  describe('interventionWithinCaps (000: 3 days per structure, 3 structures, 9 days in all)', () => {
    const capped = (interventions: { structure: string; days: number }[], caps = SEED_000_CAPS) =>
      context({
        deliveryCaps: caps,
        interventions: interventions.map((i) => ({ ...i, date: '2008-04-01', recordedAt: '2008-04-01T18:00:00+02:00' })),
      });
    const intervention = (structure: string, days: number) =>
      event('RECORD_INTERVENTION', { structure, date: '2008-04-02', days }, '2008-04-02T18:00:00+02:00');

    it('passes up to each cap', () => {
      expect(tenderRules.interventionWithinCaps(capped([]), intervention('S1', 3))).toBeUndefined();
      expect(tenderRules.interventionWithinCaps(capped([{ structure: 'S1', days: 2 }]), intervention('S1', 1))).toBeUndefined();
      expect(
        tenderRules.interventionWithinCaps(
          capped([
            { structure: 'S1', days: 3 },
            { structure: 'S2', days: 3 },
          ]),
          intervention('S3', 3),
        ),
      ).toBeUndefined();
    });

    it('passes anything positive without caps (seed 001 sets none)', () => {
      expect(tenderRules.interventionWithinCaps(context(), intervention('S1', 40))).toBeUndefined();
    });

    it('refuses a non-positive number of days', () => {
      expect(tenderRules.interventionWithinCaps(capped([]), intervention('S1', 0))).toBe(
        'An intervention lasts a positive number of days.',
      );
      expect(tenderRules.interventionWithinCaps(capped([]), intervention('S1', -1))).toBe(
        'An intervention lasts a positive number of days.',
      );
    });

    it('refuses a fourth day for a structure, naming the per-structure cap', () => {
      const reason = tenderRules.interventionWithinCaps(capped([{ structure: 'S1', days: 2 }]), intervention('S1', 2));
      expect(reason).toBe('Cap exceeded: at most 3 days per structure (S1 has 2).');
    });

    it('refuses a fourth structure, naming the structures cap and the structures already served', () => {
      const reason = tenderRules.interventionWithinCaps(
        capped([
          { structure: 'S1', days: 1 },
          { structure: 'S2', days: 1 },
          { structure: 'S3', days: 1 },
        ]),
        intervention('S4', 1),
      );
      expect(reason).toBe('Cap reached: at most 3 structures (already S1, S2, S3).');
    });

    it('refuses beyond the total, naming the total cap', () => {
      const reason = tenderRules.interventionWithinCaps(
        capped(
          [
            { structure: 'S1', days: 3 },
            { structure: 'S2', days: 3 },
          ],
          { maxDaysPerStructure: 3, maxStructures: 3, maxTotalDays: 7 },
        ),
        intervention('S3', 2),
      );
      expect(reason).toBe('Cap exceeded: at most 7 days in all (6 recorded).');
    });
  });

  describe('endEvaluationComplete (000 section 5: questionnaire and verbal exchange)', () => {
    it('passes with both', () => {
      expect(
        tenderRules.endEvaluationComplete(
          context(),
          event('RECORD_END_EVALUATION', { questionnaireResult: 'good', verbalExchangeNotes: 'notes' }),
        ),
      ).toBeUndefined();
    });

    it('refuses without the questionnaire or without the verbal exchange', () => {
      const expected = 'The end evaluation needs the questionnaire result and the notes of the verbal exchange.';
      expect(
        tenderRules.endEvaluationComplete(
          context(),
          event('RECORD_END_EVALUATION', { questionnaireResult: 'good', verbalExchangeNotes: ' ' }),
        ),
      ).toBe(expected);
      expect(
        tenderRules.endEvaluationComplete(
          context(),
          event('RECORD_END_EVALUATION', { questionnaireResult: '', verbalExchangeNotes: 'notes' }),
        ),
      ).toBe(expected);
    });
  });

  describe('sixMonthDateReached', () => {
    const due = context({ sixMonthEvaluationDue: '2023-03-19T08:00:00.000Z' });

    it('passes at and after the +6-month date', () => {
      expect(tenderRules.sixMonthDateReached(due, event('SIX_MONTH_EVALUATION_DUE', {}, '2023-03-19T08:00:00.000Z'))).toBeUndefined();
      expect(tenderRules.sixMonthDateReached(due, event('SIX_MONTH_EVALUATION_DUE', {}, '2023-04-01T08:00:00.000Z'))).toBeUndefined();
    });

    it('refuses before the date, naming it, and when the date is not known yet', () => {
      expect(tenderRules.sixMonthDateReached(due, event('SIX_MONTH_EVALUATION_DUE', {}, '2023-03-19T07:59:59.999Z'))).toBe(
        'The +6-month evaluation is due on 2023-03-19T08:00:00.000Z.',
      );
      expect(tenderRules.sixMonthDateReached(context(), event('SIX_MONTH_EVALUATION_DUE', {}, '2030-01-01T00:00:00Z'))).toBe(
        'The +6-month evaluation is due on a date not yet known.',
      );
    });
  });

  describe('sixMonthEvaluationComplete', () => {
    it('passes with a questionnaire result', () => {
      expect(
        tenderRules.sixMonthEvaluationComplete(
          context(),
          event('RECORD_SIX_MONTH_EVALUATION', { questionnaireResult: '8/10', respondents: 3 }),
        ),
      ).toBeUndefined();
    });

    it('refuses without one', () => {
      expect(tenderRules.sixMonthEvaluationComplete(context(), event('RECORD_SIX_MONTH_EVALUATION', { questionnaireResult: ' ' }))).toBe(
        'The +6-month evaluation needs the questionnaire result.',
      );
    });
  });

  describe('inadmissibilityReasons', () => {
    const submitted = (overrides: Partial<Bid> = {}) => {
      const { admissible: _a, inadmissibleReasons: _r, ...rest } = bid(overrides);
      return rest;
    };

    it('finds nothing wrong with a complete bid within the cap (the cap itself is allowed)', () => {
      expect(inadmissibilityReasons(context(), submitted({ priceInclVatCents: 4_000_000 }))).toEqual([]);
    });

    it('names the price and the cap when the price incl. VAT is above the cap (001 VI: 40,000 EUR)', () => {
      expect(inadmissibilityReasons(context(), submitted({ priceInclVatCents: 4_100_050 }))).toEqual([
        'price 41 000.50 EUR incl. VAT is above the budget cap of 40 000.00 EUR',
      ]);
    });

    it('names each missing or blank document (001 VIII)', () => {
      const documents = { presentation: 'p.pdf', proposal: '  ' };
      expect(inadmissibilityReasons(context(), submitted({ documents }))).toEqual(['missing documents: proposal, references, price']);
    });

    it('gives every reason at once', () => {
      expect(inadmissibilityReasons(context(), submitted({ priceInclVatCents: 5_000_000, documents: {} }))).toEqual([
        'price 50 000.00 EUR incl. VAT is above the budget cap of 40 000.00 EUR',
        'missing documents: presentation, proposal, references, price',
      ]);
    });

    it('checks nothing the tender does not ask for', () => {
      const lax = context({ budgetCapCents: undefined, requiredDocuments: undefined });
      expect(inadmissibilityReasons(lax, submitted({ priceInclVatCents: 9_999_999, documents: {} }))).toEqual([]);
    });
  });
});
