import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { isSpineStage } from '../shared/spine';
import { leafStateIds, stateIdOf, stateNodesOf, transitionsOf } from '../shared/testing/path-coverage';
import { COHORT_001_GROUP_1 } from './coaching-cohort.examples';
import { COHORT_KIND } from './coaching-cohort.machine';
import { COHORT_OPEN_STATES, COHORT_VERSION_2, cohortOpenStateOf, createCohortMachineV2 } from './coaching-cohort.machine.v2';
import type { CohortContext, CohortEvent, CohortInput } from './coaching-cohort.types';

const machine = createCohortMachineV2(parisCalendar);

function run(input: CohortInput, events: CohortEvent[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(machine, input);
  for (const event of events) {
    expect({ event, can: snapshot.can(event) }).toEqual({ event, can: true });
    [snapshot] = transition(machine, snapshot, event);
  }
  return snapshot;
}

const SMALL: CohortInput = {
  group: 'Small test group',
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
};
const person = (ref: string) => ({ ref, sex: 'F' as const, birthYear: 1980, neighbourhood: 'Grésilles', scheme: 'PLIE' });
const STEPS: [string, CohortEvent[]][] = [
  ['open.draft', []],
  ['open.recruiting', [{ type: 'OPEN_RECRUITMENT', at: '2024-01-08T09:00:00.000Z' }]],
  [
    'open.recruitmentClosed',
    [
      { type: 'ENROLL', participant: person('P1'), at: '2024-01-09T09:00:00.000Z' },
      { type: 'CLOSE_RECRUITMENT', at: '2024-01-15T17:00:00.000Z' },
    ],
  ],
  ['open.positioning', [{ type: 'RECORD_POSITIONING', ref: 'P1', minutes: 45, at: '2024-01-16T09:00:00.000Z' }]],
  ['open.confirmed', [{ type: 'CONFIRM_COHORT', at: '2024-01-18T09:00:00.000Z' }]],
];
/** The events that lead to each state of `open`, in order. */
const eventsTo = (state: string) => STEPS.slice(0, STEPS.findIndex(([name]) => name === state) + 1).flatMap(([, events]) => events);
const START = '2024-01-22T08:00:00.000Z'; // 09:00 Paris
const inSession = [...eventsTo('open.confirmed'), { type: 'START_SESSIONS', at: START } as CohortEvent];

describe('cohort@2 machine', () => {
  it('is version 2 of the cohort kind', () => {
    expect(machine.id).toBe(COHORT_KIND);
    expect(COHORT_VERSION_2).toBe(2);
  });

  describe('structure', () => {
    it('groups the states before the sessions under `open`', () => {
      expect(Object.keys(machine.root.states)).toEqual([
        'open',
        'inSession',
        'evaluationAtEnd',
        'awaitingSixMonths',
        'evaluationAtSixMonths',
        'closed',
        'cancelled',
      ]);
      expect(Object.keys(machine.root.states.open.states)).toEqual([...COHORT_OPEN_STATES]);
    });

    it('tags every state a cohort rests in with exactly one spine stage, and `open` with none', () => {
      for (const id of leafStateIds(machine)) {
        const tags = machine.getStateNodeById(`${COHORT_KIND}.${id}`).tags;
        expect({ id, tags: tags.length, spine: tags.every(isSpineStage) }).toEqual({ id, tags: 1, spine: true });
      }
      expect(machine.root.states.open.tags).toEqual([]);
    });

    it('carries CANCEL once, on `open`', () => {
      expect(
        transitionsOf(machine)
          .filter((entry) => entry.eventType === 'CANCEL')
          .map((entry) => [entry.source, entry.target]),
      ).toEqual([['open', 'cancelled']]);
    });

    it('declares the same deadlines as cohort@1, on the same states', () => {
      const declared = stateNodesOf(machine)
        .filter((node) => (node.meta as StateMetaWithDeadlines | undefined)?.deadlines?.length)
        .map((node) => [node.path.join('.'), (node.meta as StateMetaWithDeadlines).deadlines!.map((d) => `${d.event}@${d.dueAt}`)]);
      expect(declared).toEqual([
        ['open.recruiting', ['CLOSE_RECRUITMENT@recruitmentClosesAt']],
        ['awaitingSixMonths', ['SIX_MONTH_EVALUATION_DUE@sixMonthEvaluationDue']],
      ]);
    });
  });

  describe('cancellation (before the sessions start)', () => {
    it.each(STEPS.map(([state]) => state))('is possible from %s with a reason, recording the state it left', (state) => {
      const snapshot = run(SMALL, eventsTo(state));
      expect(stateIdOf(snapshot.value)).toBe(state);
      expect(`open.${cohortOpenStateOf(snapshot.context as CohortContext)}`).toBe(state);
      const refused = { type: 'CANCEL', reason: '', at: '2024-01-19T09:00:00.000Z' } as const;
      expect(snapshot.can(refused)).toBe(false);
      const [cancelled] = transition(machine, snapshot, { type: 'CANCEL', reason: 'No funding', at: '2024-01-19T09:00:00.000Z' });
      expect([cancelled.value, cancelled.status]).toEqual(['cancelled', 'done']);
      expect(cancelled.context.cancellation).toEqual({ reason: 'No funding', at: '2024-01-19T09:00:00.000Z', fromState: state });
    });

    it('is refused once the sessions have started', () => {
      const snapshot = run(SMALL, inSession);
      expect(snapshot.value).toBe('inSession');
      expect(snapshot.can({ type: 'CANCEL', reason: 'Too late', at: '2024-01-23T09:00:00.000Z' })).toBe(false);
    });
  });

  describe("the +6-month outcomes (DESIGN: the anchor is the instance's, start by default; 001)", () => {
    it('count from the start of the sessions when the cohort names no anchor', () => {
      // 22 January 2024 09:00 Paris + 6 months = 22 July 2024 09:00 Paris.
      expect(run(SMALL, inSession).context.sixMonthEvaluationDue).toBe('2024-07-22T07:00:00.000Z');
    });

    it('count from the end of the sessions with the "end" anchor (seed 001 examples name it)', () => {
      expect(COHORT_001_GROUP_1.sixMonthAnchor).toBe('end');
      const started = run({ ...SMALL, sixMonthAnchor: 'end' }, inSession);
      expect(started.context.sixMonthEvaluationDue).toBeUndefined();
      const [completed] = transition(
        machine,
        run({ ...SMALL, sixMonthAnchor: 'end' }, [
          ...inSession,
          {
            type: 'RECORD_SESSION',
            sessionType: 'individual',
            date: '2024-01-23',
            minutes: 45,
            attendees: ['P1'],
            at: '2024-01-23T17:00:00.000Z',
          },
          {
            type: 'RECORD_SESSION',
            sessionType: 'collective',
            date: '2024-01-24',
            minutes: 150,
            attendees: ['P1'],
            at: '2024-01-24T17:00:00.000Z',
          },
          {
            type: 'RECORD_SESSION',
            sessionType: 'thematic',
            theme: 'mobility',
            date: '2024-01-25',
            minutes: 120,
            attendees: ['P1'],
            at: '2024-01-25T17:00:00.000Z',
          },
        ]),
        { type: 'COMPLETE_SESSIONS', at: '2024-02-02T17:00:00.000Z' },
      );
      expect(completed.value).toBe('evaluationAtEnd');
      // 2 February 18:00 Paris + 6 months = 2 August 18:00 Paris (summer time).
      expect(completed.context.sixMonthEvaluationDue).toBe('2024-08-02T16:00:00.000Z');
    });
  });
});
