import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths, serializeSnapshot, type AdjacencyValue, type StatePath } from 'xstate/graph';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { createCohortMachine } from './coaching-cohort.machine';
import type { CohortEvent, CohortInput, ParticipantProfile } from './coaching-cohort.types';

const machine = createCohortMachine(parisCalendar);
type Snapshot = SnapshotFrom<typeof machine>;

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
  const context = snapshot.context;
  const state = snapshot.value as string;
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

const traversal = {
  input: SMALL_COHORT,
  events: eventsFor,
  // Event types a state accepts but for which no concrete event was generated are not sent bare.
  filterEvents: (_snapshot: Snapshot, event: CohortEvent) => typeof event.at === 'string',
};

/** Every transition of the machine, as state.EVENT#candidate. */
function allTransitions(): string[] {
  return Object.entries(machine.root.states).flatMap(([name, node]) =>
    [...node.transitions.entries()].flatMap(([type, candidates]) => candidates.map((_, index) => `${name}.${type}#${index}`)),
  );
}

function transitionTaken(from: Snapshot, event: CohortEvent): string | undefined {
  const [taken] = machine.getTransitionData(from, event);
  if (!taken) return undefined;
  const state = from.value as string;
  const candidates = machine.root.states[state].transitions.get(event.type) ?? [];
  return `${state}.${event.type}#${candidates.indexOf(taken)}`;
}

/** Replays a path with the pure transition function, from the input, as the engine would. */
function replay(events: CohortEvent[]): Snapshot {
  let [snapshot] = initialTransition(machine, SMALL_COHORT);
  for (const event of events) [snapshot] = transition(machine, snapshot, event);
  return snapshot;
}

function eventsOf(path: StatePath<Snapshot, CohortEvent>): CohortEvent[] {
  // The first step is the initial state (reached by xstate.init).
  return path.steps.slice(1).map((step) => step.event);
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

describe('coaching cohort paths (xstate/graph)', () => {
  it('has exactly the transitions of the lifecycle', () => {
    const actual = Object.entries(machine.root.states).flatMap(([name, node]) =>
      [...node.transitions.entries()].flatMap(([type, candidates]) =>
        candidates.map((candidate) => `${name}.${type} → ${candidate.target?.[0]?.key ?? name}`),
      ),
    );
    expect(actual.sort()).toEqual([...LIFECYCLE].sort());
  });

  const shortest = getShortestPaths(machine, traversal);
  const adjacency = getAdjacencyMap(machine, traversal);

  it('reaches every state', () => {
    const reached = new Set(shortest.map((path) => path.state.value as string));
    expect([...reached].sort()).toEqual(Object.keys(machine.root.states).sort());
  });

  it('takes every transition at least once, on paths that replay to the same snapshots', () => {
    const bySerial = new Map<string, StatePath<Snapshot, CohortEvent>>(shortest.map((path) => [serializeSnapshot(path.state), path]));
    const covered = new Set<string>();
    let replayed = 0;
    for (const [serial, { state, transitions }] of Object.entries(adjacency) as [string, AdjacencyValue<Snapshot, CohortEvent>][]) {
      for (const { event, state: next } of Object.values(transitions)) {
        const taken = transitionTaken(state, event);
        if (!taken) continue; // refused here: the state does not change
        covered.add(taken);
        const prefix = bySerial.get(serial);
        expect(prefix).toBeDefined();
        const end = replay([...eventsOf(prefix!), event]);
        expect(end.value).toEqual(next.value);
        expect(end.context).toEqual(next.context);
        replayed += 1;
      }
    }
    expect([...covered].sort()).toEqual(allTransitions().sort());
    expect(replayed).toBeGreaterThan(allTransitions().length);
  });

  it('closes through both routes to the +6-month evaluation, and every closed path recorded both evaluations', () => {
    const toClosed = getSimplePaths(machine, { ...traversal, toState: (snapshot) => snapshot.value === 'closed' });
    expect(toClosed.length).toBeGreaterThan(0);
    const routes = new Set(
      toClosed.map((path) => (path.steps.some((step) => step.state.value === 'awaitingSixMonths') ? 'waited' : 'direct')),
    );
    expect(routes).toEqual(new Set(['waited', 'direct']));
    for (const path of toClosed) {
      const context = path.state.context;
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
      expect(replay(eventsOf(path)).value).toBe('closed');
    }
  });

  it('cancels only before the sessions start', () => {
    const cancellable = new Set(['draft', 'recruiting', 'recruitmentClosed', 'positioning', 'confirmed']);
    const cancelledFrom = new Set(
      shortest.filter((path) => path.state.value === 'cancelled').map((path) => path.state.context.cancellation?.fromState),
    );
    expect(cancelledFrom).toEqual(cancellable);
    const vertices = Object.values(adjacency).map((vertex) => vertex.state);
    expect(vertices.length).toBeGreaterThan(40);
    for (const snapshot of vertices) {
      const cancel: CohortEvent = { type: 'CANCEL', at: T.sixMonths, reason: 'Path test' };
      expect(snapshot.can(cancel)).toBe(cancellable.has(snapshot.value as string));
    }
  });
});
