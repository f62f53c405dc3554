/**
 * Names every plain object answers to through its prototype (`constructor`, `toString`,
 * `hasOwnProperty`, `__proto__`…), and `prototype`: as keys of a map they shadow what code expects of
 * an object (`documents.toString` would read as a document).
 */
export const INHERITED_NAMES: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

const INHERITED: ReadonlySet<string> = new Set(INHERITED_NAMES);

export function isInheritedName(key: string): boolean {
  return INHERITED.has(key);
}
