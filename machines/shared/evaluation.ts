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
