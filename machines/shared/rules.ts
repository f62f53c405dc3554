/**
 * A business rule is a named check that either passes (undefined) or says why it refuses (a sentence
 * for the caller). Machines use rules as their named guards; the engine asks the same rule for the
 * reason when a command is refused, so the refusal names the rule that failed.
 */
export type Rule<TContext, TEvent> = (context: TContext, event: TEvent) => string | undefined;

export type RuleSet<TContext, TEvent> = Record<string, Rule<TContext, TEvent>>;

/** Turns rules into XState guard implementations with the same names. */
export function guardsFromRules<TContext, TEvent, TRules extends RuleSet<TContext, never>>(
  rules: TRules,
): { [K in keyof TRules]: (args: { context: TContext; event: TEvent }) => boolean } {
  const guards = {} as { [K in keyof TRules]: (args: { context: TContext; event: TEvent }) => boolean };
  for (const name of Object.keys(rules) as (keyof TRules)[]) {
    guards[name] = ({ context, event }) => rules[name](context, event as never) === undefined;
  }
  return guards;
}
