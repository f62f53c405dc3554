import { and, assertEvent, assign, setup } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { guardsFromRules } from '../shared/rules';
import { activeParticipants, createCohortRules, describePlanGaps, planGaps } from './coaching-cohort.rules';
import type { CohortContext, CohortEvent, CohortInput, CohortTerms, Outcome, Participant } from './coaching-cohort.types';
import { OUTCOMES, SESSION_TYPES } from './coaching-cohort.types';
import { evaluationStates } from '../shared/evaluation';

export const COHORT_KIND = 'cohort';
export const COHORT_VERSION = 1;

const TERM_FIELDS: (keyof CohortTerms)[] = ['group', 'theme', 'size', 'recruitmentClosesAt', 'eligibility', 'plan', 'sixMonthAnchor'];

function pickTerms(source: Partial<CohortTerms>): CohortTerms {
  const terms: CohortTerms = {};
  for (const field of TERM_FIELDS) {
    if (source[field] !== undefined) (terms as Record<string, unknown>)[field] = source[field];
  }
  return terms;
}

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/** Withdrawal is possible until the sessions end; a participant who leaves keeps her attendance record. */
const WITHDRAW = { guard: 'participantIsActive', actions: 'recordWithdrawal' } as const;

/**
 * The coaching cohort lifecycle (seed 001): draft → recruiting → recruitmentClosed → positioning →
 * confirmed → inSession → evaluationAtEnd → awaitingSixMonths → evaluationAtSixMonths → closed, with
 * the exit cancelled from any state before the sessions start. Every state is tagged with its spine
 * stage. The calendar is injected so that week and month arithmetic in Europe/Paris comes from a real
 * date library while the machine itself stays pure.
 */
export function createCohortMachine(calendar: BusinessCalendar) {
  const cancelFrom = (fromState: string) =>
    ({ guard: 'hasReason', target: 'cancelled', actions: { type: 'recordCancellation', params: { fromState } } }) as const;

  return setup({
    types: {
      context: {} as CohortContext,
      events: {} as CohortEvent,
      input: {} as CohortInput,
    },
    guards: guardsFromRules<CohortContext, CohortEvent, ReturnType<typeof createCohortRules>>(createCohortRules(calendar)),
    actions: {
      applyDraftUpdate: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        return pickTerms({ ...pickTerms(context), ...pickTerms(event) });
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
      recordSessionsStart: assign(({ context, event }) => {
        assertEvent(event, 'START_SESSIONS');
        const start = event.at;
        const weeks = context.plan?.weeks ?? { min: 0, max: 0 };
        return {
          sessionsStartedAt: start,
          // Sessions take place on the start date and up to weeks.max weeks after it (84 days for 12 weeks).
          sessionWindow: {
            firstDate: calendar.businessDate(start),
            lastDate: calendar.businessDate(calendar.addDuration(start, `P${Math.max(weeks.max * 7 - 1, 0)}D`)),
            earliestCompletionAt: calendar.addDuration(start, `P${weeks.min * 7}D`),
          },
          ...(context.sixMonthAnchor === 'start' ? { sixMonthEvaluationDue: calendar.addMonths(start, 6) } : {}),
        };
      }),
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
      recordSessionsCompletion: assign(({ context, event }) => {
        assertEvent(event, 'COMPLETE_SESSIONS');
        // For a cohort the follow-up comes after the course: +6 months from the end unless anchored on the start.
        const anchoredOnEnd = (context.sixMonthAnchor ?? 'end') === 'end';
        return {
          sessionsCompletedAt: event.at,
          ...(anchoredOnEnd ? { sixMonthEvaluationDue: calendar.addMonths(event.at, 6) } : {}),
        };
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
      recordCancellation: assign(({ event }, params: { fromState: string }) => {
        assertEvent(event, 'CANCEL');
        return { cancellation: { reason: event.reason, at: event.at, fromState: params.fromState } };
      }),
    },
  }).createMachine({
    id: COHORT_KIND,
    initial: 'draft',
    context: ({ input }) => ({ ...pickTerms(input ?? {}), participants: [], sessions: [] }),
    states: {
      draft: {
        tags: ['draft'],
        on: {
          UPDATE_DRAFT: { actions: 'applyDraftUpdate' },
          OPEN_RECRUITMENT: { guard: 'draftIsComplete', target: 'recruiting', actions: 'recordRecruitmentOpening' },
          CANCEL: cancelFrom('draft'),
        },
      },
      recruiting: {
        tags: ['published'],
        meta: deadlines({
          deadlines: [{ event: 'CLOSE_RECRUITMENT', dueAt: 'recruitmentClosesAt', label: 'Recruitment closes at its date' }],
        }),
        on: {
          ENROLL: {
            guard: and([
              'recruitmentWindowOpen',
              'participantRefIsNew',
              'participantSexEligible',
              'participantNeighbourhoodEligible',
              'participantAgeEligible',
              'participantFollowedByScheme',
              'cohortHasRoom',
            ]),
            actions: 'recordEnrolment',
          },
          WITHDRAW_PARTICIPANT: WITHDRAW,
          CLOSE_RECRUITMENT: { guard: 'recruitmentMayClose', target: 'recruitmentClosed', actions: 'recordRecruitmentClosure' },
          CANCEL: cancelFrom('recruiting'),
        },
      },
      recruitmentClosed: {
        tags: ['bidsClosed'],
        on: {
          RECORD_POSITIONING: {
            guard: and(['participantIsActive', 'participantNotYetPositioned', 'positioningDurationValid']),
            target: 'positioning',
            actions: 'recordPositioning',
          },
          WITHDRAW_PARTICIPANT: WITHDRAW,
          CANCEL: cancelFrom('recruitmentClosed'),
        },
      },
      positioning: {
        tags: ['audition'],
        on: {
          RECORD_POSITIONING: {
            guard: and(['participantIsActive', 'participantNotYetPositioned', 'positioningDurationValid']),
            actions: 'recordPositioning',
          },
          WITHDRAW_PARTICIPANT: WITHDRAW,
          CONFIRM_COHORT: {
            guard: and(['cohortSizeReached', 'everyParticipantPositioned']),
            target: 'confirmed',
            actions: 'recordConfirmation',
          },
          CANCEL: cancelFrom('positioning'),
        },
      },
      confirmed: {
        tags: ['attributed'],
        on: {
          START_SESSIONS: { target: 'inSession', actions: 'recordSessionsStart' },
          WITHDRAW_PARTICIPANT: WITHDRAW,
          CANCEL: cancelFrom('confirmed'),
        },
      },
      inSession: {
        tags: ['delivering'],
        on: {
          RECORD_SESSION: {
            guard: and([
              'sessionAttendeesEnrolled',
              'individualCoachingIsOneToOne',
              'individualCoachingNotRepeated',
              'sessionThemeKnown',
              'sessionDurationInRange',
              'sessionDateInWindow',
              'sessionHasTakenPlace',
              'sessionCountWithinPlan',
              'themesStillCoverable',
            ]),
            actions: 'recordSession',
          },
          WITHDRAW_PARTICIPANT: WITHDRAW,
          COMPLETE_SESSIONS: {
            guard: and(['sessionPlanMinimumMet', 'courseMinimumLengthReached']),
            target: 'evaluationAtEnd',
            actions: 'recordSessionsCompletion',
          },
        },
      },
      ...evaluationStates({ endEvaluation: 'endOutcomesComplete', sixMonthEvaluation: 'sixMonthOutcomesComplete' }),
      closed: { tags: ['closed'], type: 'final' },
      cancelled: { tags: ['closed'], type: 'final' },
    },
  });
}

export type CohortMachine = ReturnType<typeof createCohortMachine>;

function countOutcomes(outcomes: { outcome: Outcome }[] | undefined): Record<Outcome, number> | undefined {
  if (!outcomes) return undefined;
  const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  for (const entry of outcomes) counts[entry.outcome] += 1;
  return counts;
}

/** The derived part of a cohort's view, for views and the programme indicators (counts about people by sex). */
export function summarizeCohort(context: CohortContext) {
  const active = activeParticipants(context);
  const bySex = { F: 0, M: 0 };
  for (const participant of active) bySex[participant.sex] += 1;
  const sessionsByType = Object.fromEntries(
    SESSION_TYPES.map((type) => [type, context.sessions.filter((session) => session.type === type).length]),
  ) as Record<(typeof SESSION_TYPES)[number], number>;
  const sessionsByTheme: Record<string, number> = {};
  for (const session of context.sessions) {
    if (session.type === 'thematic' && session.theme !== undefined) {
      sessionsByTheme[session.theme] = (sessionsByTheme[session.theme] ?? 0) + 1;
    }
  }
  const gaps = planGaps(context);
  const missing = describePlanGaps(gaps);
  return {
    participants: {
      enrolled: active.length,
      withdrawn: context.participants.length - active.length,
      bySex,
      positioned: active.filter((participant) => participant.positioning !== undefined).length,
    },
    sessions: {
      byType: sessionsByType,
      byTheme: sessionsByTheme,
      attendances: context.sessions.reduce((sum, session) => sum + session.attendees.length, 0),
    },
    plan: { complete: context.plan !== undefined && missing.length === 0, missing, gaps },
    outcomes: {
      atEnd: countOutcomes(context.endEvaluation?.outcomes),
      skillsMapsDone: context.endEvaluation ? context.endEvaluation.outcomes.filter((entry) => entry.skillsMapDone).length : undefined,
      atSixMonths: countOutcomes(context.sixMonthEvaluation?.outcomes),
    },
  };
}
