import { initialTransition, transition, type AnyTransitionDefinition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { createTenderMachine } from './tender.machine';
import { SEED_000_CAPS, SEED_001_TENDER, validBid } from './tender.examples';
import type { TenderContext, TenderEvent, TenderInput } from './tender.types';

/**
 * Graph coverage of the tender machine: a small, context-aware event generator with a few fixed
 * instants is explored breadth-first by `getShortestPaths`; the test proves that every state is
 * reachable and that every transition (state × event × guarded branch × target) is taken at least
 * once from a reachable snapshot.
 */
const machine = createTenderMachine(parisCalendar);
type Snapshot = ReturnType<typeof machine.transition>;

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

function eventsFor(snapshot: Snapshot): TenderEvent[] {
  const { context } = snapshot;
  const cancel: TenderEvent[] = [
    { type: 'CANCEL', reason: 'Funding withdrawn', at: T.scoring },
    { type: 'CANCEL', reason: '', at: T.scoring },
  ];
  switch (snapshot.value) {
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
        ...(snapshot.value === 'bidsClosed' ? [{ type: 'START_AUDITIONS' as const, at: T.scoring }] : []),
        ...(snapshot.value === 'audition'
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
        ...(snapshot.value === 'audition'
          ? [{ type: 'RECORD_AUDITION' as const, bidId: 'B3', mode: 'inPerson' as const, at: T.scoring }]
          : []),
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

function serializeState(snapshot: Snapshot): string {
  const context: TenderContext = snapshot.context;
  // Final exits only differ by where they came from; after attribution no guard reads the bids.
  if (snapshot.value === 'cancelled') return JSON.stringify({ value: snapshot.value, fromState: context.cancellation?.fromState });
  if (snapshot.value === 'unsuccessful') return JSON.stringify({ value: snapshot.value });
  if (AFTER_ATTRIBUTION.includes(snapshot.value as string)) {
    return JSON.stringify({
      value: snapshot.value,
      attributedAt: context.attributedAt,
      interventions: context.interventions.map((intervention) => [intervention.structure, intervention.days]),
      sixMonthEvaluationDue: context.sixMonthEvaluationDue,
      endEvaluation: context.endEvaluation !== undefined,
    });
  }
  return JSON.stringify({
    value: snapshot.value,
    decisionDate: context.decisionDate,
    bids: context.bids.map((bid) => [bid.id, bid.admissible, bid.withdrawnAt !== undefined, bid.scores, bid.outcome]),
    auditions: context.auditions.map((audition) => audition.bidId),
  });
}

function label(source: string, eventType: string, transitionDefinition: AnyTransitionDefinition, index: number): string {
  const target = transitionDefinition.target?.map((node) => node.key).join(',') ?? `(stays in ${source})`;
  return `${source} --${eventType}[${index}]--> ${target}`;
}

/** Every transition of the machine, with a readable label. */
function allTransitions(): Map<AnyTransitionDefinition, string> {
  const transitions = new Map<AnyTransitionDefinition, string>();
  for (const [key, node] of Object.entries(machine.root.states)) {
    for (const [eventType, definitions] of node.transitions) {
      definitions.forEach((definition, index) => transitions.set(definition, label(key, eventType, definition, index)));
    }
  }
  return transitions;
}

/** Replays a path's events with the pure step, from the initial snapshot. */
function replay(events: readonly TenderEvent[]): Snapshot {
  let [snapshot] = initialTransition(machine, INPUT);
  for (const event of events) [snapshot] = transition(machine, snapshot, event);
  return snapshot;
}

describe('tender machine paths (xstate/graph)', () => {
  const started = Date.now();
  const paths = getShortestPaths(machine, {
    input: INPUT,
    events: (snapshot) => eventsFor(snapshot as Snapshot),
    serializeState: (snapshot) => serializeState(snapshot as Snapshot),
    limit: 20_000,
  });
  const elapsed = Date.now() - started;
  // The concrete events of each path (the first step is the initial snapshot, under xstate.init).
  const eventsOf = (path: (typeof paths)[number]) =>
    path.steps.map((step) => step.event).filter((event) => !event.type.startsWith('xstate.')) as TenderEvent[];
  // With an abstract serialization a path's `state` is one representative of its class; the snapshot
  // reached by replaying the path's own events is what the coverage below is computed on.
  const reached = paths.map((path) => ({ path, snapshot: replay(eventsOf(path)) }));

  it('explores quickly', () => {
    expect(paths.length).toBeGreaterThan(50);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('gives paths that replay with the pure step into the same abstract state', () => {
    for (const { path, snapshot } of reached) {
      expect(snapshot.value).toBe(path.state.value);
      expect(serializeState(snapshot)).toBe(serializeState(path.state as Snapshot));
    }
  });

  it('generates, in every reachable state, an event for each event type the state accepts', () => {
    for (const { snapshot } of reached) {
      const offered = new Set(eventsFor(snapshot).map((event) => event.type));
      expect([...machine.root.states[snapshot.value as string].ownEvents].filter((type) => !offered.has(type as never))).toEqual([]);
    }
  });

  it('reaches every state of the machine', () => {
    const values = new Set(reached.map(({ snapshot }) => snapshot.value as string));
    expect([...values].sort()).toEqual(Object.keys(machine.root.states).sort());
  });

  it('takes every transition (state × event × guarded branch × target) at least once', () => {
    const expected = allTransitions();
    const taken = new Set<AnyTransitionDefinition>();
    for (const { snapshot } of reached) {
      for (const event of eventsFor(snapshot)) {
        const definitions = machine.getTransitionData(snapshot, event);
        for (const definition of definitions) taken.add(definition);
        // A transition is enabled exactly when the state can take it; otherwise the step changes nothing.
        expect(snapshot.can(event)).toBe(definitions.length > 0);
        const [next] = transition(machine, snapshot, event);
        if (definitions.length > 0) {
          expect(next.value).toBe(definitions[0].target?.[0]?.key ?? snapshot.value);
        } else {
          expect(next).toBe(snapshot);
        }
      }
    }
    const missing = [...expected.entries()].filter(([definition]) => !taken.has(definition)).map(([, text]) => text);
    expect(missing).toEqual([]);
    expect(taken.size).toBe(expected.size);
    // Both guarded branches of CLOSE_BIDS and of RECORD_END_EVALUATION are among them.
    expect([...expected.values()].filter((text) => /CLOSE_BIDS|RECORD_END_EVALUATION/.test(text))).toEqual([
      'published --CLOSE_BIDS[0]--> unsuccessful',
      'published --CLOSE_BIDS[1]--> bidsClosed',
      'evaluationAtEnd --RECORD_END_EVALUATION[0]--> evaluationAtSixMonths',
      'evaluationAtEnd --RECORD_END_EVALUATION[1]--> awaitingSixMonths',
    ]);
  });

  it('cancels from each state before delivery', () => {
    const fromStates = reached
      .filter(({ snapshot }) => snapshot.value === 'cancelled')
      .map(({ snapshot }) => snapshot.context.cancellation?.fromState);
    expect(fromStates.sort()).toEqual(['attributed', 'audition', 'bidsClosed', 'draft', 'published']);
  });

  it('reaches closed through the spine, unsuccessful and cancelled by the shortest routes', () => {
    const shortest = (value: string) =>
      Math.min(...paths.filter((path) => path.state.value === value).map((path) => eventsOf(path).length));
    expect(shortest('cancelled')).toBe(1); // CANCEL from the draft
    expect(shortest('unsuccessful')).toBe(3); // UPDATE_DRAFT, PUBLISH, CLOSE_BIDS with no bid
    // UPDATE_DRAFT, PUBLISH, SUBMIT_BID, CLOSE_BIDS, SCORE_BID, ATTRIBUTE, START_DELIVERY, COMPLETE_DELIVERY,
    // RECORD_END_EVALUATION (after the +6-month date), RECORD_SIX_MONTH_EVALUATION
    expect(shortest('closed')).toBe(10);
    const closed = paths.find((path) => path.state.value === 'closed')!;
    expect(eventsOf(closed).map((event) => event.type)).toEqual([
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
});
