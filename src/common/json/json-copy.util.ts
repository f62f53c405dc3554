/**
 * `JSON.parse(JSON.stringify(value))` without the text in between: the plain data JSON would keep
 * (own enumerable fields, `undefined` and functions left out of objects and turned to null in arrays,
 * non-finite numbers to null, -0 to 0, `toJSON` honoured). It runs on every command's payload.
 */
export function jsonCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value)) as unknown;
  if (Array.isArray(value)) return value.map((item) => jsonCopy(item) ?? null);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = jsonCopy((value as Record<string, unknown>)[key]);
    if (field === undefined) continue;
    // An own "__proto__" key, as JSON.parse makes it: assigning it would set the copy's prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
    else copy[key] = field;
  }
  return copy;
}
