import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { evaluationStates } from '../shared/evaluation';
import { activeParticipants, describePlanGaps, planGaps } from './coaching-cohort.rules';
import { createCohortSetup, ENROLMENT_GUARDS, initialCohortContext, SESSION_GUARDS, sessionWindowOf } from './coaching-cohort.setup';
import type { CohortContext, Outcome } from './coaching-cohort.types';
import { OUTCOMES, SESSION_TYPES } from './coaching-cohort.types';

export const COHORT_KIND = 'cohort';
export const COHORT_VERSION = 1;

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/** Withdrawal is possible until the sessions end; a participant who leaves keeps her attendance record. */
const WITHDRAW = { guard: 'participantIsActive', actions: 'recordWithdrawal' } as const;

/** cohort@1's own actions, beside those every version shares. */
function createCohortSetupV1(calendar: BusinessCalendar) {
  return createCohortSetup(calendar).extend({
    actions: {
      recordSessionsStart: assign(({ context, event }) => {
        assertEvent(event, 'START_SESSIONS');
        const start = event.at;
        return {
          sessionsStartedAt: start,
          sessionWindow: sessionWindowOf(calendar, context, start),
          ...(context.sixMonthAnchor === 'start' ? { sixMonthEvaluationDue: calendar.addMonths(start, 6) } : {}),
        };
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
      recordCancellation: assign(({ event }, params: { fromState: string }) => {
        assertEvent(event, 'CANCEL');
        return { cancellation: { reason: event.reason, at: event.at, fromState: params.fromState } };
      }),
    },
  });
}

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

  return createCohortSetupV1(calendar).createMachine({
    id: COHORT_KIND,
    initial: 'draft',
    context: ({ input }) => initialCohortContext(input),
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
            guard: and([...ENROLMENT_GUARDS]),
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
            guard: and([...SESSION_GUARDS]),
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
