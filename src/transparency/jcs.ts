/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), for hashing JSON values the same way everywhere.
 *
 * - §3.2.1 no whitespace; §3.2.2.1 literals `null`, `true`, `false`;
 * - §3.2.2.2 strings as ECMAScript JSON.stringify writes them (`\b \t \n \f \r \" \\`, other controls as
 *   `\u00xx` in lowercase hex, everything else as is), which is what RFC 8785 prescribes;
 * - §3.2.2.3 numbers in the ECMAScript Number-to-String form (JSON.stringify's: `1e+21`, `1e-7`, `0.000001`, `-0` → `0`);
 * - §3.2.3 object members sorted by their names as arrays of UTF-16 code units (JavaScript's default sort);
 * - §3.2.4 the result encoded in UTF-8 (`canonicalBytes`).
 *
 * RFC 8785 §3.1 requires I-JSON (RFC 7493) input, so this implementation refuses, with a JcsError naming the
 * path, rather than silently dropping or converting as JSON.stringify does: non-finite numbers (NaN, ±Infinity),
 * `undefined` (in objects and arrays alike, including array holes), functions, symbols, BigInt, strings and keys
 * with lone surrogates (I-JSON §2.1: not Unicode, not encodable in UTF-8), symbol-keyed properties, cycles, and
 * any object that is not a plain object or an array (Date, Map, Buffer, class instances, objects with toJSON):
 * callers convert those explicitly, so the hash never depends on a hidden conversion. Duplicate member names
 * cannot occur in a JavaScript object.
 */

export class JcsError extends Error {
  override readonly name = 'JcsError';
}

/** The RFC 8785 canonical JSON text of `value`. */
export function canonicalize(value: unknown): string {
  const out: string[] = [];
  write(value, '$', new Set(), out);
  return out.join('');
}

/** The canonical text's UTF-8 bytes (RFC 8785 §3.2.4): what gets hashed or signed. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

function hasLoneSurrogate(s: string): boolean {
  return /\p{Cs}/u.test(s); // in u-mode a valid pair reads as one astral code point
}

function writeString(s: string, path: string, out: string[]): void {
  if (hasLoneSurrogate(s)) throw new JcsError(`${path}: a string with a lone surrogate is not I-JSON`);
  out.push(JSON.stringify(s));
}

function write(value: unknown, path: string, ancestors: Set<object>, out: string[]): void {
  switch (typeof value) {
    case 'string':
      return writeString(value, path, out);
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new JcsError(`${path}: ${String(value)} is not a JSON number`);
      out.push(JSON.stringify(value));
      return;
    case 'undefined':
      throw new JcsError(`${path}: undefined is not JSON`);
    case 'bigint':
      throw new JcsError(`${path}: a BigInt is not an I-JSON number (convert it to a string or a safe number)`);
    case 'function':
    case 'symbol':
      throw new JcsError(`${path}: a ${typeof value} is not JSON`);
    case 'object':
      break;
  }
  if (value === null) {
    out.push('null');
    return;
  }
  const obj = value;
  if (ancestors.has(obj)) throw new JcsError(`${path}: a cycle is not JSON`);
  ancestors.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) out.push(',');
      if (!(i in obj)) throw new JcsError(`${path}[${i}]: an array hole is not JSON`);
      write((obj as unknown[])[i], `${path}[${i}]`, ancestors, out);
    }
    out.push(']');
  } else {
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const kind = (obj.constructor as { name?: string } | undefined)?.name ?? 'object';
      throw new JcsError(`${path}: a ${kind} is not a plain object; convert it to JSON values first`);
    }
    if (Object.getOwnPropertySymbols(obj).length > 0) throw new JcsError(`${path}: symbol keys are not JSON`);
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).sort(); // default sort: UTF-16 code units (RFC 8785 §3.2.3)
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      const childPath = `${path}[${JSON.stringify(key)}]`;
      writeString(key, childPath, out);
      out.push(':');
      write(record[key], childPath, ancestors, out);
    });
    out.push('}');
  }
  ancestors.delete(obj);
}
