import { initialTransition, transition } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { effectsOf, namedActionsOf } from '../shared/testing/effects';
import { TENDER_EFFECTS } from './tender.effects';
import { SEED_001_TENDER, validBid } from './tender.examples';
import { createTenderMachine } from './tender.machine';
import { createTenderMachineV2 } from './tender.machine.v2';
import type { TenderEvent, TenderInput } from './tender.types';

/**
 * The effects tender@2 declares, as the engine's fold sees them: the actions that XState's public
 * `transition()` / `initialTransition()` return, whose type does not start with `xstate.` (assign
 * actions are applied inside the step and never returned).
 */
const machine = createTenderMachineV2(parisCalendar);
type Snapshot = ReturnType<typeof machine.transition>;

const T = {
  publish: '2022-07-08T10:00:00+02:00',
  bidA: '2022-07-20T11:00:00+02:00',
  bidB: '2022-08-01T15:30:00+02:00',
  bidC: '2022-08-02T09:00:00+02:00',
  afterDeadline: '2022-08-06T00:00:00+02:00',
  scoring: '2022-08-18T10:00:00+02:00',
  attribution: '2022-08-25T10:00:00+02:00',
  deliveryStart: '2022-09-19T07:00:00Z',
  intervention: '2022-10-10T17:00:00+02:00',
  deliveryEnd: '2022-12-09T17:00:00+01:00',
  endEvaluation: '2022-12-16T10:00:00+01:00',
  sixMonths: '2023-03-19T08:00:00.000Z',
};

/** One step: the next snapshot and the effects it declares (asserting the event was taken). */
function step(snapshot: Snapshot, event: TenderEvent) {
  expect(snapshot.can(event)).toBe(true);
  const [next, actions] = transition(machine, snapshot, event);
  return { next, effects: effectsOf(actions) };
}

function run(events: TenderEvent[], input: TenderInput = SEED_001_TENDER) {
  let [snapshot] = initialTransition(machine, input);
  const steps: { type: string; effects: ReturnType<typeof effectsOf> }[] = [];
  for (const event of events) {
    const result = step(snapshot, event);
    steps.push({ type: event.type, effects: result.effects });
    snapshot = result.next;
  }
  return { snapshot, steps, last: steps[steps.length - 1].effects };
}

const bidA = validBid('A', 3_600_000);
const bidB = validBid('B', 3_900_000, { consortium: [{ name: 'Partner', identifier: 'P' }] });
const bidC = validBid('C', 4_200_000); // above the 40,000 EUR cap: inadmissible
const toAttribution: TenderEvent[] = [
  { type: 'PUBLISH', at: T.publish },
  { type: 'SUBMIT_BID', ...bidA, at: T.bidA },
  { type: 'SUBMIT_BID', ...bidB, at: T.bidB },
  { type: 'SUBMIT_BID', ...bidC, at: T.bidC },
  { type: 'CLOSE_BIDS', at: T.afterDeadline },
  { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: T.scoring },
  { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: T.scoring },
  { type: 'ATTRIBUTE', bidId: 'B2', at: T.attribution },
];
const toClosed: TenderEvent[] = [
  ...toAttribution,
  { type: 'START_DELIVERY', startedAt: T.deliveryStart, at: T.deliveryStart },
  { type: 'RECORD_INTERVENTION', structure: 'Structure 1', date: '2022-10-10', days: 2, at: T.intervention },
  { type: 'RECORD_INTERVENTION', structure: 'Structure 2', date: '2022-10-11', days: 1, at: T.intervention },
  { type: 'RECORD_INTERVENTION', structure: 'Structure 1', date: '2022-10-12', days: 1, at: T.intervention },
  { type: 'COMPLETE_DELIVERY', at: T.deliveryEnd },
  { type: 'RECORD_END_EVALUATION', questionnaireResult: '11 of 12 satisfied', verbalExchangeNotes: 'Debrief', at: T.endEvaluation },
  { type: 'SIX_MONTH_EVALUATION_DUE', at: T.sixMonths },
  { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '7 in employment or training', at: '2023-04-03T10:00:00+02:00' },
];

const TENDER_REF = { title: SEED_001_TENDER.title, buyer: "Creativ'" };

describe('tender@2 declared effects', () => {
  it('declares exactly the listed effects, all implemented by the one no-op; every other action is an assign', () => {
    const actions = namedActionsOf(machine);
    expect(actions.effects).toEqual([...TENDER_EFFECTS].sort());
    expect(actions.others).toEqual([]);
    expect(actions.assigns.length).toBeGreaterThan(10);
  });

  it('ATTRIBUTE informs the rejected bidders (with why, rank and points) and the awarded one (001; DESIGN: rejected bidders are informed)', () => {
    const { last } = run(toAttribution);
    const awarded = {
      bidId: 'B2',
      bidder: bidB.bidder,
      consortium: [{ name: 'Partner', identifier: 'P' }],
      priceExclVatCents: 3_250_000,
      priceInclVatCents: 3_900_000,
      // 60 × 90 / 100 = 54; 40 × 36,000 / 39,000 = 36.92
      totalPoints: 90.92,
      points: { technical: 54, price: 36.92 },
    };
    expect(last).toEqual([
      {
        type: 'informRejectedBidders',
        params: {
          ...TENDER_REF,
          attributedAt: T.attribution,
          awarded,
          rejected: [
            {
              bidId: 'B1',
              bidder: { identifier: 'A', name: 'Prestataire A' },
              consortium: [],
              priceExclVatCents: 3_000_000,
              priceInclVatCents: 3_600_000,
              reason: 'notTopRanked',
              inadmissibleReasons: [],
              rank: 2,
              totalPoints: 82,
              points: { technical: 42, price: 40 },
            },
            {
              bidId: 'B3',
              bidder: { identifier: 'C', name: 'Prestataire C' },
              consortium: [],
              priceExclVatCents: 3_500_000,
              priceInclVatCents: 4_200_000,
              reason: 'inadmissible',
              inadmissibleReasons: ['price 42 000.00 EUR incl. VAT is above the budget cap of 40 000.00 EUR'],
            },
          ],
        },
      },
      {
        type: 'informAwardedBidder',
        params: { ...TENDER_REF, ...awarded, attributedAt: T.attribution, plannedDeliveryStart: '2022-09-19' },
      },
    ]);
  });

  it('reads the context after the step assigns: the bids are already marked awarded and rejected', () => {
    const { snapshot, last } = run(toAttribution);
    expect(snapshot.context.bids.map((bid) => bid.outcome)).toEqual(['rejected', 'awarded', 'rejected']);
    expect((last[0].params as { rejected: { bidId: string }[] }).rejected.map((bid) => bid.bidId)).toEqual(['B1', 'B3']);
  });

  it('a withdrawn bid is not informed: its bidder left before the award', () => {
    const events: TenderEvent[] = [
      { type: 'PUBLISH', at: T.publish },
      { type: 'SUBMIT_BID', ...bidA, at: T.bidA },
      { type: 'SUBMIT_BID', ...bidB, at: T.bidB },
      { type: 'WITHDRAW_BID', bidId: 'B1', at: T.bidC },
      { type: 'CLOSE_BIDS', at: T.afterDeadline },
      { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: T.scoring },
      { type: 'ATTRIBUTE', bidId: 'B2', at: T.attribution },
    ];
    const { last } = run(events);
    expect(last.map((effect) => effect.type)).toEqual(['informRejectedBidders', 'informAwardedBidder']);
    expect(last[0].params).toMatchObject({ rejected: [], awarded: { bidId: 'B2', totalPoints: 94 } });
  });

  it('CLOSE_BIDS with no admissible bid declares the tender unsuccessful, naming the bidders to inform', () => {
    const { snapshot, last } = run([
      { type: 'PUBLISH', at: T.publish },
      { type: 'SUBMIT_BID', ...bidC, at: T.bidC },
      { type: 'CLOSE_BIDS', at: T.afterDeadline },
    ]);
    expect(snapshot.value).toBe('unsuccessful');
    expect(last).toEqual([
      {
        type: 'tenderUnsuccessful',
        params: {
          ...TENDER_REF,
          reason: 'No admissible bid when bids closed.',
          at: T.afterDeadline,
          bidders: [{ bidId: 'B1', bidder: { identifier: 'C', name: 'Prestataire C' }, consortium: [] }],
        },
      },
    ]);
  });

  it('DECLARE_UNSUCCESSFUL declares it too, with the stated reason, from bidsClosed and from audition', () => {
    const upToClosed = toAttribution.slice(0, 5);
    for (const extra of [[], [{ type: 'START_AUDITIONS', at: T.scoring }]] as TenderEvent[][]) {
      const { last } = run([
        ...upToClosed,
        ...extra,
        { type: 'DECLARE_UNSUCCESSFUL', reason: 'No offer meets the need', at: T.attribution },
      ]);
      expect(last).toEqual([
        {
          type: 'tenderUnsuccessful',
          params: expect.objectContaining({ reason: 'No offer meets the need', at: T.attribution }),
        },
      ]);
      expect((last[0].params as { bidders: unknown[] }).bidders).toHaveLength(3);
    }
  });

  it('CANCEL declares the cancellation with the state it left and the bidders, if any', () => {
    const fromDraft = run([{ type: 'CANCEL', reason: 'Funding withdrawn', at: T.publish }]);
    expect(fromDraft.last).toEqual([
      {
        type: 'tenderCancelled',
        params: { ...TENDER_REF, reason: 'Funding withdrawn', at: T.publish, fromState: 'open.draft', bidders: [] },
      },
    ]);
    const fromAttributed = run([...toAttribution, { type: 'CANCEL', reason: 'Funding withdrawn', at: T.deliveryStart }]);
    expect(fromAttributed.last).toEqual([
      {
        type: 'tenderCancelled',
        params: expect.objectContaining({
          fromState: 'open.attributed',
          bidders: expect.arrayContaining([expect.objectContaining({ bidId: 'B2' })]),
        }),
      },
    ]);
  });

  it('the +6-month evaluation falls due (000 §5): by its deadline, or straight after a late end evaluation', () => {
    const { steps } = run(toClosed);
    const due = steps.find((entry) => entry.type === 'SIX_MONTH_EVALUATION_DUE')!;
    expect(due.effects).toEqual([
      {
        type: 'sixMonthEvaluationFallsDue',
        params: {
          subject: SEED_001_TENDER.title,
          // 19 September 2022 09:00 Paris + 6 months = 19 March 2023 09:00 Paris (winter time).
          dueAt: '2023-03-19T08:00:00.000Z',
          anchor: 'start',
          countedFrom: T.deliveryStart,
          buyer: "Creativ'",
          awardedBidder: bidB.bidder,
          structures: ['Structure 1', 'Structure 2'],
        },
      },
    ]);
    const late = run([
      ...toClosed.slice(0, toClosed.length - 3),
      { type: 'RECORD_END_EVALUATION', questionnaireResult: 'ok', verbalExchangeNotes: 'notes', at: '2023-03-20T10:00:00+01:00' },
    ]);
    expect(late.snapshot.value).toBe('evaluationAtSixMonths');
    expect(late.last.map((effect) => [effect.type, (effect.params as { dueAt: string }).dueAt])).toEqual([
      ['sixMonthEvaluationFallsDue', '2023-03-19T08:00:00.000Z'],
    ]);
  });

  it('counts from the end with the "end" anchor', () => {
    // The end of delivery, 9 December 2022 17:00 Paris, + 6 months = 9 June 2023 17:00 Paris (summer time).
    const events = [
      ...toClosed.slice(0, toClosed.length - 2),
      { type: 'SIX_MONTH_EVALUATION_DUE' as const, at: '2023-06-09T15:00:00.000Z' },
    ];
    const end = run(events, { ...SEED_001_TENDER, sixMonthAnchor: 'end' });
    expect(end.last).toEqual([
      {
        type: 'sixMonthEvaluationFallsDue',
        params: expect.objectContaining({ anchor: 'end', countedFrom: T.deliveryEnd, dueAt: '2023-06-09T15:00:00.000Z' }),
      },
    ]);
  });

  it('every other step of a full run only assigns: it declares no effect, nor does the initial snapshot', () => {
    expect(effectsOf(initialTransition(machine, SEED_001_TENDER)[1])).toEqual([]);
    const { steps } = run([{ type: 'UPDATE_DRAFT', theme: 'employment', at: '2022-07-01T10:00:00+02:00' }, ...toClosed]);
    const declaring = new Set(['ATTRIBUTE', 'SIX_MONTH_EVALUATION_DUE']);
    for (const entry of steps) {
      if (!declaring.has(entry.type)) expect({ type: entry.type, effects: entry.effects }).toEqual({ type: entry.type, effects: [] });
    }
    expect(steps.filter((entry) => entry.effects.length > 0).map((entry) => entry.type)).toEqual(['ATTRIBUTE', 'SIX_MONTH_EVALUATION_DUE']);
  });

  it('gives params that are plain JSON: they survive a round trip unchanged', () => {
    const all = [
      ...run(toClosed).steps,
      ...run([{ type: 'CANCEL', reason: 'r', at: T.publish }]).steps,
      ...run([
        { type: 'PUBLISH', at: T.publish },
        { type: 'CLOSE_BIDS', at: T.afterDeadline },
      ]).steps,
    ].flatMap((entry) => entry.effects);
    expect(all.map((effect) => effect.type).sort()).toEqual([...TENDER_EFFECTS].sort());
    for (const effect of all) expect(JSON.parse(JSON.stringify(effect))).toStrictEqual(effect);
  });

  it('tender@1 declares none: every step of the same run returns no action', () => {
    const v1 = createTenderMachine(parisCalendar);
    expect(namedActionsOf(v1)).toMatchObject({ effects: [], others: [] });
    let [snapshot, actions] = initialTransition(v1, SEED_001_TENDER);
    expect(actions).toEqual([]);
    for (const event of toClosed) {
      [snapshot, actions] = transition(v1, snapshot, event);
      expect(actions).toEqual([]);
    }
    expect(snapshot.value).toBe('closed');
  });
});
