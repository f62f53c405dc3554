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

  /** `path` is where the value lies (`$`, `$["a"][0]`…), `detail` what is wrong with it. */
  constructor(
    readonly detail: string,
    readonly path = '',
  ) {
    super(`$${path}: ${detail}`);
  }

  /** The same error one level further out: `segment` is the member or index it was found under. */
  under(segment: string): JcsError {
    return new JcsError(this.detail, segment + this.path);
  }
}

/** The RFC 8785 canonical JSON text of `value`. */
export function canonicalize(value: unknown): string {
  return write(value, new Set());
}

/** The canonical text's UTF-8 bytes (RFC 8785 §3.2.4): what gets hashed or signed. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

function hasLoneSurrogate(s: string): boolean {
  return /\p{Cs}/u.test(s); // in u-mode a valid pair reads as one astral code point
}

/** The canonical text of one string (RFC 8785 §3.2.2.2); a lone surrogate is refused. */
export function canonicalString(s: string): string {
  return writeString(s);
}

function writeString(s: string): string {
  const json = JSON.stringify(s);
  // JSON.stringify writes a lone surrogate as an escape \udxxx (ES2019): only then is the string scanned.
  if (json.includes('\\ud') && hasLoneSurrogate(s)) throw new JcsError('a string with a lone surrogate is not I-JSON');
  return json;
}

// The path of a refused value is only built when there is one: each level catches the error of the
// level below and adds its own segment (hashing must stay cheap, it runs for every event).
function write(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return writeString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new JcsError(`${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'undefined':
      throw new JcsError('undefined is not JSON');
    case 'bigint':
      throw new JcsError('a BigInt is not an I-JSON number (convert it to a string or a safe number)');
    case 'function':
    case 'symbol':
      throw new JcsError(`a ${typeof value} is not JSON`);
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const obj = value;
  if (ancestors.has(obj)) throw new JcsError('a cycle is not JSON');
  ancestors.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = '[';
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) out += ',';
      try {
        if (!(i in obj)) throw new JcsError('an array hole is not JSON');
        out += write((obj as unknown[])[i], ancestors);
      } catch (error) {
        throw error instanceof JcsError ? error.under(`[${i}]`) : error;
      }
    }
    out += ']';
  } else {
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const kind = (obj.constructor as { name?: string } | undefined)?.name ?? 'object';
      throw new JcsError(`a ${kind} is not a plain object; convert it to JSON values first`);
    }
    if (Object.getOwnPropertySymbols(obj).length > 0) throw new JcsError('symbol keys are not JSON');
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).sort(); // default sort: UTF-16 code units (RFC 8785 §3.2.3)
    out = '{';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (i > 0) out += ',';
      try {
        out += writeString(key) + ':' + write(record[key], ancestors);
      } catch (error) {
        throw error instanceof JcsError ? error.under(`[${JSON.stringify(key)}]`) : error;
      }
    }
    out += '}';
  }
  ancestors.delete(obj);
  return out;
}
