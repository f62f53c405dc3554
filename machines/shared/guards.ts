/**
 * A guard as XState keeps it on a transition definition: a named guard (`'hasReason'`), a guard object
 * (`{ type: 'hasReason' }`), or a higher-order guard such as `and([...])`, a function that carries the
 * guards it combines. The diagram labels transitions with it; a refusal walks it to find the named
 * rule that failed.
 */
export type GuardLike = string | { type: string } | (((...args: unknown[]) => unknown) & { guards?: GuardLike[] });
