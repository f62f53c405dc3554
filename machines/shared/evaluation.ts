import { and } from 'xstate';
import type { BusinessCalendar } from './calendar';
import type { DeadlineDeclaration } from './deadlines';
import { isAtOrAfter, type TimedEvent } from './envelope';
import type { Rule } from './rules';

/**
 * Every lifecycle ends with two evaluations: at the end, and six months later (000 §5: a
 * questionnaire sent six months after the support). These pieces are shared by the machines.
 */
export interface SixMonthEvaluationContext {
  sixMonthEvaluationDue?: string;
}

/**
 * What the +6-month evaluation counts from (DESIGN, 000 §5: "a questionnaire sent 6 months after the
 * START of the support; the anchor date is a property of the instance, start by default"). Each kind
 * says what its start and its end are (docs/lifecycles/<kind>.md).
 */
export type SixMonthAnchor = 'start' | 'end';

/** The anchor of every instance that names none (machines from version 2 on). */
export const DEFAULT_SIX_MONTH_ANCHOR: SixMonthAnchor = 'start';

/** The date the six months count from under `anchor`, if it is known yet. */
export function sixMonthAnchorDate(anchor: SixMonthAnchor | undefined, dates: { start?: string; end?: string }): string | undefined {
  return (anchor ?? DEFAULT_SIX_MONTH_ANCHOR) === 'start' ? dates.start : dates.end;
}

/**
 * The one +6-month rule of every kind (from version 2 on): six calendar months after the anchor's date,
 * in Europe/Paris, keeping the wall-clock time (31 August + 6 months is the end of February). Undefined
 * while the anchor's date is not known: a machine asks when its start becomes known and again at its
 * end (a start anchor gives the same date both times), and records the date once it is defined.
 */
export function sixMonthEvaluationDue(
  calendar: BusinessCalendar,
  anchor: SixMonthAnchor | undefined,
  dates: { start?: string; end?: string },
): string | undefined {
  const from = sixMonthAnchorDate(anchor, dates);
  return from === undefined ? undefined : calendar.addMonths(from, 6);
}

/**
 * The params every kind gives its `sixMonthEvaluationFallsDue` effect (each adds who is to answer):
 * declared when the +6-month evaluation becomes due, by its deadline or straight after a late end
 * evaluation.
 */
export interface SixMonthEvaluationFallsDueParams {
  /** What is evaluated: a tender's or a convention's title, a cohort's group. */
  subject: string;
  dueAt: string;
  anchor: SixMonthAnchor;
  /** The start or the end the six months count from. */
  countedFrom: string;
}

/** The +6-month evaluation falls due only on its date: an early poke is refused. */
export const sixMonthDateReached: Rule<SixMonthEvaluationContext, TimedEvent> = (context, event) =>
  context.sixMonthEvaluationDue && isAtOrAfter(event.at, context.sixMonthEvaluationDue)
    ? undefined
    : `The +6-month evaluation is due on ${context.sixMonthEvaluationDue ?? 'a date not yet known'}.`;

/** The deadline of the `awaitingSixMonths` state. */
export const SIX_MONTH_EVALUATION_DEADLINE: DeadlineDeclaration = {
  event: 'SIX_MONTH_EVALUATION_DUE',
  dueAt: 'sixMonthEvaluationDue',
  label: 'The +6-month evaluation falls due',
};

/**
 * The three states every lifecycle ends with, named the same everywhere: `evaluationAtEnd` waits for
 * the end evaluation (guarded by the kind's own completeness rule); `awaitingSixMonths` holds the
 * +6-month deadline; `evaluationAtSixMonths` waits for that evaluation, then `closed`. The machine's
 * setup implements the named guards and the `recordEndEvaluation` / `recordSixMonthEvaluation` actions.
 * From version 2 on, a machine passes the action that declares the `sixMonthEvaluationFallsDue` effect:
 * it is the entry action of `evaluationAtSixMonths`, whichever way the evaluation became due.
 */
export function evaluationStates<TGuard extends string, TEntry extends object = never>(
  guards: { endEvaluation: TGuard; sixMonthEvaluation: TGuard },
  effects: { onSixMonthEvaluationDue?: TEntry } = {},
) {
  // Version 1 machines pass no effect: their states are exactly as they were (no entry action at all).
  const entry = effects.onSixMonthEvaluationDue === undefined ? {} : { entry: effects.onSixMonthEvaluationDue };
  return {
    evaluationAtEnd: {
      tags: ['evaluatedAtEnd'],
      on: {
        RECORD_END_EVALUATION: [
          {
            guard: and([guards.endEvaluation, 'sixMonthDateReached'] as never),
            target: 'evaluationAtSixMonths',
            actions: 'recordEndEvaluation',
          },
          { guard: guards.endEvaluation, target: 'awaitingSixMonths', actions: 'recordEndEvaluation' },
        ],
      },
    },
    awaitingSixMonths: {
      tags: ['evaluatedAtEnd'],
      meta: { deadlines: [SIX_MONTH_EVALUATION_DEADLINE] },
      on: {
        SIX_MONTH_EVALUATION_DUE: { guard: 'sixMonthDateReached', target: 'evaluationAtSixMonths' },
      },
    },
    evaluationAtSixMonths: {
      tags: ['evaluatedAtSixMonths'],
      ...entry,
      on: {
        RECORD_SIX_MONTH_EVALUATION: { guard: guards.sixMonthEvaluation, target: 'closed', actions: 'recordSixMonthEvaluation' },
      },
    },
  } as const;
}
