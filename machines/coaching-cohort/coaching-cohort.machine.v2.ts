import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { effect } from '../shared/effects';
import { DEFAULT_SIX_MONTH_ANCHOR, evaluationStates, sixMonthEvaluationDue } from '../shared/evaluation';
import {
  cohortCancelledParams,
  cohortConfirmedParams,
  cohortSixMonthEvaluationFallsDueParams,
  sessionsCompletedParams,
  type CohortCancelledParams,
  type CohortConfirmedParams,
  type CohortSixMonthEvaluationFallsDueParams,
  type SessionsCompletedParams,
} from './coaching-cohort.effects';
import { COHORT_KIND } from './coaching-cohort.machine';
import { createCohortSetup, ENROLMENT_GUARDS, initialCohortContext, SESSION_GUARDS, sessionWindowOf } from './coaching-cohort.setup';
import type { CohortContext } from './coaching-cohort.types';

export const COHORT_VERSION_2 = 2;

/** The states of `open`, in lifecycle order: a cohort can be cancelled from any of them. */
export const COHORT_OPEN_STATES = ['draft', 'recruiting', 'recruitmentClosed', 'positioning', 'confirmed'] as const;

export type CohortOpenState = (typeof COHORT_OPEN_STATES)[number];

/**
 * Which state of `open` a cohort is in, read from its context (see openStateOf in
 * tender.machine.v2.ts for why: actions see the context, not the state value). Each step leaves a
 * trace that stays: recruitmentOpenedAt, recruitmentClosedAt, a positioning interview (kept with a
 * participant who withdraws later), confirmedAt. The path tests check it against the machine's own
 * state in every reachable snapshot.
 */
export function cohortOpenStateOf(context: CohortContext): CohortOpenState {
  if (context.confirmedAt !== undefined) return 'confirmed';
  if (context.participants.some((participant) => participant.positioning !== undefined)) return 'positioning';
  if (context.recruitmentClosedAt !== undefined) return 'recruitmentClosed';
  if (context.recruitmentOpenedAt !== undefined) return 'recruiting';
  return 'draft';
}

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/** Withdrawal is possible until the sessions end; a participant who leaves keeps her attendance record. */
const WITHDRAW = { guard: 'participantIsActive', actions: 'recordWithdrawal' } as const;

/** cohort@2's own actions (beside those every version shares) and its declared effects. */
function createCohortSetupV2(calendar: BusinessCalendar) {
  return createCohortSetup(calendar).extend({
    actions: {
      /** The record names the state as the service shows it: `open.recruiting`. */
      recordCancellation: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL');
        return { cancellation: { reason: event.reason, at: event.at, fromState: `open.${cohortOpenStateOf(context)}` } };
      }),
      recordSessionsStart: assign(({ context, event }) => {
        assertEvent(event, 'START_SESSIONS');
        return { sessionsStartedAt: event.at, sessionWindow: sessionWindowOf(calendar, context, event.at) };
      }),
      recordSessionsCompletion: assign(({ event }) => {
        assertEvent(event, 'COMPLETE_SESSIONS');
        return { sessionsCompletedAt: event.at };
      }),
      /** The one +6-month rule: from the start of the sessions by default, or their end. */
      scheduleSixMonthEvaluation: assign(({ context }) => {
        const due = sixMonthEvaluationDue(calendar, context.sixMonthAnchor ?? DEFAULT_SIX_MONTH_ANCHOR, {
          start: context.sessionsStartedAt,
          end: context.sessionsCompletedAt,
        });
        return due === undefined ? {} : { sixMonthEvaluationDue: due };
      }),
      cohortConfirmed: effect<CohortConfirmedParams>(),
      sessionsCompleted: effect<SessionsCompletedParams>(),
      cohortCancelled: effect<CohortCancelledParams>(),
      sixMonthEvaluationFallsDue: effect<CohortSixMonthEvaluationFallsDueParams>(),
    },
  });
}

/**
 * cohort@2: the lifecycle of cohort@1 (seed 001) with the states before the sessions grouped under
 * `open`, which carries CANCEL once: open.draft → open.recruiting → open.recruitmentClosed →
 * open.positioning → open.confirmed → inSession → evaluationAtEnd → awaitingSixMonths →
 * evaluationAtSixMonths → closed, with the exit cancelled. It declares its side effects
 * (coaching-cohort.effects.ts) and counts the +6-month evaluation from the instance's anchor, the
 * start of the sessions by default (cohort@1: their end).
 */
export function createCohortMachineV2(calendar: BusinessCalendar) {
  return createCohortSetupV2(calendar).createMachine({
    id: COHORT_KIND,
    initial: 'open',
    context: ({ input }) => initialCohortContext(input),
    states: {
      open: {
        initial: 'draft',
        on: {
          CANCEL: {
            guard: 'hasReason',
            target: 'cancelled',
            actions: ['recordCancellation', { type: 'cohortCancelled', params: cohortCancelledParams }],
          },
        },
        states: {
          draft: {
            tags: ['draft'],
            on: {
              UPDATE_DRAFT: { actions: 'applyDraftUpdate' },
              OPEN_RECRUITMENT: { guard: 'draftIsComplete', target: 'recruiting', actions: 'recordRecruitmentOpening' },
            },
          },
          recruiting: {
            tags: ['published'],
            meta: deadlines({
              deadlines: [{ event: 'CLOSE_RECRUITMENT', dueAt: 'recruitmentClosesAt', label: 'Recruitment closes at its date' }],
            }),
            on: {
              ENROLL: { guard: and([...ENROLMENT_GUARDS]), actions: 'recordEnrolment' },
              WITHDRAW_PARTICIPANT: WITHDRAW,
              CLOSE_RECRUITMENT: { guard: 'recruitmentMayClose', target: 'recruitmentClosed', actions: 'recordRecruitmentClosure' },
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
                actions: ['recordConfirmation', { type: 'cohortConfirmed', params: cohortConfirmedParams }],
              },
            },
          },
          confirmed: {
            tags: ['attributed'],
            on: {
              START_SESSIONS: { target: '#cohort.inSession', actions: ['recordSessionsStart', 'scheduleSixMonthEvaluation'] },
              WITHDRAW_PARTICIPANT: WITHDRAW,
            },
          },
        },
      },
      inSession: {
        tags: ['delivering'],
        on: {
          RECORD_SESSION: { guard: and([...SESSION_GUARDS]), actions: 'recordSession' },
          WITHDRAW_PARTICIPANT: WITHDRAW,
          COMPLETE_SESSIONS: {
            guard: and(['sessionPlanMinimumMet', 'courseMinimumLengthReached']),
            target: 'evaluationAtEnd',
            actions: [
              'recordSessionsCompletion',
              'scheduleSixMonthEvaluation',
              { type: 'sessionsCompleted', params: sessionsCompletedParams },
            ],
          },
        },
      },
      ...evaluationStates(
        { endEvaluation: 'endOutcomesComplete', sixMonthEvaluation: 'sixMonthOutcomesComplete' },
        { onSixMonthEvaluationDue: { type: 'sixMonthEvaluationFallsDue', params: cohortSixMonthEvaluationFallsDueParams } as const },
      ),
      closed: { tags: ['closed'], type: 'final' },
      cancelled: { tags: ['closed'], type: 'final' },
    },
  });
}

export type CohortMachineV2 = ReturnType<typeof createCohortMachineV2>;
