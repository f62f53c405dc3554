import { assertEvent, assign, setup } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import { machineTypes } from '../shared/machine-types';
import { guardsFromRules } from '../shared/rules';
import { pickTerms } from '../shared/terms';
import { createCohortRules } from './coaching-cohort.rules';
import type { CohortContext, CohortEvent, CohortInput, CohortTerms, Participant, SessionWindow } from './coaching-cohort.types';

/** The terms of a cohort: what its input and UPDATE_DRAFT may set (and nothing else). */
export const COHORT_TERM_FIELDS: readonly (keyof CohortTerms)[] = [
  'group',
  'theme',
  'size',
  'recruitmentClosesAt',
  'eligibility',
  'plan',
  'sixMonthAnchor',
];

/** The context a cohort starts with: the terms of its input, nobody enrolled. */
export function initialCohortContext(input: CohortInput | undefined): CohortContext {
  return { ...pickTerms(input, COHORT_TERM_FIELDS), participants: [], sessions: [] };
}

/**
 * The course window, from the plan's weeks: sessions take place on the start date and up to weeks.max
 * weeks after it (84 days for 12 weeks); they complete no earlier than weeks.min weeks after it.
 */
export function sessionWindowOf(calendar: BusinessCalendar, context: CohortContext, start: string): SessionWindow {
  const weeks = context.plan?.weeks ?? { min: 0, max: 0 };
  return {
    firstDate: calendar.businessDate(start),
    lastDate: calendar.businessDate(calendar.addDuration(start, `P${Math.max(weeks.max * 7 - 1, 0)}D`)),
    earliestCompletionAt: calendar.addDuration(start, `P${weeks.min * 7}D`),
  };
}

/**
 * What every version of the cohort machine shares: its types, its guards (the rules of
 * coaching-cohort.rules.ts) and the actions whose behaviour is the same in every version. cohort@1 is
 * released and frozen: a change here changes cohort@1 too, so an action that must behave differently
 * in a new version is added by that version (`.extend`), and this file is left alone.
 */
export function createCohortSetup(calendar: BusinessCalendar) {
  return setup({
    types: machineTypes<CohortContext, CohortEvent, CohortInput>(),
    guards: guardsFromRules<CohortContext, CohortEvent, ReturnType<typeof createCohortRules>>(createCohortRules(calendar)),
    actions: {
      applyDraftUpdate: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        return pickTerms<CohortTerms>(
          { ...pickTerms<CohortTerms>(context, COHORT_TERM_FIELDS), ...pickTerms<CohortTerms>(event, COHORT_TERM_FIELDS) },
          COHORT_TERM_FIELDS,
        );
      }),
      recordRecruitmentOpening: assign(({ event }) => ({ recruitmentOpenedAt: event.at })),
      recordEnrolment: assign(({ context, event }) => {
        assertEvent(event, 'ENROLL');
        // Only the attributes the rules and the indicators need: never a name or contact details.
        const { ref, sex, birthYear, neighbourhood, scheme } = event.participant;
        const participant: Participant = {
          ref,
          sex,
          birthYear,
          neighbourhood,
          ...(scheme !== undefined ? { scheme } : {}),
          enrolledAt: event.at,
        };
        return { participants: [...context.participants, participant] };
      }),
      recordWithdrawal: assign(({ context, event }) => {
        assertEvent(event, 'WITHDRAW_PARTICIPANT');
        return {
          participants: context.participants.map((participant) =>
            participant.ref === event.ref && participant.withdrawnAt === undefined
              ? { ...participant, withdrawnAt: event.at }
              : participant,
          ),
        };
      }),
      recordRecruitmentClosure: assign(({ event }) => {
        assertEvent(event, 'CLOSE_RECRUITMENT');
        return {
          recruitmentClosedAt: event.at,
          recruitmentClosedBy: event.manual === true ? ('administrator' as const) : ('deadline' as const),
        };
      }),
      recordPositioning: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_POSITIONING');
        return {
          participants: context.participants.map((participant) =>
            participant.ref === event.ref && participant.withdrawnAt === undefined
              ? { ...participant, positioning: { minutes: event.minutes, recordedAt: event.at } }
              : participant,
          ),
        };
      }),
      recordConfirmation: assign(({ event }) => ({ confirmedAt: event.at })),
      recordSession: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_SESSION');
        const session = {
          id: `S${context.sessions.length + 1}`,
          type: event.sessionType,
          ...(event.theme !== undefined ? { theme: event.theme } : {}),
          date: event.date,
          minutes: event.minutes,
          attendees: [...event.attendees],
          recordedAt: event.at,
        };
        return { sessions: [...context.sessions, session] };
      }),
      recordEndEvaluation: assign(({ event }) => {
        assertEvent(event, 'RECORD_END_EVALUATION');
        return {
          endEvaluation: {
            outcomes: event.outcomes.map(({ ref, outcome, skillsMapDone }) => ({ ref, outcome, skillsMapDone })),
            recordedAt: event.at,
          },
        };
      }),
      recordSixMonthEvaluation: assign(({ event }) => {
        assertEvent(event, 'RECORD_SIX_MONTH_EVALUATION');
        return {
          sixMonthEvaluation: { outcomes: event.outcomes.map(({ ref, outcome }) => ({ ref, outcome })), recordedAt: event.at },
        };
      }),
    },
  });
}

/** The rules an enrolment passes, in this order (001 §III, §IV, §V): the first that fails is the refusal. */
export const ENROLMENT_GUARDS = [
  'recruitmentWindowOpen',
  'participantRefIsNew',
  'participantSexEligible',
  'participantNeighbourhoodEligible',
  'participantAgeEligible',
  'participantFollowedByScheme',
  'cohortHasRoom',
] as const;

/** The rules a recorded session passes, in this order (001 §IV). */
export const SESSION_GUARDS = [
  'sessionAttendeesEnrolled',
  'individualCoachingIsOneToOne',
  'individualCoachingNotRepeated',
  'sessionThemeKnown',
  'sessionDurationInRange',
  'sessionDateInWindow',
  'sessionHasTakenPlace',
  'sessionCountWithinPlan',
  'themesStillCoverable',
] as const;
