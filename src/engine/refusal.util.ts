import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';
import type { GuardLike } from '../../machines/shared/guards';
import type { Rule } from '../../machines/shared/rules';

export interface RuleRefusal {
  rule: string;
  reason: string;
}

/**
 * Why no transition took an event the state handles: the first failing named rule of the first
 * candidate transition (XState `and([...])` guards are followed in order).
 */
export function explainRefusal(
  snapshot: AnyMachineSnapshot,
  event: { type: string },
  rules: Record<string, Rule<unknown, unknown>>,
): RuleRefusal | undefined {
  const candidates = getNextTransitions(snapshot).filter((transition) => transition.eventType === event.type);
  for (const candidate of candidates) {
    const refusal = firstFailing(candidate.guard as GuardLike | undefined, snapshot.context, event, rules);
    if (refusal) return refusal;
  }
  return undefined;
}

function firstFailing(
  guard: GuardLike | undefined,
  context: unknown,
  event: unknown,
  rules: Record<string, Rule<unknown, unknown>>,
): RuleRefusal | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'function') {
    if (guard.name === 'and' && Array.isArray(guard.guards)) {
      for (const child of guard.guards) {
        const refusal = firstFailing(child, context, event, rules);
        if (refusal) return refusal;
      }
    }
    return undefined;
  }
  const name = typeof guard === 'string' ? guard : guard.type;
  const reason = rules[name]?.(context, event);
  return reason === undefined ? undefined : { rule: name, reason };
}
