import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths, serializeSnapshot, type AdjacencyValue, type StatePath } from 'xstate/graph';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { eventsOfPath, leafKeyOf, leafStateIds, replayEvents, stateIdOf, transitionsOf } from '../shared/testing/path-coverage';
import { createCohortMachine } from './coaching-cohort.machine';
import { cohortOpenStateOf, createCohortMachineV2 } from './coaching-cohort.machine.v2';
import type { CohortContext, CohortEvent, CohortInput, ParticipantProfile } from './coaching-cohort.types';

/**
 * Graph coverage of the cohort machines (cohort@1 and cohort@2) with `xstate/graph`: every state
 * reached, every transition taken on paths that replay to the same snapshots. Both versions accept the
 * same events in the same places; states are named by their path (`recruiting` in v1,
 * `open.recruiting` in v2).
 */
type Snapshot = AnyMachineSnapshot;

/** A cohort of one or two, with the smallest plan, so the graph of concrete states stays small. */
const SMALL_COHORT: CohortInput = {
  theme: 'employment of women',
  size: { min: 1, max: 2 },
  recruitmentClosesAt: '2024-01-15T17:00:00.000Z',
  eligibility: { sex: 'F', neighbourhoods: ['Grésilles'], olderThan: 30, requiresScheme: true },
  plan: {
    weeks: { min: 1, max: 2 },
    individual: { perParticipant: 1, minutes: { min: 30, max: 60 } },
    collective: { count: { min: 1, max: 1 }, minutes: { min: 150, max: 180 } },
    thematic: { count: { min: 1, max: 1 }, minutes: { min: 120, max: 120 }, themes: ['mobility'] },
  },
  // No group yet: recruitment cannot open until UPDATE_DRAFT gives one.
};

const PEOPLE: ParticipantProfile[] = ['P1', 'P2'].map((ref, index) => ({
  ref,
  sex: 'F',
  birthYear: 1980 + index,
  neighbourhood: 'Grésilles',
  scheme: 'PLIE',
}));

/** One instant per kind of step: the same event from two states leads to comparable contexts. */
const T = {
  draft: '2024-01-02T09:00:00.000Z',
  open: '2024-01-08T09:00:00.000Z',
  enroll: '2024-01-09T09:00:00.000Z',
  close: '2024-01-15T17:00:00.000Z',
  position: '2024-01-16T09:00:00.000Z',
  confirm: '2024-01-18T09:00:00.000Z',
  start: '2024-01-22T08:00:00.000Z',
  session: '2024-01-23T17:00:00.000Z',
  complete: '2024-02-02T17:00:00.000Z',
  endEarly: '2024-02-09T09:00:00.000Z',
  endLate: '2024-09-01T09:00:00.000Z',
  sixMonths: '2024-09-10T09:00:00.000Z',
};

const WITHDRAW_AT: Record<string, string> = {
  recruiting: '2024-01-10T09:00:00.000Z',
  recruitmentClosed: '2024-01-16T08:00:00.000Z',
  positioning: '2024-01-17T09:00:00.000Z',
  confirmed: '2024-01-19T09:00:00.000Z',
  inSession: '2024-01-24T09:00:00.000Z',
};

/**
 * The concrete events offered in each state. To keep the graph small, participants enrol, are
 * positioned and attend in a fixed order, and one withdraws only while two are active.
 */
function eventsFor(snapshot: Snapshot): CohortEvent[] {
  const context = snapshot.context as CohortContext;
  const state = leafKeyOf(snapshot);
  const active = context.participants.filter((participant) => !participant.withdrawnAt);
  const refs = active.map((participant) => participant.ref);
  const withdraw: CohortEvent[] =
    active.length === 2 && WITHDRAW_AT[state] ? [{ type: 'WITHDRAW_PARTICIPANT', at: WITHDRAW_AT[state], ref: refs[1] }] : [];
  const cancel: CohortEvent = { type: 'CANCEL', at: T.confirm, reason: 'Path test' };
  const unpositioned = active.find((participant) => !participant.positioning);
  const position: CohortEvent[] = unpositioned ? [{ type: 'RECORD_POSITIONING', at: T.position, ref: unpositioned.ref, minutes: 45 }] : [];
  switch (state) {
    case 'draft':
      return [
        ...(context.group ? [] : [{ type: 'UPDATE_DRAFT' as const, at: T.draft, group: 'Small test group' }]),
        { type: 'OPEN_RECRUITMENT', at: T.open },
        cancel,
      ];
    case 'recruiting': {
      const next = PEOPLE[context.participants.length];
      return [
        ...(next ? [{ type: 'ENROLL' as const, at: T.enroll, participant: next }] : []),
        ...withdraw,
        { type: 'CLOSE_RECRUITMENT', at: T.close },
        cancel,
      ];
    }
    case 'recruitmentClosed':
      return [...position, ...withdraw, cancel];
    case 'positioning':
      return [...position, ...withdraw, { type: 'CONFIRM_COHORT', at: T.confirm }, cancel];
    case 'confirmed':
      return [{ type: 'START_SESSIONS', at: T.start }, ...withdraw, cancel];
    case 'inSession': {
      const uncoached = refs.find((ref) => !context.sessions.some((s) => s.type === 'individual' && s.attendees.includes(ref)));
      const has = (type: string) => context.sessions.some((s) => s.type === type);
      const date = '2024-01-23';
      const nextSession: CohortEvent[] = uncoached
        ? [{ type: 'RECORD_SESSION', at: T.session, sessionType: 'individual', date, minutes: 45, attendees: [uncoached] }]
        : !has('collective')
          ? [{ type: 'RECORD_SESSION', at: T.session, sessionType: 'collective', date, minutes: 150, attendees: refs }]
          : !has('thematic')
            ? [{ type: 'RECORD_SESSION', at: T.session, sessionType: 'thematic', theme: 'mobility', date, minutes: 120, attendees: refs }]
            : [];
      return [...nextSession, ...withdraw, { type: 'COMPLETE_SESSIONS', at: T.complete }];
    }
    case 'evaluationAtEnd': {
      const outcomes = refs.map((ref) => ({ ref, outcome: 'training' as const, skillsMapDone: true }));
      return [
        { type: 'RECORD_END_EVALUATION', at: T.endEarly, outcomes },
        { type: 'RECORD_END_EVALUATION', at: T.endLate, outcomes },
      ];
    }
    case 'awaitingSixMonths':
      return [{ type: 'SIX_MONTH_EVALUATION_DUE', at: context.sixMonthEvaluationDue! }];
    case 'evaluationAtSixMonths': {
      const outcomes = (context.endEvaluation?.outcomes ?? []).map(({ ref }) => ({ ref, outcome: 'job' as const }));
      return [{ type: 'RECORD_SIX_MONTH_EVALUATION', at: T.sixMonths, outcomes }];
    }
    default:
      return [];
  }
}

const traversal = (input: CohortInput) => ({
  input,
  events: eventsFor,
  // Event types a state accepts but for which no concrete event was generated are not sent bare.
  filterEvents: (_snapshot: Snapshot, event: CohortEvent) => typeof event.at === 'string',
});

/** Every transition of the machine, as state.EVENT#candidate. */
function allTransitions(machine: AnyStateMachine): string[] {
  return transitionsOf(machine).map((entry) => `${entry.source}.${entry.eventType}#${entry.index}`);
}

/** The transition XState takes for the event, as state.EVENT#candidate, on whichever node declares it. */
function transitionTaken(machine: AnyStateMachine, from: Snapshot, event: CohortEvent): string | undefined {
  const [taken] = machine.getTransitionData(from, event);
  const entry = transitionsOf(machine).find((candidate) => candidate.definition === taken);
  return entry && `${entry.source}.${entry.eventType}#${entry.index}`;
}

/** The lifecycle as the issue states it: source.EVENT → target (self for transitions that stay). */
const LIFECYCLE = [
  'draft.UPDATE_DRAFT → draft',
  'draft.OPEN_RECRUITMENT → recruiting',
  'draft.CANCEL → cancelled',
  'recruiting.ENROLL → recruiting',
  'recruiting.WITHDRAW_PARTICIPANT → recruiting',
  'recruiting.CLOSE_RECRUITMENT → recruitmentClosed',
  'recruiting.CANCEL → cancelled',
  'recruitmentClosed.RECORD_POSITIONING → positioning',
  'recruitmentClosed.WITHDRAW_PARTICIPANT → recruitmentClosed',
  'recruitmentClosed.CANCEL → cancelled',
  'positioning.RECORD_POSITIONING → positioning',
  'positioning.WITHDRAW_PARTICIPANT → positioning',
  'positioning.CONFIRM_COHORT → confirmed',
  'positioning.CANCEL → cancelled',
  'confirmed.START_SESSIONS → inSession',
  'confirmed.WITHDRAW_PARTICIPANT → confirmed',
  'confirmed.CANCEL → cancelled',
  'inSession.RECORD_SESSION → inSession',
  'inSession.WITHDRAW_PARTICIPANT → inSession',
  'inSession.COMPLETE_SESSIONS → evaluationAtEnd',
  'evaluationAtEnd.RECORD_END_EVALUATION → evaluationAtSixMonths',
  'evaluationAtEnd.RECORD_END_EVALUATION → awaitingSixMonths',
  'awaitingSixMonths.SIX_MONTH_EVALUATION_DUE → evaluationAtSixMonths',
  'evaluationAtSixMonths.RECORD_SIX_MONTH_EVALUATION → closed',
];

/** cohort@2: the same lifecycle, the states before the sessions under `open`, which carries CANCEL once. */
const OPEN = ['draft', 'recruiting', 'recruitmentClosed', 'positioning', 'confirmed'];
const inOpen = (state: string) => (OPEN.includes(state) ? `open.${state}` : state);
const LIFECYCLE_V2 = [
  ...LIFECYCLE.filter((line) => !line.includes('.CANCEL ')).map((line) => {
    const [source, target] = line.split(' → ');
    const dot = source.indexOf('.');
    return `${inOpen(source.slice(0, dot))}${source.slice(dot)} → ${inOpen(target)}`;
  }),
  'open.CANCEL → cancelled',
];

const VERSIONS: { version: number; machine: AnyStateMachine; lifecycle: string[]; open: string }[] = [
  { version: 1, machine: createCohortMachine(parisCalendar), lifecycle: LIFECYCLE, open: '' },
  { version: 2, machine: createCohortMachineV2(parisCalendar), lifecycle: LIFECYCLE_V2, open: 'open.' },
];

describe.each(VERSIONS)('coaching cohort@$version paths (xstate/graph)', ({ machine, lifecycle, open }) => {
  // The anchor does not change the graph of states (only when the +6-month date falls): cohort@1 by
  // default counts from the end, cohort@2 from the start.
  const input = SMALL_COHORT;
  const replay = (events: CohortEvent[]) => replayEvents(machine, input, events);

  it('has exactly the transitions of the lifecycle', () => {
    const actual = transitionsOf(machine).map((entry) => `${entry.source}.${entry.eventType} → ${entry.target ?? entry.source}`);
    expect(actual.sort()).toEqual([...lifecycle].sort());
  });

  const shortest = getShortestPaths(machine, traversal(input) as never) as StatePath<Snapshot, CohortEvent>[];
  const adjacency = getAdjacencyMap(machine, traversal(input) as never);

  it('reaches every state', () => {
    const reached = new Set(shortest.map((path) => stateIdOf(path.state.value)));
    expect([...reached].sort()).toEqual(leafStateIds(machine).sort());
  });

  it('takes every transition at least once, on paths that replay to the same snapshots', () => {
    const bySerial = new Map<string, StatePath<Snapshot, CohortEvent>>(shortest.map((path) => [serializeSnapshot(path.state), path]));
    const covered = new Set<string>();
    let replayed = 0;
    for (const [serial, { state, transitions }] of Object.entries(adjacency) as [string, AdjacencyValue<Snapshot, CohortEvent>][]) {
      for (const { event, state: next } of Object.values(transitions)) {
        const taken = transitionTaken(machine, state, event);
        if (!taken) continue; // refused here: the state does not change
        covered.add(taken);
        const prefix = bySerial.get(serial);
        expect(prefix).toBeDefined();
        const end = replay([...eventsOfPath(prefix!), event]);
        expect(end.value).toEqual(next.value);
        expect(end.context).toEqual(next.context);
        replayed += 1;
      }
    }
    expect([...covered].sort()).toEqual(allTransitions(machine).sort());
    expect(replayed).toBeGreaterThan(allTransitions(machine).length);
  });

  it('closes through both routes to the +6-month evaluation, and every closed path recorded both evaluations', () => {
    const toClosed = getSimplePaths(machine, {
      ...traversal(input),
      toState: (snapshot: Snapshot) => snapshot.value === 'closed',
    } as never) as StatePath<Snapshot, CohortEvent>[];
    expect(toClosed.length).toBeGreaterThan(0);
    const routes = new Set(
      toClosed.map((path) => (path.steps.some((step) => step.state.value === 'awaitingSixMonths') ? 'waited' : 'direct')),
    );
    expect(routes).toEqual(new Set(['waited', 'direct']));
    for (const path of toClosed) {
      const context = path.state.context as CohortContext;
      const active = context.participants.filter((participant) => !participant.withdrawnAt).map((participant) => participant.ref);
      expect(context.endEvaluation?.outcomes.map((entry) => entry.ref)).toEqual(active);
      expect(context.sixMonthEvaluation?.outcomes.map((entry) => entry.ref)).toEqual(active);
      // The plan's minimum: an individual coaching for everyone still there (someone who withdrew may have had hers too).
      for (const ref of active) {
        expect(context.sessions.some((session) => session.type === 'individual' && session.attendees.includes(ref))).toBe(true);
      }
      expect(
        context.sessions
          .filter((session) => session.type !== 'individual')
          .map((session) => session.type)
          .sort(),
      ).toEqual(['collective', 'thematic']);
      expect(replay(eventsOfPath(path)).value).toBe('closed');
    }
  });

  it('cancels only before the sessions start', () => {
    const cancellable = new Set(OPEN.map((state) => `${open}${state}`));
    const cancelledFrom = new Set(
      shortest
        .filter((path) => path.state.value === 'cancelled')
        .map((path) => (path.state.context as CohortContext).cancellation?.fromState),
    );
    expect(cancelledFrom).toEqual(cancellable);
    const vertices = Object.values(adjacency).map((vertex) => vertex.state as Snapshot);
    expect(vertices.length).toBeGreaterThan(40);
    for (const snapshot of vertices) {
      const cancel: CohortEvent = { type: 'CANCEL', at: T.sixMonths, reason: 'Path test' };
      expect(snapshot.can(cancel)).toBe(cancellable.has(stateIdOf(snapshot.value)));
    }
  });
});

describe('cohort@2 behaves as cohort@1 on every explored history, but for what v2 changes', () => {
  const [v1, v2] = VERSIONS.map(({ machine }) => machine);
  // With the end anchor named, cohort@2 counts the +6 months as cohort@1 does by default.
  const input: CohortInput = { ...SMALL_COHORT, sixMonthAnchor: 'end' };
  const shortest = getShortestPaths(v1, traversal(input) as never) as StatePath<Snapshot, CohortEvent>[];
  const asInV1 = (context: CohortContext): CohortContext =>
    context.cancellation
      ? { ...context, cancellation: { ...context.cancellation, fromState: context.cancellation.fromState.replace(/^open\./, '') } }
      : context;

  it('reaches the same state with the same context, and accepts and refuses the same events there', () => {
    expect(shortest.length).toBeGreaterThan(40);
    for (const path of shortest) {
      const events = eventsOfPath(path);
      const one = replayEvents(v1, input, events);
      const two = replayEvents(v2, input, events);
      expect(stateIdOf(two.value)).toBe(inOpen(stateIdOf(one.value)));
      expect(asInV1(two.context as CohortContext)).toEqual(one.context);
      for (const event of eventsFor(one)) expect({ event, can: two.can(event) }).toEqual({ event, can: one.can(event) });
    }
  });

  it('derives the state of `open` from the context exactly (what the cancellation record relies on)', () => {
    const vertices = Object.values(getAdjacencyMap(v2, traversal(input) as never)).map((vertex) => vertex.state as Snapshot);
    const opened = vertices.filter((snapshot) => stateIdOf(snapshot.value).startsWith('open.'));
    expect(opened.length).toBeGreaterThan(20);
    for (const snapshot of opened) expect(`open.${cohortOpenStateOf(snapshot.context as CohortContext)}`).toBe(stateIdOf(snapshot.value));
  });

  it('counts the +6 months from the start of the sessions by default, as the DESIGN says (cohort@1: from their end)', () => {
    const closed = shortest.find((path) => path.state.value === 'evaluationAtEnd')!;
    const events = eventsOfPath(closed);
    // Started on 22 January 2024 09:00 Paris: + 6 months = 22 July 2024 09:00 Paris. cohort@1 counts from the
    // completion, 2 February 18:00 Paris: 2 August 18:00 Paris (summer time).
    expect((replayEvents(v2, SMALL_COHORT, events).context as CohortContext).sixMonthEvaluationDue).toBe('2024-07-22T07:00:00.000Z');
    expect((replayEvents(v1, SMALL_COHORT, events).context as CohortContext).sixMonthEvaluationDue).toBe('2024-08-02T16:00:00.000Z');
  });
});
