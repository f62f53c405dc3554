/**
 * The `types` of a machine's `setup`: they exist for the type checker only (XState reads nothing from
 * them at run time), so one empty object stands for all three.
 */
export function machineTypes<TContext, TEvent, TInput>(): { context: TContext; events: TEvent; input: TInput } {
  return {} as { context: TContext; events: TEvent; input: TInput };
}
