import { initialTransition, transition } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { resolveDeadlines, type StateMetaWithDeadlines } from '../shared/deadlines';
import { isSpineStage } from '../shared/spine';
import { createTenderMachine } from './tender.machine';
import { tenderRules } from './tender.rules';
import { rankBids } from './tender.scoring';
import { SEED_000_TENDER, SEED_001_TENDER, documentsFor, validBid } from './tender.examples';
import type { TenderContext, TenderEvent, TenderInput } from './tender.types';

const machine = createTenderMachine(parisCalendar);
type Snapshot = ReturnType<typeof machine.transition>;

function start(input: TenderInput = SEED_001_TENDER): Snapshot {
  return initialTransition(machine, input)[0];
}

function send(snapshot: Snapshot, event: TenderEvent): Snapshot {
  expect(snapshot.can(event)).toBe(true);
  const [next] = transition(machine, snapshot, event);
  return next;
}

/** A refused event: the machine says it cannot take it, and the snapshot is left exactly as it was. */
function expectRefused(snapshot: Snapshot, event: TenderEvent): void {
  expect(snapshot.can(event)).toBe(false);
  const [next] = transition(machine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(next.value).toBe(snapshot.value);
}

function pendingDeadlines(snapshot: Snapshot) {
  const meta = machine.root.states[snapshot.value as string].meta as StateMetaWithDeadlines | undefined;
  return resolveDeadlines(meta?.deadlines ?? [], snapshot.context);
}

// Seed 001's calendar (times in Paris, summer time).
const T = {
  publish: '2022-07-08T10:00:00+02:00',
  bidA: '2022-07-20T11:00:00+02:00',
  bidB: '2022-08-01T15:30:00+02:00',
  bidC: '2022-08-02T09:00:00+02:00',
  bidD: '2022-08-03T09:00:00+02:00',
  bidE: '2022-08-04T09:00:00+02:00',
  withdrawE: '2022-08-05T08:00:00+02:00',
  beforeDeadline: '2022-08-05T12:00:00+02:00',
  afterDeadline: '2022-08-06T00:00:00+02:00',
  scoring: '2022-08-18T10:00:00+02:00',
  auditions: '2022-08-22T14:00:00+02:00',
  attribution: '2022-08-25T10:00:00+02:00',
  deliveryStart: '2022-09-19T07:00:00Z', // 09:00 in Paris
  intervention: '2022-10-10T17:00:00+02:00',
  deliveryEnd: '2022-12-09T17:00:00+01:00',
  endEvaluation: '2022-12-16T10:00:00+01:00',
  sixMonths: '2023-03-19T08:00:00.000Z', // 19 March 2023, 09:00 in Paris (winter time)
  sixMonthEvaluation: '2023-04-03T10:00:00+02:00',
};

const at = (instant: string) => ({ at: instant });

/** Seed 001 up to bidsClosed: A and B admissible, C above the cap, D without price document, E withdrawn. */
function seed001BidsClosed(): Snapshot {
  let s = start();
  s = send(s, { type: 'PUBLISH', ...at(T.publish) });
  s = send(s, { type: 'SUBMIT_BID', ...at(T.bidA), ...validBid('A', 3_600_000) });
  s = send(s, { type: 'SUBMIT_BID', ...at(T.bidB), ...validBid('B', 3_900_000, { consortium: [{ name: 'Partner', identifier: 'P' }] }) });
  s = send(s, { type: 'SUBMIT_BID', ...at(T.bidC), ...validBid('C', 4_200_000) });
  const { price: _price, ...withoutPrice } = documentsFor();
  s = send(s, { type: 'SUBMIT_BID', ...at(T.bidD), ...validBid('D', 3_000_000, { documents: withoutPrice }) });
  s = send(s, { type: 'SUBMIT_BID', ...at(T.bidE), ...validBid('E', 3_500_000) });
  s = send(s, { type: 'WITHDRAW_BID', bidId: 'B5', ...at(T.withdrawE) });
  return send(s, { type: 'CLOSE_BIDS', ...at(T.afterDeadline) });
}

function seed001Attributed(): Snapshot {
  let s = seed001BidsClosed();
  s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, ...at(T.scoring) });
  s = send(s, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, ...at(T.scoring) });
  return send(s, { type: 'ATTRIBUTE', bidId: 'B2', ...at(T.attribution) });
}

function seed001Delivering(): Snapshot {
  return send(seed001Attributed(), { type: 'START_DELIVERY', startedAt: T.deliveryStart, ...at(T.deliveryStart) });
}

function seed001EvaluationAtEnd(): Snapshot {
  return send(seed001Delivering(), { type: 'COMPLETE_DELIVERY', ...at(T.deliveryEnd) });
}

const endEvaluation = (instant: string): TenderEvent => ({
  type: 'RECORD_END_EVALUATION',
  questionnaireResult: 'Satisfied: 11 of 12 participants',
  verbalExchangeNotes: 'Exchange with the steering committee',
  at: instant,
});

describe('tender machine', () => {
  describe('seed 001 from draft to closed', () => {
    it('runs the whole lifecycle and refuses what the rules forbid on the way', () => {
      // Draft: a draft without decision date cannot be published.
      const { decisionDate: _d, ...withoutDecision } = SEED_001_TENDER;
      let s = start(withoutDecision);
      expect(s.value).toBe('draft');
      expect(s.context).toMatchObject({ buyer: "Creativ'", budgetCapCents: 4_000_000, bids: [], auditions: [], interventions: [] });
      expectRefused(s, { type: 'PUBLISH', ...at(T.publish) });
      expect(tenderRules.draftIsComplete(s.context, { type: 'PUBLISH', ...at(T.publish) })).toBe(
        'The draft is incomplete: it needs a decision date.',
      );
      s = send(s, { type: 'UPDATE_DRAFT', decisionDate: SEED_001_TENDER.decisionDate, ...at('2022-07-07T10:00:00+02:00') });
      expect(s.value).toBe('draft');
      expect(s.context.decisionDate).toBe('2022-08-25T18:00:00+02:00');
      expect(pendingDeadlines(s)).toEqual([]);

      // Published: the bid deadline falls due as a CLOSE_BIDS deadline.
      s = send(s, { type: 'PUBLISH', ...at(T.publish) });
      expect(s.value).toBe('published');
      expect(s.hasTag('published')).toBe(true);
      expect(s.context.publishedAt).toBe(T.publish);
      expect(s.context.bidDeadline).toBe('2022-08-05T23:59:59+02:00');
      expect(s.context.bidDeadlineAsGiven).toBeUndefined();
      expect(pendingDeadlines(s)).toEqual([
        { event: 'CLOSE_BIDS', dueAt: '2022-08-05T23:59:59+02:00', payload: {}, label: 'Bids close at the deadline' },
      ]);
      expectRefused(s, { type: 'UPDATE_DRAFT', title: 'Changed after publication', ...at(T.bidA) });

      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidA), ...validBid('A', 3_600_000) });
      expectRefused(s, { type: 'SUBMIT_BID', ...at(T.bidB), ...validBid('A', 3_500_000) }); // A already has B1
      expectRefused(s, { type: 'SUBMIT_BID', ...at(T.bidB), ...validBid('B', 3_000_000, { priceExclVatCents: 3_600_000 }) });
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidB), ...validBid('B', 3_900_000) });
      // Above the 40,000 EUR cap: recorded, but inadmissible with the reason.
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidC), ...validBid('C', 4_200_000) });
      const overCap = s.context.bids[2];
      expect(overCap).toMatchObject({ id: 'B3', admissible: false, submittedAt: T.bidC, priceInclVatCents: 4_200_000 });
      expect(overCap.inadmissibleReasons).toEqual(['price 42 000.00 EUR incl. VAT is above the budget cap of 40 000.00 EUR']);
      expect(s.context.bids.slice(0, 2).map((b) => [b.id, b.bidder.identifier, b.admissible])).toEqual([
        ['B1', 'A', true],
        ['B2', 'B', true],
      ]);

      // The deadline: a bid after it is refused, CLOSE_BIDS before it is refused.
      const late = { type: 'SUBMIT_BID' as const, ...at('2022-08-06T00:00:01+02:00'), ...validBid('F', 3_700_000) };
      expectRefused(s, late);
      expect(tenderRules.bidWindowOpen(s.context, late)).toContain('only before the deadline');
      expectRefused(s, { type: 'WITHDRAW_BID', bidId: 'B1', ...at(T.afterDeadline) });
      expectRefused(s, { type: 'CLOSE_BIDS', ...at(T.beforeDeadline) });
      s = send(s, { type: 'CLOSE_BIDS', ...at(T.afterDeadline) });
      expect(s.value).toBe('bidsClosed');
      expect(s.context.bidsClosedAt).toBe(T.afterDeadline);
      expect(pendingDeadlines(s)).toEqual([]);
      expectRefused(s, late);

      // Scoring: the inadmissible bid is not scored; ATTRIBUTE waits for every admissible bid.
      expectRefused(s, { type: 'SCORE_BID', bidId: 'B3', scores: { technical: 100 }, ...at(T.scoring) });
      s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, ...at(T.scoring) });
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at(T.attribution) });
      expect(tenderRules.everyAdmissibleBidScored(s.context, { type: 'ATTRIBUTE', bidId: 'B1', ...at(T.attribution) })).toBe(
        'Every admissible bid must be scored first; not yet: B2.',
      );
      s = send(s, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, ...at(T.scoring) });
      // B1: 42 + 40 = 82; B2: 54 + 40 × 36,000 / 39,000 = 54 + 36.92 = 90.92.
      expect(rankBids(s.context).map((r) => [r.bidId, r.rank, r.total])).toEqual([
        ['B2', 1, 90.92],
        ['B1', 2, 82],
      ]);
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at(T.attribution) });
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B3', ...at(T.attribution) });
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B2', ...at(T.attribution) });
      expect(s.value).toBe('attributed');
      expect(s.context).toMatchObject({ awardedBidId: 'B2', attributedAt: T.attribution });
      // Rejected bidders are to be informed: every other bid is marked rejected.
      expect(s.context.bids.map((b) => [b.id, b.outcome])).toEqual([
        ['B1', 'rejected'],
        ['B2', 'awarded'],
        ['B3', 'rejected'],
      ]);

      // Delivering: +6 months from the START (Europe/Paris: 09:00 stays 09:00 across the time change).
      expectRefused(s, { type: 'START_DELIVERY', startedAt: '2022-08-24T09:00:00+02:00', ...at(T.deliveryStart) });
      s = send(s, { type: 'START_DELIVERY', startedAt: T.deliveryStart, ...at(T.deliveryStart) });
      expect(s.value).toBe('delivering');
      expect(s.context.deliveryStartedAt).toBe(T.deliveryStart);
      expect(s.context.sixMonthEvaluationDue).toBe('2023-03-19T08:00:00.000Z');
      expectRefused(s, { type: 'CANCEL', reason: 'Too late to cancel', ...at(T.intervention) });
      s = send(s, { type: 'RECORD_INTERVENTION', structure: 'Fontaine d’Ouche', date: '2022-10-10', days: 1, ...at(T.intervention) });
      expect(s.context.interventions).toEqual([{ structure: 'Fontaine d’Ouche', date: '2022-10-10', days: 1, recordedAt: T.intervention }]);
      expectRefused(s, endEvaluation(T.endEvaluation));
      s = send(s, { type: 'COMPLETE_DELIVERY', ...at(T.deliveryEnd) });
      expect(s.value).toBe('evaluationAtEnd');
      expect(s.hasTag('evaluatedAtEnd')).toBe(true);
      expect(s.context.deliveryCompletedAt).toBe(T.deliveryEnd);
      expect(s.context.sixMonthEvaluationDue).toBe('2023-03-19T08:00:00.000Z');

      // End evaluation needs the questionnaire AND the verbal exchange (000 section 5).
      expectRefused(s, { ...endEvaluation(T.endEvaluation), verbalExchangeNotes: '' } as TenderEvent);
      s = send(s, endEvaluation(T.endEvaluation));
      expect(s.value).toBe('awaitingSixMonths');
      expect(s.hasTag('evaluatedAtEnd')).toBe(true);
      expect(s.context.endEvaluation).toEqual({
        questionnaireResult: 'Satisfied: 11 of 12 participants',
        verbalExchangeNotes: 'Exchange with the steering committee',
        recordedAt: T.endEvaluation,
      });
      expect(pendingDeadlines(s)).toEqual([
        { event: 'SIX_MONTH_EVALUATION_DUE', dueAt: T.sixMonths, payload: {}, label: 'The +6-month evaluation falls due' },
      ]);

      // The scheduler's poke is re-checked: one millisecond early is refused.
      expectRefused(s, { type: 'SIX_MONTH_EVALUATION_DUE', ...at('2023-03-19T07:59:59.999Z') });
      expectRefused(s, { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: 'early', ...at('2023-03-01T10:00:00+01:00') });
      s = send(s, { type: 'SIX_MONTH_EVALUATION_DUE', ...at(T.sixMonths) });
      expect(s.value).toBe('evaluationAtSixMonths');
      expect(pendingDeadlines(s)).toEqual([]);

      expectRefused(s, { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '  ', ...at(T.sixMonthEvaluation) });
      s = send(s, {
        type: 'RECORD_SIX_MONTH_EVALUATION',
        questionnaireResult: '7 in a job or training',
        respondents: 9,
        ...at(T.sixMonthEvaluation),
      });
      expect(s.value).toBe('closed');
      expect(s.status).toBe('done');
      expect(s.hasTag('closed')).toBe(true);
      expect(s.context.sixMonthEvaluation).toEqual({
        questionnaireResult: '7 in a job or training',
        respondents: 9,
        recordedAt: T.sixMonthEvaluation,
      });
      expectRefused(s, { type: 'CANCEL', reason: 'After the end', ...at(T.sixMonthEvaluation) });
    });

    it('records consortium members, withdrawals and missing documents', () => {
      const s = seed001BidsClosed();
      expect(s.context.bids.map((b) => [b.id, b.admissible, b.withdrawnAt])).toEqual([
        ['B1', true, undefined],
        ['B2', true, undefined],
        ['B3', false, undefined],
        ['B4', false, undefined],
        ['B5', true, T.withdrawE],
      ]);
      expect(s.context.bids[1].consortium).toEqual([{ name: 'Partner', identifier: 'P' }]);
      expect(s.context.bids[3].inadmissibleReasons).toEqual(['missing documents: price']);
      expect(rankBids(s.context).map((r) => r.bidId)).toEqual(['B1', 'B2']);
    });

    it('lets a withdrawn bidder bid again before the deadline, with a new bid id', () => {
      let s = send(start(), { type: 'PUBLISH', ...at(T.publish) });
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidA), ...validBid('A', 3_600_000) });
      expectRefused(s, { type: 'WITHDRAW_BID', bidId: 'B9', ...at(T.bidB) });
      s = send(s, { type: 'WITHDRAW_BID', bidId: 'B1', ...at(T.bidB) });
      expectRefused(s, { type: 'WITHDRAW_BID', bidId: 'B1', ...at(T.bidC) });
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidC), ...validBid('A', 3_400_000) });
      expect(s.context.bids.map((b) => [b.id, b.bidder.identifier, b.withdrawnAt])).toEqual([
        ['B1', 'A', T.bidB],
        ['B2', 'A', undefined],
      ]);
    });

    it('accepts CLOSE_BIDS exactly at the deadline (a duplicate poke afterwards is refused)', () => {
      let s = send(start(), { type: 'PUBLISH', ...at(T.publish) });
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidA), ...validBid('A') });
      s = send(s, { type: 'CLOSE_BIDS', ...at('2022-08-05T21:59:59Z') });
      expect(s.value).toBe('bidsClosed');
      expectRefused(s, { type: 'CLOSE_BIDS', ...at('2022-08-05T21:59:59Z') });
    });

    it('only keeps tender terms from UPDATE_DRAFT (bids and the like cannot be injected)', () => {
      const s = send(start(), {
        type: 'UPDATE_DRAFT',
        title: 'New title',
        bids: [{ id: 'X' }],
        awardedBidId: 'X',
        ...at(T.publish),
      } as unknown as TenderEvent);
      expect(s.context.title).toBe('New title');
      expect(s.context.bids).toEqual([]);
      expect(s.context.awardedBidId).toBeUndefined();
      expect(s.context.buyer).toBe("Creativ'");
    });

    it('is deterministic: the same events give the same snapshot', () => {
      const a = seed001EvaluationAtEnd();
      const b = seed001EvaluationAtEnd();
      expect(a.value).toBe(b.value);
      expect(JSON.stringify(a.context)).toBe(JSON.stringify(b.context));
    });
  });

  describe('the +6-month evaluation', () => {
    it('goes straight to evaluationAtSixMonths when the end evaluation is recorded after the +6-month date', () => {
      let s = seed001EvaluationAtEnd();
      s = send(s, endEvaluation('2023-03-20T10:00:00+01:00'));
      expect(s.value).toBe('evaluationAtSixMonths');
      expect(s.context.endEvaluation?.recordedAt).toBe('2023-03-20T10:00:00+01:00');
    });

    it('goes straight there also exactly at the +6-month date', () => {
      const s = send(seed001EvaluationAtEnd(), endEvaluation(T.sixMonths));
      expect(s.value).toBe('evaluationAtSixMonths');
    });

    it('is computed from the start by default, from the end when the anchor is "end"', () => {
      let s = start({ ...SEED_001_TENDER, sixMonthAnchor: 'end' });
      s = send(s, { type: 'PUBLISH', ...at(T.publish) });
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidA), ...validBid('A') });
      s = send(s, { type: 'CLOSE_BIDS', ...at(T.afterDeadline) });
      s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 50 }, ...at(T.scoring) });
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at(T.attribution) });
      s = send(s, { type: 'START_DELIVERY', ...at(T.deliveryStart) });
      expect(s.context.sixMonthEvaluationDue).toBeUndefined();
      s = send(s, { type: 'COMPLETE_DELIVERY', completedAt: '2022-08-31T08:00:00.000Z', ...at(T.deliveryEnd) });
      // 31 August + 6 months = 28 February (10:00 Paris stays 10:00 Paris).
      expect(s.context.sixMonthEvaluationDue).toBe('2023-02-28T09:00:00.000Z');
      s = send(s, endEvaluation(T.endEvaluation));
      expect(s.value).toBe('awaitingSixMonths');
      expect(pendingDeadlines(s).map((d) => d.dueAt)).toEqual(['2023-02-28T09:00:00.000Z']);
    });
  });

  describe('unsuccessful', () => {
    it('closes as unsuccessful when no bid came in', () => {
      let s = send(start(), { type: 'PUBLISH', ...at(T.publish) });
      s = send(s, { type: 'CLOSE_BIDS', ...at(T.afterDeadline) });
      expect(s.value).toBe('unsuccessful');
      expect(s.status).toBe('done');
      expect(s.hasTag('closed')).toBe(true);
      expect(s.context.unsuccessfulReason).toBe('No admissible bid when bids closed.');
      expect(s.context.bidsClosedAt).toBe(T.afterDeadline);
    });

    it('closes as unsuccessful when every bid is inadmissible or withdrawn', () => {
      let s = send(start(), { type: 'PUBLISH', ...at(T.publish) });
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidA), ...validBid('A', 4_000_001) });
      s = send(s, { type: 'SUBMIT_BID', ...at(T.bidB), ...validBid('B', 3_500_000) });
      s = send(s, { type: 'WITHDRAW_BID', bidId: 'B2', ...at(T.bidC) });
      s = send(s, { type: 'CLOSE_BIDS', ...at(T.afterDeadline) });
      expect(s.value).toBe('unsuccessful');
      expect(s.context.bids).toHaveLength(2);
    });

    it('can be declared after closing, with a reason, from bidsClosed and from audition', () => {
      const closed = seed001BidsClosed();
      expectRefused(closed, { type: 'DECLARE_UNSUCCESSFUL', reason: ' ', ...at(T.scoring) });
      const declared = send(closed, { type: 'DECLARE_UNSUCCESSFUL', reason: 'No offer meets the need', ...at(T.scoring) });
      expect(declared.value).toBe('unsuccessful');
      expect(declared.context.unsuccessfulReason).toBe('No offer meets the need');
      expect(declared.context.bidsClosedAt).toBe(T.afterDeadline);

      const audition = send(closed, { type: 'START_AUDITIONS', ...at(T.auditions) });
      const fromAudition = send(audition, { type: 'DECLARE_UNSUCCESSFUL', reason: 'Auditions inconclusive', ...at(T.auditions) });
      expect(fromAudition.value).toBe('unsuccessful');
    });
  });

  describe('auditions (001 IX: "si besoin, le comité technique pourra auditionner")', () => {
    it('records auditions in person or by video with their scores, then attributes', () => {
      let s = send(seed001BidsClosed(), { type: 'START_AUDITIONS', ...at(T.auditions) });
      expect(s.value).toBe('audition');
      expect(s.hasTag('audition')).toBe(true);
      expectRefused(s, { type: 'RECORD_AUDITION', bidId: 'B3', mode: 'video', ...at(T.auditions) });
      expectRefused(s, { type: 'RECORD_AUDITION', bidId: 'B1', mode: 'video', scores: { technical: 120 }, ...at(T.auditions) });
      s = send(s, {
        type: 'RECORD_AUDITION',
        bidId: 'B1',
        mode: 'video',
        notes: 'Clear plan',
        scores: { technical: 95 },
        ...at(T.auditions),
      });
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at(T.attribution) }); // B2 not scored yet
      s = send(s, { type: 'RECORD_AUDITION', bidId: 'B2', mode: 'inPerson', ...at('2022-08-22T15:00:00+02:00') });
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at(T.attribution) }); // an audition without scores scores nothing
      s = send(s, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 60 }, ...at('2022-08-23T10:00:00+02:00') });
      expect(s.context.auditions).toEqual([
        { bidId: 'B1', at: T.auditions, mode: 'video', notes: 'Clear plan' },
        { bidId: 'B2', at: '2022-08-22T15:00:00+02:00', mode: 'inPerson', notes: undefined },
      ]);
      // B1: 57 + 40 = 97; B2: 36 + 36.92 = 72.92.
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B2', ...at(T.attribution) });
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at(T.attribution) });
      expect(s.value).toBe('attributed');
      expect(s.context.awardedBidId).toBe('B1');
    });

    it('is optional: START_AUDITIONS is only offered once bids are closed', () => {
      const published = send(start(), { type: 'PUBLISH', ...at(T.publish) });
      expectRefused(published, { type: 'START_AUDITIONS', ...at(T.auditions) });
      expectRefused(seed001Attributed(), { type: 'START_AUDITIONS', ...at(T.auditions) });
    });
  });

  describe('cancellation', () => {
    const reachers: Record<string, () => Snapshot> = {
      draft: () => start(),
      published: () => send(start(), { type: 'PUBLISH', ...at(T.publish) }),
      bidsClosed: seed001BidsClosed,
      audition: () => send(seed001BidsClosed(), { type: 'START_AUDITIONS', ...at(T.auditions) }),
      attributed: seed001Attributed,
    };

    it.each(Object.keys(reachers))('is possible from %s with a reason, recording the state it left', (state) => {
      const s = reachers[state]();
      expect(s.value).toBe(state);
      expectRefused(s, { type: 'CANCEL', reason: '', ...at('2022-09-01T10:00:00+02:00') });
      const cancelled = send(s, { type: 'CANCEL', reason: 'Funding withdrawn', ...at('2022-09-01T10:00:00+02:00') });
      expect(cancelled.value).toBe('cancelled');
      expect(cancelled.status).toBe('done');
      expect(cancelled.hasTag('closed')).toBe(true);
      expect(cancelled.context.cancellation).toEqual({ reason: 'Funding withdrawn', at: '2022-09-01T10:00:00+02:00', fromState: state });
      expectRefused(cancelled, { type: 'PUBLISH', ...at('2022-09-02T10:00:00+02:00') });
    });

    it('is refused once delivery has started, and in every later state', () => {
      const cancel: TenderEvent = { type: 'CANCEL', reason: 'Funding withdrawn', ...at('2023-06-01T10:00:00+02:00') };
      const delivering = seed001Delivering();
      const atEnd = seed001EvaluationAtEnd();
      const awaiting = send(atEnd, endEvaluation(T.endEvaluation));
      const atSix = send(awaiting, { type: 'SIX_MONTH_EVALUATION_DUE', ...at(T.sixMonths) });
      for (const s of [delivering, atEnd, awaiting, atSix]) expectRefused(s, cancel);
      expect([delivering, atEnd, awaiting, atSix].map((s) => s.value)).toEqual([
        'delivering',
        'evaluationAtEnd',
        'awaitingSixMonths',
        'evaluationAtSixMonths',
      ]);
    });
  });

  describe('seed 000 delivery caps (3 days per structure, 3 structures, 9 days in all)', () => {
    function seed000Delivering(): Snapshot {
      let s = start(SEED_000_TENDER);
      s = send(s, { type: 'PUBLISH', ...at('2008-02-15T10:00:00+01:00') });
      s = send(s, {
        type: 'SUBMIT_BID',
        ...at('2008-03-01T10:00:00+01:00'),
        ...validBid('GIP', 900_000, { documents: { references: 'refs.pdf' } }),
      });
      s = send(s, { type: 'CLOSE_BIDS', ...at('2008-03-14T12:00:00+01:00') });
      expectRefused(s, { type: 'SCORE_BID', bidId: 'B1', scores: { price: 50 }, ...at('2008-03-20T10:00:00+01:00') });
      s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { approach: 80 }, ...at('2008-03-20T10:00:00+01:00') });
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at('2008-03-28T10:00:00+01:00') }); // experience not scored
      s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { experience: 60 }, ...at('2008-03-21T10:00:00+01:00') });
      expect(s.context.bids[0].scores).toEqual({ approach: 80, experience: 60 });
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at('2008-03-28T10:00:00+01:00') });
      return send(s, { type: 'START_DELIVERY', ...at('2008-04-01T09:00:00+02:00') });
    }

    const intervention = (structure: string, days: number, date: string): TenderEvent => ({
      type: 'RECORD_INTERVENTION',
      structure,
      date,
      days,
      at: `${date}T18:00:00+02:00`,
    });

    it('records interventions up to the caps and refuses beyond, naming the cap', () => {
      let s = seed000Delivering();
      expect(s.context.deliveryCaps).toEqual({ maxDaysPerStructure: 3, maxStructures: 3, maxTotalDays: 9 });
      // 000 section 5: the questionnaire goes out 6 months after the START of the support.
      expect(s.context.sixMonthEvaluationDue).toBe('2008-10-01T07:00:00.000Z');

      s = send(s, intervention('Structure 1', 2, '2008-04-02'));
      s = send(s, intervention('Structure 1', 1, '2008-04-09'));
      const fourthDay = intervention('Structure 1', 1, '2008-04-16');
      expectRefused(s, fourthDay);
      expect(tenderRules.interventionWithinCaps(s.context, fourthDay as never)).toBe(
        'Cap exceeded: at most 3 days per structure (Structure 1 has 3).',
      );

      s = send(s, intervention('Structure 2', 3, '2008-05-06'));
      s = send(s, intervention('Structure 3', 2.5, '2008-06-03'));
      const fourthStructure = intervention('Structure 4', 0.5, '2008-06-10');
      expectRefused(s, fourthStructure);
      expect(tenderRules.interventionWithinCaps(s.context, fourthStructure as never)).toBe(
        'Cap reached: at most 3 structures (already Structure 1, Structure 2, Structure 3).',
      );
      expectRefused(s, intervention('Structure 3', 0, '2008-06-10'));

      s = send(s, intervention('Structure 3', 0.5, '2008-06-17'));
      expect(s.context.interventions.reduce((sum, i) => sum + i.days, 0)).toBe(9);
      expect(s.context.interventions.map((i) => [i.structure, i.days])).toEqual([
        ['Structure 1', 2],
        ['Structure 1', 1],
        ['Structure 2', 3],
        ['Structure 3', 2.5],
        ['Structure 3', 0.5],
      ]);
      // Nine days in all: nothing more fits.
      for (const structure of ['Structure 1', 'Structure 2', 'Structure 3', 'Structure 4']) {
        expectRefused(s, intervention(structure, 0.5, '2008-06-24'));
      }
    });

    it('refuses beyond the total cap, naming it, when the total is the binding cap', () => {
      let s = start({ ...SEED_000_TENDER, deliveryCaps: { maxDaysPerStructure: 3, maxStructures: 3, maxTotalDays: 7 } });
      s = send(s, { type: 'PUBLISH', ...at('2008-02-15T10:00:00+01:00') });
      s = send(s, {
        type: 'SUBMIT_BID',
        ...at('2008-03-01T10:00:00+01:00'),
        ...validBid('GIP', 900_000, { documents: { references: 'r' } }),
      });
      s = send(s, { type: 'CLOSE_BIDS', ...at('2008-03-14T12:00:00+01:00') });
      s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { approach: 80, experience: 60 }, ...at('2008-03-20T10:00:00+01:00') });
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B1', ...at('2008-03-28T10:00:00+01:00') });
      s = send(s, { type: 'START_DELIVERY', ...at('2008-04-01T09:00:00+02:00') });
      s = send(s, intervention('Structure 1', 3, '2008-04-02'));
      s = send(s, intervention('Structure 2', 3, '2008-04-09'));
      const beyond = intervention('Structure 3', 2, '2008-04-16');
      expectRefused(s, beyond);
      expect(tenderRules.interventionWithinCaps(s.context, beyond as never)).toBe('Cap exceeded: at most 7 days in all (6 recorded).');
      s = send(s, intervention('Structure 3', 1, '2008-04-16'));
      expect(s.context.interventions).toHaveLength(3);
    });
  });

  describe('moveDeadlineToWorkingDay', () => {
    it('moves a Saturday deadline to Monday at the same Paris time when publishing', () => {
      let s = start({ ...SEED_001_TENDER, bidDeadline: '2022-08-06T12:00:00+02:00', moveDeadlineToWorkingDay: true });
      s = send(s, { type: 'PUBLISH', ...at(T.publish) });
      expect(s.context.bidDeadline).toBe('2022-08-08T10:00:00.000Z');
      expect(s.context.bidDeadlineAsGiven).toBe('2022-08-06T12:00:00+02:00');
      expect(pendingDeadlines(s).map((d) => d.dueAt)).toEqual(['2022-08-08T10:00:00.000Z']);
      // A bid on the Sunday is still in time; CLOSE_BIDS on the Saturday is too early.
      s = send(s, { type: 'SUBMIT_BID', ...at('2022-08-07T18:00:00+02:00'), ...validBid('A') });
      expectRefused(s, { type: 'CLOSE_BIDS', ...at('2022-08-06T12:00:00+02:00') });
      s = send(s, { type: 'CLOSE_BIDS', ...at('2022-08-08T12:00:00+02:00') });
      expect(s.value).toBe('bidsClosed');
    });

    it('skips a French public holiday (Monday 15 August 2022, Assumption)', () => {
      let s = start({ ...SEED_001_TENDER, bidDeadline: '2022-08-13T12:00:00+02:00', moveDeadlineToWorkingDay: true });
      s = send(s, { type: 'PUBLISH', ...at(T.publish) });
      expect(s.context.bidDeadline).toBe('2022-08-16T10:00:00.000Z');
    });

    it('keeps the instant of a working-day deadline, and leaves any deadline without the option as given', () => {
      const friday = send(start({ ...SEED_001_TENDER, moveDeadlineToWorkingDay: true }), { type: 'PUBLISH', ...at(T.publish) });
      expect(Date.parse(friday.context.bidDeadline!)).toBe(Date.parse('2022-08-05T23:59:59+02:00'));
      const saturday = send(start({ ...SEED_001_TENDER, bidDeadline: '2022-08-06T12:00:00+02:00' }), { type: 'PUBLISH', ...at(T.publish) });
      expect(saturday.context.bidDeadline).toBe('2022-08-06T12:00:00+02:00');
    });

    it('does not record a working-day deadline given with an offset as moved', () => {
      const friday = send(start({ ...SEED_001_TENDER, moveDeadlineToWorkingDay: true }), { type: 'PUBLISH', ...at(T.publish) });
      expect(friday.context.bidDeadline).toBe('2022-08-05T23:59:59+02:00');
      expect(friday.context.bidDeadlineAsGiven).toBeUndefined();
    });

    it('checks the decision date against the moved deadline (Saturday deadline, Sunday decision)', () => {
      const s = start({
        ...SEED_001_TENDER,
        bidDeadline: '2022-08-06T12:00:00+02:00',
        decisionDate: '2022-08-07T12:00:00+02:00',
        moveDeadlineToWorkingDay: true,
      });
      expect(s.context.bidDeadline).toBe('2022-08-08T10:00:00.000Z');
      expectRefused(s, { type: 'PUBLISH', ...at(T.publish) });
      expect(tenderRules.draftIsComplete(s.context, { type: 'PUBLISH', ...at(T.publish) } as never)).toContain(
        'a decision date after the bid deadline',
      );
    });

    it('moves the deadline again when the draft changes it, and forgets the move when the option is dropped', () => {
      let s = start({ ...SEED_001_TENDER, moveDeadlineToWorkingDay: true });
      s = send(s, { type: 'UPDATE_DRAFT', bidDeadline: '2022-08-06T12:00:00+02:00', ...at(T.publish) });
      expect(s.context).toMatchObject({ bidDeadline: '2022-08-08T10:00:00.000Z', bidDeadlineAsGiven: '2022-08-06T12:00:00+02:00' });
      s = send(s, { type: 'UPDATE_DRAFT', moveDeadlineToWorkingDay: false, ...at(T.publish) });
      expect(s.context.bidDeadline).toBe('2022-08-06T12:00:00+02:00');
      expect(s.context.bidDeadlineAsGiven).toBeUndefined();
    });
  });

  describe('structure', () => {
    const states = Object.entries(machine.root.states);

    it('has the expected states', () => {
      expect(states.map(([key]) => key)).toEqual([
        'draft',
        'published',
        'bidsClosed',
        'audition',
        'attributed',
        'delivering',
        'evaluationAtEnd',
        'awaitingSixMonths',
        'evaluationAtSixMonths',
        'closed',
        'unsuccessful',
        'cancelled',
      ]);
    });

    it.each(states.map(([key]) => key))('tags %s with exactly one spine stage', (key) => {
      const tags = [...machine.root.states[key].tags];
      expect(tags).toHaveLength(1);
      expect(isSpineStage(tags[0])).toBe(true);
    });

    it('declares deadlines only for events the state accepts, on dates of the context', () => {
      const withDeadlines = states.filter(([, node]) => (node.meta as StateMetaWithDeadlines | undefined)?.deadlines?.length);
      expect(withDeadlines.map(([key]) => key)).toEqual(['published', 'awaitingSixMonths']);
      for (const [, node] of withDeadlines) {
        for (const declaration of (node.meta as StateMetaWithDeadlines).deadlines!) {
          expect(node.transitions.has(declaration.event)).toBe(true);
          expect(node.ownEvents).toContain(declaration.event);
        }
      }
      const contextKeys: (keyof TenderContext)[] = ['bidDeadline', 'sixMonthEvaluationDue'];
      const dueAts = withDeadlines.flatMap(([, node]) => (node.meta as StateMetaWithDeadlines).deadlines!.map((d) => d.dueAt));
      expect(dueAts).toEqual(contextKeys);
    });

    it('makes the final states final and accepts nothing there', () => {
      for (const key of ['closed', 'unsuccessful', 'cancelled']) {
        expect(machine.root.states[key].type).toBe('final');
        expect(machine.root.states[key].transitions.size).toBe(0);
      }
    });
  });
});
