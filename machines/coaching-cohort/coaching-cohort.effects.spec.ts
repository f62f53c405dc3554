import { initialTransition, transition } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { effectsOf, namedActionsOf } from '../shared/testing/effects';
import { COHORT_EFFECTS } from './coaching-cohort.effects';
import { COHORT_001_GROUP_1, eligibleParticipants } from './coaching-cohort.examples';
import { createCohortMachine } from './coaching-cohort.machine';
import { createCohortMachineV2 } from './coaching-cohort.machine.v2';
import type { CohortEvent, CohortInput } from './coaching-cohort.types';

/**
 * The effects cohort@2 declares, as the engine's fold sees them: the actions that XState's public
 * `transition()` / `initialTransition()` return, whose type does not start with `xstate.` (assign
 * actions are applied inside the step and never returned).
 */
const machine = createCohortMachineV2(parisCalendar);

function run(events: CohortEvent[], input: CohortInput) {
  let [snapshot] = initialTransition(machine, input);
  const steps: { type: string; effects: ReturnType<typeof effectsOf> }[] = [];
  for (const event of events) {
    expect({ event, can: snapshot.can(event) }).toEqual({ event, can: true });
    const [next, actions] = transition(machine, snapshot, event);
    steps.push({ type: event.type, effects: effectsOf(actions) });
    snapshot = next;
  }
  return { snapshot, steps, last: steps[steps.length - 1].effects };
}

/** One or two participants, the smallest plan (001's shape, 1 to 2 weeks). */
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
const START = '2024-01-22T08:00:00.000Z'; // 09:00 Paris
const COMPLETED = '2024-02-02T17:00:00.000Z';

const toConfirmed: CohortEvent[] = [
  { type: 'OPEN_RECRUITMENT', at: '2024-01-08T09:00:00.000Z' },
  { type: 'ENROLL', participant: person('P1'), at: '2024-01-09T09:00:00.000Z' },
  { type: 'ENROLL', participant: person('P2'), at: '2024-01-09T10:00:00.000Z' },
  { type: 'WITHDRAW_PARTICIPANT', ref: 'P2', at: '2024-01-10T09:00:00.000Z' },
  { type: 'CLOSE_RECRUITMENT', at: '2024-01-15T17:00:00.000Z' },
  { type: 'RECORD_POSITIONING', ref: 'P1', minutes: 45, at: '2024-01-16T09:00:00.000Z' },
  { type: 'CONFIRM_COHORT', at: '2024-01-18T09:00:00.000Z' },
];
const toEvaluationAtEnd: CohortEvent[] = [
  ...toConfirmed,
  { type: 'START_SESSIONS', at: START },
  { type: 'RECORD_SESSION', sessionType: 'individual', date: '2024-01-23', minutes: 45, attendees: ['P1'], at: '2024-01-23T17:00:00.000Z' },
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
  { type: 'COMPLETE_SESSIONS', at: COMPLETED },
];
const REF = { group: 'Small test group', theme: 'employment of women' };

describe('cohort@2 declared effects', () => {
  it('declares exactly the listed effects, all implemented by the one no-op; every other action is an assign', () => {
    const actions = namedActionsOf(machine);
    expect(actions.effects).toEqual([...COHORT_EFFECTS].sort());
    expect(actions.others).toEqual([]);
  });

  it('CONFIRM_COHORT declares the confirmed group (001 §IV), participants by pseudonymous reference only', () => {
    const { steps } = run(toConfirmed, SMALL);
    expect(steps.map((step) => step.effects.length)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(steps[6].effects).toEqual([
      {
        type: 'cohortConfirmed',
        params: { ...REF, confirmedAt: '2024-01-18T09:00:00.000Z', participants: ['P1'], weeks: { min: 1, max: 2 } },
      },
    ]);
  });

  it('seed 001 group 1: eleven women confirmed, no more than their references in the params', () => {
    const participants = eligibleParticipants(COHORT_001_GROUP_1);
    const { last } = run(
      [
        { type: 'OPEN_RECRUITMENT', at: '2022-08-29T08:00:00.000Z' },
        ...participants.map((participant) => ({ type: 'ENROLL' as const, participant, at: '2022-09-01T08:00:00.000Z' })),
        { type: 'CLOSE_RECRUITMENT', at: '2022-09-16T16:00:00.000Z' },
        ...participants.map((participant) => ({
          type: 'RECORD_POSITIONING' as const,
          ref: participant.ref,
          minutes: 45,
          at: '2022-09-19T08:00:00.000Z',
        })),
        { type: 'CONFIRM_COHORT', at: '2022-09-20T08:00:00.000Z' },
      ],
      COHORT_001_GROUP_1,
    );
    expect(last).toEqual([
      {
        type: 'cohortConfirmed',
        params: {
          group: COHORT_001_GROUP_1.group,
          theme: 'employment of women',
          confirmedAt: '2022-09-20T08:00:00.000Z',
          participants: participants.map((participant) => participant.ref),
          weeks: { min: 10, max: 12 },
        },
      },
    ]);
    expect(JSON.stringify(last)).not.toMatch(/birthYear|neighbourhood|scheme|PLIE|Pôle emploi/);
  });

  it('COMPLETE_SESSIONS declares the end of the course with what was delivered and the +6-month date', () => {
    const { last } = run(toEvaluationAtEnd, SMALL);
    expect(last).toEqual([
      {
        type: 'sessionsCompleted',
        params: {
          ...REF,
          sessionsStartedAt: START,
          completedAt: COMPLETED,
          sessions: { individual: 1, collective: 1, thematic: 1 },
          attendances: 3,
          participants: ['P1'],
          // The start anchor by default: 22 January 09:00 Paris + 6 months = 22 July 09:00 Paris.
          sixMonthEvaluationDue: '2024-07-22T07:00:00.000Z',
        },
      },
    ]);
    const fromEnd = run(toEvaluationAtEnd, { ...SMALL, sixMonthAnchor: 'end' });
    expect(fromEnd.last[0].params).toMatchObject({ sixMonthEvaluationDue: '2024-08-02T16:00:00.000Z' });
  });

  it('CANCEL declares the cancellation with the state it left and the participants still enrolled', () => {
    const { last, snapshot } = run(
      [...toConfirmed, { type: 'CANCEL', reason: 'Provider withdrew', at: '2024-01-19T09:00:00.000Z' }],
      SMALL,
    );
    expect(snapshot.value).toBe('cancelled');
    expect(last).toEqual([
      {
        type: 'cohortCancelled',
        params: { ...REF, reason: 'Provider withdrew', at: '2024-01-19T09:00:00.000Z', fromState: 'open.confirmed', participants: ['P1'] },
      },
    ]);
    expect(run([{ type: 'CANCEL', reason: 'No funding', at: '2024-01-05T09:00:00.000Z' }], SMALL).last).toEqual([
      {
        type: 'cohortCancelled',
        params: { ...REF, reason: 'No funding', at: '2024-01-05T09:00:00.000Z', fromState: 'open.draft', participants: [] },
      },
    ]);
  });

  it('the +6-month outcomes fall due: by the deadline, or straight after a late end evaluation', () => {
    const outcomes = [{ ref: 'P1', outcome: 'training' as const, skillsMapDone: true }];
    const waited = run(
      [
        ...toEvaluationAtEnd,
        { type: 'RECORD_END_EVALUATION', outcomes, at: '2024-02-09T09:00:00.000Z' },
        { type: 'SIX_MONTH_EVALUATION_DUE', at: '2024-07-22T07:00:00.000Z' },
        { type: 'RECORD_SIX_MONTH_EVALUATION', outcomes: [{ ref: 'P1', outcome: 'job' }], at: '2024-08-01T09:00:00.000Z' },
      ],
      SMALL,
    );
    expect(waited.steps.slice(-3).map((step) => step.effects)).toEqual([
      [],
      [
        {
          type: 'sixMonthEvaluationFallsDue',
          params: {
            subject: 'Small test group',
            dueAt: '2024-07-22T07:00:00.000Z',
            anchor: 'start',
            countedFrom: START,
            participants: ['P1'],
          },
        },
      ],
      [],
    ]);
    const late = run([...toEvaluationAtEnd, { type: 'RECORD_END_EVALUATION', outcomes, at: '2024-09-01T09:00:00.000Z' }], SMALL);
    expect(late.snapshot.value).toBe('evaluationAtSixMonths');
    expect(late.last.map((effect) => effect.type)).toEqual(['sixMonthEvaluationFallsDue']);
  });

  it('steps that only assign declare no effect, nor does the initial snapshot', () => {
    expect(effectsOf(initialTransition(machine, SMALL)[1])).toEqual([]);
    const { steps } = run(
      [{ type: 'UPDATE_DRAFT', theme: 'employment of women', at: '2024-01-02T09:00:00.000Z' }, ...toEvaluationAtEnd],
      SMALL,
    );
    expect(steps.filter((step) => step.effects.length > 0).map((step) => step.type)).toEqual(['CONFIRM_COHORT', 'COMPLETE_SESSIONS']);
  });

  it('gives params that are plain JSON: they survive a round trip unchanged', () => {
    const effects = [
      ...run(
        [
          ...toEvaluationAtEnd,
          {
            type: 'RECORD_END_EVALUATION',
            outcomes: [{ ref: 'P1', outcome: 'none', skillsMapDone: false }],
            at: '2024-09-01T09:00:00.000Z',
          },
        ],
        SMALL,
      ).steps,
      ...run([{ type: 'CANCEL', reason: 'r', at: '2024-01-05T09:00:00.000Z' }], SMALL).steps,
    ].flatMap((step) => step.effects);
    expect(effects.map((effect) => effect.type).sort()).toEqual([...COHORT_EFFECTS].sort());
    for (const effect of effects) expect(JSON.parse(JSON.stringify(effect))).toStrictEqual(effect);
  });

  it('cohort@1 declares none', () => {
    const v1 = createCohortMachine(parisCalendar);
    expect(namedActionsOf(v1)).toMatchObject({ effects: [], others: [] });
    let [snapshot, actions] = initialTransition(v1, SMALL);
    expect(actions).toEqual([]);
    for (const event of toEvaluationAtEnd) {
      [snapshot, actions] = transition(v1, snapshot, event);
      expect(actions).toEqual([]);
    }
    expect(snapshot.value).toBe('evaluationAtEnd');
  });
});
