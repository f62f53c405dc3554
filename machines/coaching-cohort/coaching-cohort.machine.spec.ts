import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { resolveDeadlines, type DeadlineDeclaration, type PendingDeadline } from '../shared/deadlines';
import { isSpineStage } from '../shared/spine';
import { COHORT_001_GROUP_1, COHORT_001_GROUP_2, eligibleParticipants, SESSION_PLAN_001 } from './coaching-cohort.examples';
import { COHORT_KIND, COHORT_VERSION, createCohortMachine, summarizeCohort } from './coaching-cohort.machine';
import { createCohortRules } from './coaching-cohort.rules';
import type { CohortEvent, CohortInput, EndOutcome, Outcome, ParticipantProfile } from './coaching-cohort.types';
import { THEMES_001 } from './coaching-cohort.types';

const cohortRules = createCohortRules(parisCalendar);

const machine = createCohortMachine(parisCalendar);
type Snapshot = SnapshotFrom<typeof machine>;

/** Names of the rules behind a guard: a named guard, or and([...]) of named guards. */
function ruleNames(guard: unknown): string[] {
  if (typeof guard === 'string') return [guard];
  const combined = (guard as { guards?: unknown[] } | undefined)?.guards;
  if (typeof guard === 'function' && Array.isArray(combined)) return combined.flatMap(ruleNames);
  if (guard && typeof guard === 'object' && 'type' in guard) return [String((guard as { type: string }).type)];
  return [];
}

/** What the engine reports for a refused command: the first rule that fails, or undefined when accepted. */
function refusal(snapshot: Snapshot, event: CohortEvent): { rule: string; reason: string } | undefined {
  const candidates = machine.root.states[snapshot.value as string].transitions.get(event.type) ?? [];
  if (candidates.length === 0) return { rule: 'notInThisState', reason: `${event.type} is not accepted in ${String(snapshot.value)}` };
  let first: { rule: string; reason: string } | undefined;
  for (const candidate of candidates) {
    const failing = ruleNames(candidate.guard)
      .map((rule) => ({ rule, reason: cohortRules[rule as keyof typeof cohortRules](snapshot.context, event as never) }))
      .find((result) => result.reason !== undefined);
    if (!failing) return undefined;
    first ??= failing as { rule: string; reason: string };
  }
  return first;
}

function accept(snapshot: Snapshot, event: CohortEvent): Snapshot {
  expect(refusal(snapshot, event)).toBeUndefined();
  expect(snapshot.can(event)).toBe(true);
  const [next] = transition(machine, snapshot, event);
  return next;
}

function refuse(snapshot: Snapshot, event: CohortEvent, rule: string, reason?: string | RegExp): void {
  expect(snapshot.can(event)).toBe(false);
  const found = refusal(snapshot, event);
  expect(found?.rule).toBe(rule);
  if (typeof reason === 'string') expect(found?.reason).toBe(reason);
  else if (reason) expect(found?.reason).toMatch(reason);
  const [next] = transition(machine, snapshot, event);
  expect(next.value).toEqual(snapshot.value);
  expect(next.context).toEqual(snapshot.context);
}

function deadlinesOf(snapshot: Snapshot): PendingDeadline[] {
  const declarations = Object.values(snapshot.getMeta() as Record<string, { deadlines?: DeadlineDeclaration[] }>).flatMap(
    (meta) => meta.deadlines ?? [],
  );
  return resolveDeadlines(declarations, snapshot.context);
}

function start(input: CohortInput = COHORT_001_GROUP_1): Snapshot {
  const [snapshot] = initialTransition(machine, input);
  return snapshot;
}

const OPEN_AT = '2022-08-29T08:00:00.000Z';
const CLOSES_AT = COHORT_001_GROUP_1.recruitmentClosesAt!;
const SESSIONS_START = '2022-09-26T07:00:00.000Z'; // Monday 26 Sept 2022, 09:00 in Paris
const group1 = eligibleParticipants(COHORT_001_GROUP_1, 11, 'G1');

function enrollAt(index: number): string {
  return `2022-09-05T${String(8 + index).padStart(2, '0')}:00:00.000Z`;
}

function recruited(input: CohortInput = COHORT_001_GROUP_1, people: ParticipantProfile[] = group1): Snapshot {
  let snapshot = accept(start(input), { type: 'OPEN_RECRUITMENT', at: OPEN_AT });
  people.forEach((participant, index) => {
    snapshot = accept(snapshot, { type: 'ENROLL', at: enrollAt(index), participant });
  });
  return snapshot;
}

function confirmed(snapshot: Snapshot): Snapshot {
  let next = accept(snapshot, { type: 'CLOSE_RECRUITMENT', at: CLOSES_AT });
  for (const participant of next.context.participants.filter((p) => !p.withdrawnAt)) {
    next = accept(next, { type: 'RECORD_POSITIONING', at: '2022-09-20T08:00:00.000Z', ref: participant.ref, minutes: 45 });
  }
  return accept(next, { type: 'CONFIRM_COHORT', at: '2022-09-21T08:00:00.000Z' });
}

const COLLECTIVE_DATES = ['2022-10-03', '2022-10-31', '2022-11-28'];
const THEMATIC = [
  { date: '2022-10-06', theme: 'selfExpressionAndConfidence' },
  { date: '2022-10-13', theme: 'mobility' },
  { date: '2022-10-20', theme: 'digitalSkills' },
  { date: '2022-10-27', theme: 'childcareAndParenting' },
  { date: '2022-11-10', theme: 'childcareAndParenting' },
  { date: '2022-11-17', theme: 'mobility' },
  { date: '2022-11-24', theme: 'selfExpressionAndConfidence' },
];

function session(date: string, fields: Omit<Extract<CohortEvent, { type: 'RECORD_SESSION' }>, 'type' | 'at' | 'date'>): CohortEvent {
  return { type: 'RECORD_SESSION', at: `${date}T17:00:00.000Z`, date, ...fields };
}

/** 001's whole plan: one individual coaching each, 3 collective workshops, 7 thematic ones covering the four themes. */
function deliverPlan(snapshot: Snapshot): Snapshot {
  const refs = snapshot.context.participants.filter((p) => !p.withdrawnAt).map((p) => p.ref);
  let next = snapshot;
  refs.forEach((ref, index) => {
    next = accept(next, session(`2022-09-${27 + (index % 4)}`, { sessionType: 'individual', minutes: 30 + index * 3, attendees: [ref] }));
  });
  for (const date of COLLECTIVE_DATES) {
    next = accept(next, session(date, { sessionType: 'collective', minutes: 165, attendees: refs }));
  }
  for (const { date, theme } of THEMATIC) {
    next = accept(next, session(date, { sessionType: 'thematic', theme, minutes: 120, attendees: refs.slice(1) }));
  }
  return next;
}

const END_OUTCOMES: Outcome[] = [
  'job',
  'training',
  'integrationPath',
  'none',
  'training',
  'integrationPath',
  'none',
  'job',
  'integrationPath',
  'none',
  'training',
];

function endOutcomes(refs: string[]): EndOutcome[] {
  return refs.map((ref, index) => ({ ref, outcome: END_OUTCOMES[index % END_OUTCOMES.length], skillsMapDone: index !== 4 }));
}

describe('coaching cohort machine (seed 001)', () => {
  it('is kind cohort, version 1, and every state carries exactly one spine stage', () => {
    expect(COHORT_KIND).toBe('cohort');
    expect(COHORT_VERSION).toBe(1);
    const expected: Record<string, string> = {
      draft: 'draft',
      recruiting: 'published',
      recruitmentClosed: 'bidsClosed',
      positioning: 'audition',
      confirmed: 'attributed',
      inSession: 'delivering',
      evaluationAtEnd: 'evaluatedAtEnd',
      awaitingSixMonths: 'evaluatedAtEnd',
      evaluationAtSixMonths: 'evaluatedAtSixMonths',
      closed: 'closed',
      cancelled: 'closed',
    };
    const states = machine.root.states;
    expect(Object.keys(states).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, node] of Object.entries(states)) {
      expect([...node.tags]).toEqual([expected[name]]);
      expect(isSpineStage(expected[name])).toBe(true);
    }
  });

  it('plays group 1 of seed 001 from draft to the +6-month follow-up', () => {
    // Draft: the input carries the terms; recruitment opens once they are complete.
    let snapshot = start({ ...COHORT_001_GROUP_1, recruitmentClosesAt: undefined });
    expect(snapshot.value).toBe('draft');
    expect(snapshot.hasTag('draft')).toBe(true);
    refuse(
      snapshot,
      { type: 'OPEN_RECRUITMENT', at: OPEN_AT },
      'draftIsComplete',
      'The draft is incomplete: it needs a recruitment closing date.',
    );
    snapshot = accept(snapshot, { type: 'UPDATE_DRAFT', at: '2022-08-26T08:00:00.000Z', recruitmentClosesAt: CLOSES_AT });
    expect(snapshot.context.group).toBe("Group 1: Fontaine d'Ouche, Grésilles, Quetigny");
    expect(snapshot.context.theme).toBe('employment of women');
    snapshot = accept(snapshot, { type: 'OPEN_RECRUITMENT', at: OPEN_AT });
    expect(snapshot.value).toBe('recruiting');
    expect(snapshot.hasTag('published')).toBe(true);
    expect(deadlinesOf(snapshot)).toEqual([
      { event: 'CLOSE_RECRUITMENT', dueAt: CLOSES_AT, payload: {}, label: 'Recruitment closes at its date' },
    ]);

    // Recruiting: 11 eligible women; one refusal per eligibility rule, naming it.
    group1.forEach((participant, index) => {
      snapshot = accept(snapshot, { type: 'ENROLL', at: enrollAt(index), participant });
    });
    expect(snapshot.context.participants).toHaveLength(11);
    const candidate: ParticipantProfile = { ref: 'G1-X', sex: 'F', birthYear: 1980, neighbourhood: 'Grésilles', scheme: 'PLIE' };
    const at = '2022-09-12T08:00:00.000Z';
    refuse(snapshot, { type: 'ENROLL', at, participant: { ...candidate, sex: 'M' } }, 'participantSexEligible');
    refuse(
      snapshot,
      { type: 'ENROLL', at, participant: { ...candidate, neighbourhood: 'Talant' } },
      'participantNeighbourhoodEligible',
      /Talant is not one of the group's neighbourhoods/,
    );
    refuse(
      snapshot,
      { type: 'ENROLL', at, participant: { ...candidate, birthYear: 1992 } },
      'participantAgeEligible',
      /aged 30 in 2022; the cohort is for people over 30/,
    );
    refuse(snapshot, { type: 'ENROLL', at, participant: { ...candidate, scheme: undefined } }, 'participantFollowedByScheme');
    // The first failing rule is the one reported.
    refuse(snapshot, { type: 'ENROLL', at, participant: { ...candidate, sex: 'M', birthYear: 2000 } }, 'participantSexEligible');
    refuse(snapshot, { type: 'ENROLL', at, participant: group1[0] }, 'participantRefIsNew', /G1-P01 is already enrolled/);

    // The 12th place fills the cohort; a 13th is refused; a withdrawal frees the place.
    snapshot = accept(snapshot, { type: 'ENROLL', at, participant: candidate });
    refuse(
      snapshot,
      { type: 'ENROLL', at, participant: { ...candidate, ref: 'G1-Y' } },
      'cohortHasRoom',
      'The cohort is full: 12 of at most 12 participants.',
    );
    snapshot = accept(snapshot, { type: 'WITHDRAW_PARTICIPANT', at: '2022-09-13T08:00:00.000Z', ref: 'G1-X' });
    refuse(
      snapshot,
      { type: 'WITHDRAW_PARTICIPANT', at: '2022-09-13T09:00:00.000Z', ref: 'G1-X' },
      'participantIsActive',
      'Participant G1-X has withdrawn.',
    );
    refuse(snapshot, { type: 'ENROLL', at, participant: candidate }, 'participantRefIsNew');

    // Recruitment closes at its date: an early poke is refused, the poke at the date closes it.
    refuse(snapshot, { type: 'CLOSE_RECRUITMENT', at: '2022-09-16T15:59:00.000Z' }, 'recruitmentMayClose');
    refuse(snapshot, { type: 'ENROLL', at: CLOSES_AT, participant: { ...candidate, ref: 'G1-Z' } }, 'recruitmentWindowOpen');
    snapshot = accept(snapshot, { type: 'CLOSE_RECRUITMENT', at: CLOSES_AT });
    expect(snapshot.value).toBe('recruitmentClosed');
    expect(snapshot.hasTag('bidsClosed')).toBe(true);
    expect(snapshot.context.recruitmentClosedBy).toBe('deadline');
    expect(deadlinesOf(snapshot)).toEqual([]);
    refuse(snapshot, { type: 'ENROLL', at: CLOSES_AT, participant: { ...candidate, ref: 'G1-Z' } }, 'notInThisState');

    // Positioning: one interview per participant; confirmation needs all of them.
    snapshot = accept(snapshot, { type: 'RECORD_POSITIONING', at: '2022-09-19T08:00:00.000Z', ref: 'G1-P01', minutes: 45 });
    expect(snapshot.value).toBe('positioning');
    expect(snapshot.hasTag('audition')).toBe(true);
    refuse(
      snapshot,
      { type: 'RECORD_POSITIONING', at: '2022-09-19T09:00:00.000Z', ref: 'G1-P01', minutes: 30 },
      'participantNotYetPositioned',
    );
    refuse(snapshot, { type: 'RECORD_POSITIONING', at: '2022-09-19T09:00:00.000Z', ref: 'G1-X', minutes: 30 }, 'participantIsActive');
    refuse(snapshot, { type: 'CONFIRM_COHORT', at: '2022-09-19T10:00:00.000Z' }, 'everyParticipantPositioned', /not yet: G1-P02, G1-P03/);
    for (const participant of group1.slice(1)) {
      snapshot = accept(snapshot, { type: 'RECORD_POSITIONING', at: '2022-09-20T08:00:00.000Z', ref: participant.ref, minutes: 40 });
    }
    snapshot = accept(snapshot, { type: 'CONFIRM_COHORT', at: '2022-09-21T08:00:00.000Z' });
    expect(snapshot.value).toBe('confirmed');
    expect(snapshot.hasTag('attributed')).toBe(true);

    // Sessions: the window is 12 weeks from the start, in Paris dates, across the end of summer time.
    snapshot = accept(snapshot, { type: 'START_SESSIONS', at: SESSIONS_START });
    expect(snapshot.value).toBe('inSession');
    expect(snapshot.hasTag('delivering')).toBe(true);
    expect(snapshot.context.sessionWindow).toEqual({
      firstDate: '2022-09-26',
      lastDate: '2022-12-18',
      earliestCompletionAt: '2022-12-05T08:00:00.000Z', // 09:00 in Paris, now on winter time
    });
    refuse(snapshot, { type: 'CANCEL', at: SESSIONS_START, reason: 'Too late' }, 'notInThisState');

    const refs = group1.map((p) => p.ref);
    refuse(
      snapshot,
      session('2022-09-27', { sessionType: 'individual', minutes: 90, attendees: ['G1-P01'] }),
      'sessionDurationInRange',
      'Wrong duration: an individual coaching lasts 30 to 60 minutes; got 90.',
    );
    refuse(
      snapshot,
      session('2022-09-27', { sessionType: 'thematic', theme: 'cooking', minutes: 120, attendees: refs }),
      'sessionThemeKnown',
      /Unknown theme cooking/,
    );
    refuse(
      snapshot,
      session('2022-12-19', { sessionType: 'collective', minutes: 150, attendees: refs }),
      'sessionDateInWindow',
      /2022-12-19 is outside the course window \(2022-09-26 to 2022-12-18\)/,
    );
    refuse(
      snapshot,
      session('2022-09-27', { sessionType: 'collective', minutes: 150, attendees: ['G1-P01', 'G1-X'] }),
      'sessionAttendeesEnrolled',
      /not so: G1-X/,
    );

    snapshot = deliverPlan(snapshot);
    refuse(
      snapshot,
      session('2022-11-30', { sessionType: 'individual', minutes: 45, attendees: ['G1-P05'] }),
      'individualCoachingNotRepeated',
    );
    expect(snapshot.context.sessions).toHaveLength(11 + 3 + 7);
    // Attendance is kept per session: G1-P01 missed the thematic workshops.
    const mobility = snapshot.context.sessions.find((s) => s.type === 'thematic' && s.theme === 'mobility');
    expect(mobility).toMatchObject({ id: 'S16', date: '2022-10-13', minutes: 120, recordedAt: '2022-10-13T17:00:00.000Z' });
    expect(mobility?.attendees).toEqual(refs.slice(1));

    // The plan has its minimum; still, the course lasts at least 10 weeks.
    refuse(
      snapshot,
      { type: 'COMPLETE_SESSIONS', at: '2022-12-02T16:00:00.000Z' },
      'courseMinimumLengthReached',
      /from 2022-12-05T08:00:00.000Z/,
    );
    snapshot = accept(snapshot, { type: 'COMPLETE_SESSIONS', at: '2022-12-09T16:00:00.000Z' });
    expect(snapshot.value).toBe('evaluationAtEnd');
    expect(snapshot.hasTag('evaluatedAtEnd')).toBe(true);
    // +6 months from the end of the sessions: 9 Dec 17:00 Paris (UTC+1) → 9 June 17:00 Paris (UTC+2).
    expect(snapshot.context.sixMonthEvaluationDue).toBe('2023-06-09T15:00:00.000Z');

    // End evaluation: an outcome and the skills map for everyone.
    refuse(
      snapshot,
      { type: 'RECORD_END_EVALUATION', at: '2022-12-16T10:00:00.000Z', outcomes: endOutcomes(refs.slice(0, 10)) },
      'endOutcomesComplete',
      'The end evaluation needs an outcome for G1-P11.',
    );
    snapshot = accept(snapshot, { type: 'RECORD_END_EVALUATION', at: '2022-12-16T10:00:00.000Z', outcomes: endOutcomes(refs) });
    expect(snapshot.value).toBe('awaitingSixMonths');
    expect(snapshot.hasTag('evaluatedAtEnd')).toBe(true);
    expect(deadlinesOf(snapshot)).toEqual([
      { event: 'SIX_MONTH_EVALUATION_DUE', dueAt: '2023-06-09T15:00:00.000Z', payload: {}, label: 'The +6-month evaluation falls due' },
    ]);

    // +6 months: an early poke is harmless, the poke at the date opens the follow-up.
    refuse(snapshot, { type: 'SIX_MONTH_EVALUATION_DUE', at: '2023-06-09T14:59:59.000Z' }, 'sixMonthDateReached');
    snapshot = accept(snapshot, { type: 'SIX_MONTH_EVALUATION_DUE', at: '2023-06-09T15:00:00.000Z' });
    expect(snapshot.value).toBe('evaluationAtSixMonths');
    expect(snapshot.hasTag('evaluatedAtSixMonths')).toBe(true);
    const sixMonths = refs.map((ref, index): { ref: string; outcome: Outcome } => ({
      ref,
      outcome: index < 5 ? 'job' : index < 8 ? 'training' : 'none',
    }));
    refuse(
      snapshot,
      { type: 'RECORD_SIX_MONTH_EVALUATION', at: '2023-06-20T08:00:00.000Z', outcomes: sixMonths.slice(1) },
      'sixMonthOutcomesComplete',
      /an outcome for G1-P01/,
    );
    snapshot = accept(snapshot, { type: 'RECORD_SIX_MONTH_EVALUATION', at: '2023-06-20T08:00:00.000Z', outcomes: sixMonths });
    expect(snapshot.value).toBe('closed');
    expect(snapshot.status).toBe('done');
    expect(snapshot.hasTag('closed')).toBe(true);

    expect(summarizeCohort(snapshot.context)).toEqual({
      participants: { enrolled: 11, withdrawn: 1, bySex: { F: 11, M: 0 }, positioned: 11 },
      sessions: {
        byType: { individual: 11, collective: 3, thematic: 7 },
        byTheme: { selfExpressionAndConfidence: 2, mobility: 2, digitalSkills: 1, childcareAndParenting: 2 },
        attendances: 11 + 3 * 11 + 7 * 10,
      },
      plan: {
        complete: true,
        missing: [],
        gaps: { individualCoachingMissingFor: [], collectiveWorkshopsMissing: 0, thematicWorkshopsMissing: 0, themesNotCovered: [] },
      },
      outcomes: {
        atEnd: { job: 2, training: 3, integrationPath: 3, none: 3 },
        skillsMapsDone: 10,
        atSixMonths: { job: 5, training: 3, integrationPath: 0, none: 3 },
      },
    });
  });

  it('refuses sessions beyond the plan, naming what is missing before completion', () => {
    let snapshot = accept(confirmed(recruited()), { type: 'START_SESSIONS', at: SESSIONS_START });
    const refs = group1.map((p) => p.ref);
    refuse(
      snapshot,
      { type: 'COMPLETE_SESSIONS', at: '2022-12-09T16:00:00.000Z' },
      'sessionPlanMinimumMet',
      `The session plan is not complete: missing individual coaching for ${refs.join(', ')}; 3 more collective workshops; 7 more thematic workshops; a thematic workshop on ${THEMES_001.join(', ')}.`,
    );
    for (const date of ['2022-10-03', '2022-10-10', '2022-10-17', '2022-10-24']) {
      snapshot = accept(snapshot, session(date, { sessionType: 'collective', minutes: 180, attendees: refs }));
    }
    refuse(
      snapshot,
      session('2022-10-31', { sessionType: 'collective', minutes: 150, attendees: refs }),
      'sessionCountWithinPlan',
      'Too many collective workshops: the plan has at most 4 and 4 are recorded.',
    );
    for (const date of ['2022-10-06', '2022-10-13', '2022-10-20', '2022-10-27', '2022-11-03']) {
      snapshot = accept(snapshot, session(date, { sessionType: 'thematic', theme: 'mobility', minutes: 120, attendees: refs }));
    }
    refuse(
      snapshot,
      session('2022-11-10', { sessionType: 'thematic', theme: 'mobility', minutes: 120, attendees: refs }),
      'themesStillCoverable',
      'Another workshop on mobility would leave 2 thematic workshops for the themes not yet covered (selfExpressionAndConfidence, digitalSkills, childcareAndParenting).',
    );
    ['selfExpressionAndConfidence', 'digitalSkills', 'childcareAndParenting'].forEach((theme, index) => {
      snapshot = accept(snapshot, session(`2022-11-${10 + 7 * index}`, { sessionType: 'thematic', theme, minutes: 120, attendees: refs }));
    });
    refuse(
      snapshot,
      session('2022-12-01', { sessionType: 'thematic', theme: 'mobility', minutes: 120, attendees: refs }),
      'sessionCountWithinPlan',
      'Too many thematic workshops: the plan has at most 8 and 8 are recorded.',
    );
    refuse(
      snapshot,
      session('2022-11-10', { sessionType: 'individual', minutes: 45, attendees: ['G1-P01', 'G1-P02'] }),
      'individualCoachingIsOneToOne',
    );
    // A withdrawn participant is no longer expected at the individual coaching; her attendance stays.
    snapshot = accept(snapshot, { type: 'WITHDRAW_PARTICIPANT', at: '2022-11-04T08:00:00.000Z', ref: 'G1-P03' });
    refuse(
      snapshot,
      { type: 'COMPLETE_SESSIONS', at: '2022-12-09T16:00:00.000Z' },
      'sessionPlanMinimumMet',
      'The session plan is not complete: missing individual coaching for G1-P01, G1-P02, G1-P04, G1-P05, G1-P06, G1-P07, G1-P08, G1-P09, G1-P10, G1-P11.',
    );
    expect(snapshot.context.sessions[0].attendees).toContain('G1-P03');
    expect(summarizeCohort(snapshot.context).participants).toEqual({ enrolled: 10, withdrawn: 1, bySex: { F: 10, M: 0 }, positioned: 10 });
  });

  it('lets an administrator close recruitment by hand before the date, and refuses to confirm under the minimum', () => {
    let snapshot = recruited(COHORT_001_GROUP_1, group1.slice(0, 9));
    snapshot = accept(snapshot, { type: 'CLOSE_RECRUITMENT', at: '2022-09-10T08:00:00.000Z', manual: true });
    expect(snapshot.value).toBe('recruitmentClosed');
    expect(snapshot.context.recruitmentClosedBy).toBe('administrator');
    expect(snapshot.context.recruitmentClosedAt).toBe('2022-09-10T08:00:00.000Z');
    for (const participant of group1.slice(0, 9)) {
      snapshot = accept(snapshot, { type: 'RECORD_POSITIONING', at: '2022-09-12T08:00:00.000Z', ref: participant.ref, minutes: 30 });
    }
    refuse(
      snapshot,
      { type: 'CONFIRM_COHORT', at: '2022-09-13T08:00:00.000Z' },
      'cohortSizeReached',
      'The cohort needs at least 10 participants to be confirmed; it has 9.',
    );
    snapshot = accept(snapshot, { type: 'CANCEL', at: '2022-09-13T08:00:00.000Z', reason: 'Fewer than 10 eligible women' });
    expect(snapshot.value).toBe('cancelled');
    expect(snapshot.hasTag('closed')).toBe(true);
    expect(snapshot.context.cancellation).toEqual({
      reason: 'Fewer than 10 eligible women',
      at: '2022-09-13T08:00:00.000Z',
      fromState: 'positioning',
    });
  });

  it('goes straight to the +6-month evaluation when the end evaluation comes after its date', () => {
    let snapshot = accept(confirmed(recruited()), { type: 'START_SESSIONS', at: SESSIONS_START });
    snapshot = deliverPlan(snapshot);
    snapshot = accept(snapshot, { type: 'COMPLETE_SESSIONS', at: '2022-12-09T16:00:00.000Z' });
    snapshot = accept(snapshot, {
      type: 'RECORD_END_EVALUATION',
      at: '2023-06-12T08:00:00.000Z',
      outcomes: endOutcomes(group1.map((p) => p.ref)),
    });
    expect(snapshot.value).toBe('evaluationAtSixMonths');
    expect(snapshot.context.endEvaluation?.recordedAt).toBe('2023-06-12T08:00:00.000Z');
  });

  it('anchors the +6-month date on the start when the input says so (31 Oct + 6 months = 30 Apr)', () => {
    const input = { ...COHORT_001_GROUP_1, sixMonthAnchor: 'start' as const };
    let snapshot = confirmed(recruited(input));
    snapshot = accept(snapshot, { type: 'START_SESSIONS', at: '2022-10-31T09:00:00.000Z' });
    expect(snapshot.context.sixMonthEvaluationDue).toBe('2023-04-30T08:00:00.000Z');
    // Completing does not move a start-anchored date.
    snapshot = deliverPlanFrom(snapshot, '2022-11');
    snapshot = accept(snapshot, { type: 'COMPLETE_SESSIONS', at: '2023-01-10T16:00:00.000Z' });
    expect(snapshot.context.sixMonthEvaluationDue).toBe('2023-04-30T08:00:00.000Z');
  });

  it('keeps group 2 to its own neighbourhoods', () => {
    const group2 = eligibleParticipants(COHORT_001_GROUP_2, 11, 'G2');
    let snapshot = recruited(COHORT_001_GROUP_2, group2);
    expect(new Set(snapshot.context.participants.map((p) => p.neighbourhood))).toEqual(new Set(['Chenôve', 'Longvic', 'Talant']));
    refuse(snapshot, { type: 'ENROLL', at: '2022-09-12T08:00:00.000Z', participant: group1[1] }, 'participantNeighbourhoodEligible');
    snapshot = accept(snapshot, {
      type: 'ENROLL',
      at: '2022-09-12T08:00:00.000Z',
      participant: { ...group1[1], ref: 'G2-X', neighbourhood: 'chenove' },
    });
    expect(snapshot.context.participants).toHaveLength(12);
  });

  it('stores only the pseudonymous profile of a participant, whatever else the event carries', () => {
    const snapshot = accept(accept(start(), { type: 'OPEN_RECRUITMENT', at: OPEN_AT }), {
      type: 'ENROLL',
      at: enrollAt(0),
      participant: { ...group1[0], name: 'Jeanne Martin', phone: '0600000000' } as ParticipantProfile,
    });
    expect(snapshot.context.participants[0]).toEqual({ ...group1[0], enrolledAt: enrollAt(0) });
    expect(Object.keys(snapshot.context.participants[0]).sort()).toEqual([
      'birthYear',
      'enrolledAt',
      'neighbourhood',
      'ref',
      'scheme',
      'sex',
    ]);
  });

  it('can be cancelled with a reason before the sessions start, never after', () => {
    const draft = start();
    refuse(draft, { type: 'CANCEL', at: OPEN_AT, reason: ' ' }, 'hasReason', 'A reason is required.');
    const cancelled = accept(draft, { type: 'CANCEL', at: OPEN_AT, reason: 'Action postponed to 2023' });
    expect(cancelled.context.cancellation?.fromState).toBe('draft');
    expect(cancelled.status).toBe('done');
    const confirmedCohort = confirmed(recruited());
    expect(
      accept(confirmedCohort, { type: 'CANCEL', at: SESSIONS_START, reason: 'Provider withdrew' }).context.cancellation?.fromState,
    ).toBe('confirmed');
    const running = accept(confirmedCohort, { type: 'START_SESSIONS', at: SESSIONS_START });
    refuse(running, { type: 'CANCEL', at: SESSIONS_START, reason: 'Provider withdrew' }, 'notInThisState');
  });

  it('keeps the 001 plan defaults in the examples', () => {
    expect(SESSION_PLAN_001).toEqual({
      weeks: { min: 10, max: 12 },
      individual: { perParticipant: 1, minutes: { min: 30, max: 60 } },
      collective: { count: { min: 3, max: 4 }, minutes: { min: 150, max: 180 } },
      thematic: {
        count: { min: 7, max: 8 },
        minutes: { min: 120, max: 120 },
        themes: ['selfExpressionAndConfidence', 'mobility', 'digitalSkills', 'childcareAndParenting'],
      },
    });
    expect(group1).toHaveLength(11);
    expect(new Set(group1.map((p) => p.ref)).size).toBe(11);
  });

  it('is pure: files under machines/coaching-cohort import only xstate and files inside machines/', () => {
    const folder = __dirname;
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))) {
      const source = readFileSync(join(folder, file), 'utf8');
      const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
      for (const specifier of imports) {
        expect(specifier === 'xstate' || specifier.startsWith('./') || specifier.startsWith('../shared/')).toBe(true);
      }
      expect(source).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random/);
    }
  });
});

/** The plan again, with dates in the given month (for a window that starts later). */
function deliverPlanFrom(snapshot: Snapshot, month: string): Snapshot {
  const refs = snapshot.context.participants.filter((p) => !p.withdrawnAt).map((p) => p.ref);
  let next = snapshot;
  const day = (n: number) => `${month}-${String(n).padStart(2, '0')}`;
  refs.forEach((ref) => {
    next = accept(next, session(day(2), { sessionType: 'individual', minutes: 60, attendees: [ref] }));
  });
  [3, 4, 7].forEach((n) => {
    next = accept(next, session(day(n), { sessionType: 'collective', minutes: 150, attendees: refs }));
  });
  [...THEMES_001, ...THEMES_001.slice(0, 3)].forEach((theme, index) => {
    next = accept(next, session(day(8 + index), { sessionType: 'thematic', theme, minutes: 120, attendees: refs }));
  });
  return next;
}
