import { assertEvent } from 'xstate';
import { DEFAULT_SIX_MONTH_ANCHOR, sixMonthAnchorDate, type SixMonthEvaluationFallsDueParams } from '../shared/evaluation';
import { activeParticipants } from './coaching-cohort.rules';
import type { CohortContext, CohortEvent, SessionType } from './coaching-cohort.types';
import { SESSION_TYPES } from './coaching-cohort.types';

/**
 * The side effects cohort@2 declares (machines/shared/effects.ts): each is a named action whose params
 * are computed here from the context (after the step's assigns) and the event. Participants are
 * personal data: params name them by their pseudonymous reference only, never by more. The instance id
 * is the outbox's, not the machine's.
 */
export const COHORT_EFFECTS = ['cohortConfirmed', 'sessionsCompleted', 'cohortCancelled', 'sixMonthEvaluationFallsDue'] as const;

export type CohortEffectType = (typeof COHORT_EFFECTS)[number];

/** Which cohort: its group and theme, as far as the draft names them. */
export interface CohortReference {
  group?: string;
  theme?: string;
}

/** CONFIRM_COHORT (001 §IV): the group is formed; the course can be planned with the provider. */
export interface CohortConfirmedParams extends CohortReference {
  confirmedAt: string;
  /** The references of the participants still enrolled. */
  participants: string[];
  /** 001 §IV: 10 to 12 weeks; sessions start with START_SESSIONS. */
  weeks?: { min: number; max: number };
}

/** COMPLETE_SESSIONS: the course is over; the end evaluation (skills map, outcomes) is awaited. */
export interface SessionsCompletedParams extends CohortReference {
  sessionsStartedAt: string;
  completedAt: string;
  sessions: Record<SessionType, number>;
  attendances: number;
  participants: string[];
  /** Known now with either anchor. */
  sixMonthEvaluationDue: string;
}

/** CANCEL before the sessions start: the participants enrolled, if any, are to be told. */
export interface CohortCancelledParams extends CohortReference {
  reason: string;
  at: string;
  /** The state it was cancelled from, e.g. `open.recruiting`. */
  fromState: string;
  participants: string[];
}

/** The +6-month outcomes are due for every participant evaluated at the end. */
export interface CohortSixMonthEvaluationFallsDueParams extends SixMonthEvaluationFallsDueParams {
  participants: string[];
}

export type CohortEffect =
  | { type: 'cohortConfirmed'; params: CohortConfirmedParams }
  | { type: 'sessionsCompleted'; params: SessionsCompletedParams }
  | { type: 'cohortCancelled'; params: CohortCancelledParams }
  | { type: 'sixMonthEvaluationFallsDue'; params: CohortSixMonthEvaluationFallsDueParams };

type Args<T extends CohortEvent['type'] = CohortEvent['type']> = { context: CohortContext; event: Extract<CohortEvent, { type: T }> };

function reference(context: CohortContext): CohortReference {
  return {
    ...(context.group !== undefined ? { group: context.group } : {}),
    ...(context.theme !== undefined ? { theme: context.theme } : {}),
  };
}

function enrolled(context: CohortContext): string[] {
  return activeParticipants(context).map((participant) => participant.ref);
}

export function cohortConfirmedParams({ context, event }: Args<'CONFIRM_COHORT'>): CohortConfirmedParams {
  assertEvent(event, 'CONFIRM_COHORT');
  return {
    ...reference(context),
    confirmedAt: context.confirmedAt as string,
    participants: enrolled(context),
    ...(context.plan ? { weeks: { min: context.plan.weeks.min, max: context.plan.weeks.max } } : {}),
  };
}

export function sessionsCompletedParams({ context, event }: Args<'COMPLETE_SESSIONS'>): SessionsCompletedParams {
  assertEvent(event, 'COMPLETE_SESSIONS');
  const sessions = Object.fromEntries(
    SESSION_TYPES.map((type) => [type, context.sessions.filter((session) => session.type === type).length]),
  ) as Record<SessionType, number>;
  return {
    ...reference(context),
    sessionsStartedAt: context.sessionsStartedAt as string,
    completedAt: context.sessionsCompletedAt as string,
    sessions,
    attendances: context.sessions.reduce((sum, session) => sum + session.attendees.length, 0),
    participants: enrolled(context),
    sixMonthEvaluationDue: context.sixMonthEvaluationDue as string,
  };
}

export function cohortCancelledParams({ context, event }: Args<'CANCEL'>): CohortCancelledParams {
  assertEvent(event, 'CANCEL');
  const cancellation = context.cancellation as NonNullable<CohortContext['cancellation']>;
  return { ...reference(context), ...cancellation, participants: enrolled(context) };
}

export function cohortSixMonthEvaluationFallsDueParams({ context }: Args): CohortSixMonthEvaluationFallsDueParams {
  const anchor = context.sixMonthAnchor ?? DEFAULT_SIX_MONTH_ANCHOR;
  return {
    subject: context.group ?? '',
    dueAt: context.sixMonthEvaluationDue as string,
    anchor,
    countedFrom: sixMonthAnchorDate(anchor, { start: context.sessionsStartedAt, end: context.sessionsCompletedAt }) as string,
    participants: (context.endEvaluation?.outcomes ?? []).map((entry) => entry.ref),
  };
}
