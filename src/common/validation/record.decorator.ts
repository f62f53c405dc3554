import { ValidateBy, ValidationOptions } from 'class-validator';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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
            if (FORBIDDEN_KEYS.has(key) || key.length === 0 || key.length > 100) return false;
            if (valueType === 'number') return typeof entry === 'number' && Number.isFinite(entry);
            return typeof entry === 'string' && entry.length <= (limits.maxLength ?? 1000);
          });
        },
        defaultMessage: () => `$property must map names to ${valueType}s (at most ${limits.maxKeys} entries, no reserved keys)`,
      },
    },
    options,
  );
}
