import { and } from 'xstate';
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
 */
export function evaluationStates<TGuard extends string>(guards: { endEvaluation: TGuard; sixMonthEvaluation: TGuard }) {
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
      on: {
        RECORD_SIX_MONTH_EVALUATION: { guard: guards.sixMonthEvaluation, target: 'closed', actions: 'recordSixMonthEvaluation' },
      },
    },
  } as const;
}
