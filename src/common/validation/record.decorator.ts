import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Names every plain object answers to through its prototype (`constructor`, `toString`,
 * `hasOwnProperty`, `__proto__`…), and `prototype`: as keys of a map they shadow what code expects of
 * an object (`documents.toString` would read as a document; class-transformer fails on `constructor`).
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function isInheritedName(key: string): boolean {
  return INHERITED_NAMES.has(key);
}

/**
 * A plain object used as a map (`{ presentation: "offer.pdf" }`): every value of one primitive type,
 * a bounded number of keys, and no prototype-polluting key.
 */
export function IsRecordOf(valueType: 'string' | 'number', limits: { maxKeys: number; maxLength?: number }, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isRecordOf',
      validator: {
        validate(value: unknown) {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          if (entries.length > limits.maxKeys) return false;
          return entries.every(([key, entry]) => {
            if (isInheritedName(key) || key.length === 0 || key.length > 100) return false;
            if (valueType === 'number') return typeof entry === 'number' && Number.isFinite(entry);
            return typeof entry === 'string' && entry.length <= (limits.maxLength ?? 1000);
          });
        },
        defaultMessage: () =>
          `$property must map names to ${valueType}s (at most ${limits.maxKeys} entries, no key that every object already has, such as constructor or toString)`,
      },
    },
    options,
  );
}
