/**
 * Effects are data (DESIGN rule 8). A machine declares a side effect (inform a bidder, a report falls
 * due) as a named action that is not an `assign`. XState resolves its `params` from the context (after
 * the `assign` actions that precede it in the same step) and the event, and hands `{ type, params }` to
 * the actor scope's `actionExecutor`: the engine's fold collects it there as data and never executes it;
 * the outbox delivers it after the commit. So params are JSON values, complete enough to write the
 * notification without reading the record: ids, names, instants, amounts in cents.
 *
 * Every declared effect has this one implementation, which does nothing: a machine run by an actor (a
 * test, a tool) has no side effect either.
 */
export const declaredEffect = (): void => undefined;

/** `declaredEffect` typed with the params of one effect, so that the machine's config checks them. */
export function effect<TParams extends object>(): (args: unknown, params: TParams) => void {
  return declaredEffect;
}

/** How an effect's params are computed: a pure function of the context (after the step's assigns) and the event. */
export type EffectParams<TContext, TEvent, TParams> = (args: { context: TContext; event: TEvent }) => TParams;
