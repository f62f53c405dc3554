import type { AnyMachineSnapshot } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import {
  coverTransitions,
  eventsOfPath,
  explore,
  handledEventTypes,
  labelOf,
  leafKeyOf,
  leafStateIds,
  missingTransitions,
  replayEvents,
  stateIdOf,
  transitionsOf,
} from '../shared/testing/path-coverage';
import { createTenderMachine } from './tender.machine';
import { createTenderMachineV2, openStateOf } from './tender.machine.v2';
import { SEED_000_CAPS, SEED_001_TENDER, validBid } from './tender.examples';
import type { TenderContext, TenderEvent, TenderInput } from './tender.types';

/**
 * Graph coverage of the tender machines (tender@1 and tender@2): a small, context-aware event generator
 * with a few fixed instants is explored breadth-first by `getShortestPaths`; the test proves that every
 * state is reachable and that every transition (state × event × guarded branch × target) is taken at
 * least once from a reachable snapshot. Both versions accept the same events in the same places, so one
 * generator serves both; states are named by their path (`published` in v1, `open.published` in v2).
 */
const T = {
  update: '2022-07-07T10:00:00+02:00',
  publish: '2022-07-08T10:00:00+02:00',
  bid: '2022-08-01T10:00:00+02:00',
  withdraw: '2022-08-02T10:00:00+02:00',
  beforeDeadline: '2022-08-05T12:00:00+02:00',
  afterDeadline: '2022-08-06T09:00:00+02:00',
  scoring: '2022-08-18T10:00:00+02:00',
  attribution: '2022-08-25T10:00:00+02:00',
  deliveryStart: '2022-09-19T07:00:00Z',
  intervention: '2022-10-10T17:00:00+02:00',
  deliveryEnd: '2022-12-09T17:00:00+01:00',
  endEvaluationEarly: '2022-12-16T10:00:00+01:00',
  endEvaluationLate: '2023-03-20T10:00:00+01:00',
  sixMonthsEarly: '2023-03-01T10:00:00+01:00',
  sixMonths: '2023-03-19T08:00:00.000Z',
  sixMonthEvaluation: '2023-04-03T10:00:00+02:00',
};

// Seed 001 without its decision date (so PUBLISH is first refused, then UPDATE_DRAFT fixes it), with
// seed 000's delivery caps (so interventions are bounded and the cap refusal is exercised).
const { decisionDate, ...seed001WithoutDecision } = SEED_001_TENDER;
const INPUT: TenderInput = { ...seed001WithoutDecision, deliveryCaps: SEED_000_CAPS };

/** Bidders in a fixed order: A and B admissible, C above the 40,000 EUR cap. */
const BIDDERS = [validBid('A', 3_600_000), validBid('B', 3_900_000), validBid('C', 4_200_000)];

function eventsFor(snapshot: AnyMachineSnapshot): TenderEvent[] {
  const context = snapshot.context as TenderContext;
  const cancel: TenderEvent[] = [
    { type: 'CANCEL', reason: 'Funding withdrawn', at: T.scoring },
    { type: 'CANCEL', reason: '', at: T.scoring },
  ];
  const state = leafKeyOf(snapshot);
  switch (state) {
    case 'draft':
      return [{ type: 'UPDATE_DRAFT', decisionDate, at: T.update }, { type: 'PUBLISH', at: T.publish }, ...cancel];
    case 'published': {
      const next = BIDDERS[context.bids.length];
      return [
        ...(next ? [{ type: 'SUBMIT_BID' as const, ...next, at: T.bid }] : []),
        { type: 'SUBMIT_BID', ...validBid('LATE'), at: T.afterDeadline },
        { type: 'WITHDRAW_BID', bidId: 'B1', at: T.withdraw },
        { type: 'CLOSE_BIDS', at: T.beforeDeadline },
        { type: 'CLOSE_BIDS', at: T.afterDeadline },
        ...cancel,
      ];
    }
    case 'bidsClosed':
    case 'audition': {
      const auditioned = new Set(context.auditions.map((audition) => audition.bidId));
      return [
        { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: T.scoring },
        { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: T.scoring },
        { type: 'SCORE_BID', bidId: 'B3', scores: { technical: 100 }, at: T.scoring },
        ...(state === 'bidsClosed' ? [{ type: 'START_AUDITIONS' as const, at: T.scoring }] : []),
        ...(state === 'audition'
          ? (['B1', 'B2'] as const)
              .filter((bidId) => !auditioned.has(bidId))
              .map((bidId) => ({
                type: 'RECORD_AUDITION' as const,
                bidId,
                mode: 'video' as const,
                scores: { technical: 95 },
                at: T.scoring,
              }))
          : []),
        ...(state === 'audition' ? [{ type: 'RECORD_AUDITION' as const, bidId: 'B3', mode: 'inPerson' as const, at: T.scoring }] : []),
        { type: 'ATTRIBUTE', bidId: 'B1', at: T.attribution },
        { type: 'ATTRIBUTE', bidId: 'B2', at: T.attribution },
        { type: 'DECLARE_UNSUCCESSFUL', reason: 'No offer meets the need', at: T.attribution },
        ...cancel,
      ];
    }
    case 'attributed':
      return [
        { type: 'START_DELIVERY', startedAt: T.deliveryStart, at: T.deliveryStart },
        { type: 'START_DELIVERY', startedAt: T.scoring, at: T.deliveryStart },
        ...cancel,
      ];
    case 'delivering':
      return [
        { type: 'RECORD_INTERVENTION', structure: 'S1', date: '2022-10-10', days: 3, at: T.intervention },
        { type: 'RECORD_INTERVENTION', structure: 'S2', date: '2022-10-11', days: 3, at: T.intervention },
        { type: 'COMPLETE_DELIVERY', at: T.deliveryEnd },
      ];
    case 'evaluationAtEnd':
      return [
        { type: 'RECORD_END_EVALUATION', questionnaireResult: 'good', verbalExchangeNotes: 'notes', at: T.endEvaluationEarly },
        { type: 'RECORD_END_EVALUATION', questionnaireResult: 'good', verbalExchangeNotes: 'notes', at: T.endEvaluationLate },
        { type: 'RECORD_END_EVALUATION', questionnaireResult: 'good', verbalExchangeNotes: '', at: T.endEvaluationEarly },
      ];
    case 'awaitingSixMonths':
      return [
        { type: 'SIX_MONTH_EVALUATION_DUE', at: T.sixMonthsEarly },
        { type: 'SIX_MONTH_EVALUATION_DUE', at: T.sixMonths },
      ];
    case 'evaluationAtSixMonths':
      return [
        { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '', at: T.sixMonthEvaluation },
        { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '7 in a job', at: T.sixMonthEvaluation },
      ];
    default:
      return [];
  }
}

/** An abstraction of the snapshot that is finite under the generator above and keeps what guards read. */
const AFTER_ATTRIBUTION = ['attributed', 'delivering', 'evaluationAtEnd', 'awaitingSixMonths', 'evaluationAtSixMonths', 'closed'];

function serializeState(snapshot: AnyMachineSnapshot): string {
  const context = snapshot.context as TenderContext;
  const value = stateIdOf(snapshot.value);
  // Final exits only differ by where they came from; after attribution no guard reads the bids.
  if (value === 'cancelled') return JSON.stringify({ value, fromState: context.cancellation?.fromState });
  if (value === 'unsuccessful') return JSON.stringify({ value });
  if (AFTER_ATTRIBUTION.includes(leafKeyOf(snapshot))) {
    return JSON.stringify({
      value,
      attributedAt: context.attributedAt,
      interventions: context.interventions.map((intervention) => [intervention.structure, intervention.days]),
      sixMonthEvaluationDue: context.sixMonthEvaluationDue,
      endEvaluation: context.endEvaluation !== undefined,
    });
  }
  return JSON.stringify({
    value,
    decisionDate: context.decisionDate,
    bids: context.bids.map((bid) => [bid.id, bid.admissible, bid.withdrawnAt !== undefined, bid.scores, bid.outcome]),
    auditions: context.auditions.map((audition) => audition.bidId),
  });
}

const VERSIONS = [
  {
    version: 1,
    machine: createTenderMachine(parisCalendar),
    open: '',
    branches: [
      'published --CLOSE_BIDS[0]--> unsuccessful',
      'published --CLOSE_BIDS[1]--> bidsClosed',
      'evaluationAtEnd --RECORD_END_EVALUATION[0]--> evaluationAtSixMonths',
      'evaluationAtEnd --RECORD_END_EVALUATION[1]--> awaitingSixMonths',
    ],
  },
  {
    version: 2,
    machine: createTenderMachineV2(parisCalendar),
    open: 'open.',
    branches: [
      'open.published --CLOSE_BIDS[0]--> unsuccessful',
      'open.published --CLOSE_BIDS[1]--> open.bidsClosed',
      'evaluationAtEnd --RECORD_END_EVALUATION[0]--> evaluationAtSixMonths',
      'evaluationAtEnd --RECORD_END_EVALUATION[1]--> awaitingSixMonths',
    ],
  },
];

describe.each(VERSIONS)('tender@$version machine paths (xstate/graph)', ({ version, machine, open, branches }) => {
  const started = Date.now();
  const { paths, reached } = explore<TenderEvent>(machine, {
    input: INPUT,
    events: eventsFor,
    serializeState: (snapshot) => serializeState(snapshot),
    limit: 20_000,
  });
  const elapsed = Date.now() - started;

  it('explores quickly', () => {
    expect(paths.length).toBeGreaterThan(50);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('gives paths that replay with the pure step into the same abstract state', () => {
    for (const { path, snapshot } of reached) {
      expect(snapshot.value).toEqual(path.state.value);
      expect(serializeState(snapshot)).toBe(serializeState(path.state));
    }
  });

  it('generates, in every reachable state, an event for each event type the state accepts', () => {
    for (const { snapshot } of reached) {
      const offered = new Set<string>(eventsFor(snapshot).map((event) => event.type));
      expect(handledEventTypes(snapshot).filter((type) => !offered.has(type))).toEqual([]);
    }
  });

  it('reaches every state of the machine', () => {
    const values = new Set(reached.map(({ snapshot }) => stateIdOf(snapshot.value)));
    expect([...values].sort()).toEqual(leafStateIds(machine).sort());
  });

  it('takes every transition (state × event × guarded branch × target) at least once', () => {
    const coverage = coverTransitions(
      machine,
      reached.map(({ snapshot }) => snapshot),
      eventsFor,
    );
    expect(coverage.inconsistencies).toEqual([]);
    expect(missingTransitions(machine, coverage)).toEqual([]);
    const expected = transitionsOf(machine);
    expect(coverage.taken.size).toBe(expected.length);
    // Both guarded branches of CLOSE_BIDS and of RECORD_END_EVALUATION are among them.
    expect(expected.map(labelOf).filter((text) => /CLOSE_BIDS|RECORD_END_EVALUATION/.test(text))).toEqual(branches);
  });

  it('cancels from each state before delivery', () => {
    const fromStates = reached
      .filter(({ snapshot }) => snapshot.value === 'cancelled')
      .map(({ snapshot }) => (snapshot.context as TenderContext).cancellation?.fromState);
    expect(fromStates.sort()).toEqual(['attributed', 'audition', 'bidsClosed', 'draft', 'published'].map((state) => `${open}${state}`));
  });

  it('reaches closed through the spine, unsuccessful and cancelled by the shortest routes', () => {
    const shortest = (value: string) =>
      Math.min(...paths.filter((path) => path.state.value === value).map((path) => eventsOfPath(path).length));
    expect(shortest('cancelled')).toBe(1); // CANCEL from the draft
    expect(shortest('unsuccessful')).toBe(3); // UPDATE_DRAFT, PUBLISH, CLOSE_BIDS with no bid
    // UPDATE_DRAFT, PUBLISH, SUBMIT_BID, CLOSE_BIDS, SCORE_BID, ATTRIBUTE, START_DELIVERY, COMPLETE_DELIVERY,
    // RECORD_END_EVALUATION (after the +6-month date), RECORD_SIX_MONTH_EVALUATION
    expect(shortest('closed')).toBe(10);
    const closed = paths.find((path) => path.state.value === 'closed')!;
    expect(eventsOfPath(closed).map((event) => event.type)).toEqual([
      'UPDATE_DRAFT',
      'PUBLISH',
      'SUBMIT_BID',
      'CLOSE_BIDS',
      'SCORE_BID',
      'ATTRIBUTE',
      'START_DELIVERY',
      'COMPLETE_DELIVERY',
      'RECORD_END_EVALUATION',
      'RECORD_SIX_MONTH_EVALUATION',
    ]);
  });

  if (version === 2) {
    it('derives the state of `open` from the context exactly (what the cancellation record relies on)', () => {
      const inOpen = reached.filter(({ snapshot }) => stateIdOf(snapshot.value).startsWith('open.'));
      expect(inOpen.length).toBeGreaterThan(20);
      for (const { snapshot } of inOpen) {
        expect(`open.${openStateOf(snapshot.context as TenderContext)}`).toBe(stateIdOf(snapshot.value));
      }
    });
  }
});

describe('tender@2 behaves as tender@1 on every explored history, but for what v2 changes', () => {
  const [v1, v2] = VERSIONS.map(({ machine }) => machine);
  const { reached } = explore<TenderEvent>(v1, { input: INPUT, events: eventsFor, serializeState, limit: 20_000 });
  /** tender@1's state as tender@2 names it. */
  const OPEN = new Set(['draft', 'published', 'bidsClosed', 'audition', 'attributed']);
  const inV2 = (state: string) => (OPEN.has(state) ? `open.${state}` : state);
  /** What v2 records differently: the state a cancellation came from (its v2 name), and when auditions started. */
  const asInV1 = (context: TenderContext): TenderContext => {
    const { auditionsStartedAt: _started, ...rest } = context;
    return rest.cancellation
      ? { ...rest, cancellation: { ...rest.cancellation, fromState: rest.cancellation.fromState.replace(/^open\./, '') } }
      : rest;
  };

  it('reaches the same state with the same context, and accepts and refuses the same events there', () => {
    expect(reached.length).toBeGreaterThan(50);
    for (const { path } of reached) {
      const events = eventsOfPath(path);
      const one = replayEvents(v1, INPUT, events);
      const two = replayEvents(v2, INPUT, events);
      expect(stateIdOf(two.value)).toBe(inV2(stateIdOf(one.value)));
      expect(two.status).toBe(one.status);
      expect(asInV1(two.context as TenderContext)).toEqual(one.context);
      for (const event of eventsFor(one)) expect({ event, can: two.can(event) }).toEqual({ event, can: one.can(event) });
    }
  });

  it('differs where it says: auditionsStartedAt, and the cancellation names the v2 state', () => {
    const contexts = reached.map(({ path }) => replayEvents(v2, INPUT, eventsOfPath(path)).context as TenderContext);
    expect(contexts.some((context) => context.auditionsStartedAt === T.scoring)).toBe(true);
    expect(contexts.filter((context) => context.cancellation).every((context) => context.cancellation!.fromState.startsWith('open.'))).toBe(
      true,
    );
  });
});
