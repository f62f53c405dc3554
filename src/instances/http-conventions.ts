import { DomainError, ErrorCode } from '../common/errors/domain-error';

/** What a header can hold once Node has read it. */
type HeaderValue = string | string[] | undefined;

/** A record's ETag: its version, quoted (a strong validator: every event makes a new version). */
export function versionTag(version: number): string {
  return `"${version}"`;
}

function single(name: string, value: HeaderValue): string | undefined {
  if (Array.isArray(value)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${name} may be given once.`, { field: name });
  }
  return value;
}

const PRINTABLE_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * The Idempotency-Key header: a Structured Fields string (`"…"`, as the IETF draft writes it) or,
 * as most clients send it, the bare value. Either way 1 to 255 printable ASCII characters.
 */
export function idempotencyKeyOf(value: HeaderValue): string | undefined {
  const raw = single('Idempotency-Key', value);
  if (raw === undefined) return undefined;
  let key = raw;
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    const inner = raw.slice(1, -1);
    // An sf-string escapes only `"` and `\`; anything else after a backslash is malformed.
    if (!/^(?:[^"\\]|\\["\\])*$/.test(inner)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key is not a well-formed quoted string.', {
        field: 'Idempotency-Key',
      });
    }
    key = inner.replace(/\\(["\\])/g, '$1');
  }
  if (!PRINTABLE_KEY.test(key)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key must be 1 to 255 printable ASCII characters.', {
      field: 'Idempotency-Key',
    });
  }
  return key;
}

/** If-Match as the events route reads it: any version (`*`), or the version one entity tag names. */
export type IfMatch = { any: true } | { any: false; version: number };

const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e]*)"$/;

/**
 * If-Match: `*`, or one entity tag. A weak tag, or one that is not a version of ours, can match no
 * version (RFC 9110 compares If-Match strongly): version 0, which no record has.
 */
export function ifMatchOf(value: HeaderValue): IfMatch | undefined {
  const raw = single('If-Match', value)?.trim();
  if (raw === undefined) return undefined;
  if (raw === '*') return { any: true };
  const tag = ENTITY_TAG.exec(raw);
  if (!tag) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'If-Match must be * or one entity tag such as "3" (the ETag of the record).', {
      field: 'If-Match',
    });
  }
  const version = tag[1] === undefined && /^[1-9]\d{0,14}$/.test(tag[2]) ? Number(tag[2]) : 0;
  return { any: false, version };
}

/** Whether If-None-Match names the record's version (`*`, or a list of tags compared weakly, RFC 9110): then 304. */
export function isNotModified(value: HeaderValue, version: number): boolean {
  const raw = Array.isArray(value) ? value.join(',') : value;
  if (raw === undefined) return false;
  if (raw.trim() === '*') return true;
  return raw
    .split(',')
    .map((tag) => ENTITY_TAG.exec(tag.trim()))
    .some((tag) => tag !== null && tag[2] === String(version));
}
