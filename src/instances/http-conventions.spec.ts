import { DomainError } from '../common/errors/domain-error';
import { idempotencyKeyOf, ifMatchOf, isNotModified, versionTag } from './http-conventions';

function refusal(read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
}

describe('HTTP conventions', () => {
  it('reads an Idempotency-Key bare or as a quoted string, and refuses what is not 1 to 255 printable ASCII', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf('abc-123')).toBe('abc-123');
    expect(idempotencyKeyOf('"abc-123"')).toBe('abc-123');
    expect(idempotencyKeyOf('"a \\"quoted\\" \\\\ key"')).toBe('a "quoted" \\ key');
    expect(idempotencyKeyOf('x'.repeat(255))).toHaveLength(255);
    for (const bad of ['', 'x'.repeat(256), 'caf\u00e9', 'tab\there', '"a"b"', '"bad\\escape"', ['a', 'b']]) {
      expect({ bad, code: refusal(() => idempotencyKeyOf(bad)) }).toEqual({ bad, code: 'VALIDATION_FAILED' });
    }
  });

  it('maps If-Match to a version: * any, a strong tag its number, a weak or foreign tag none', () => {
    expect(ifMatchOf(undefined)).toBeUndefined();
    expect(ifMatchOf('*')).toEqual({ any: true });
    expect(ifMatchOf('"12"')).toEqual({ any: false, version: 12 });
    expect(ifMatchOf(versionTag(3))).toEqual({ any: false, version: 3 });
    expect(ifMatchOf('W/"12"')).toEqual({ any: false, version: 0 });
    expect(ifMatchOf('"abc"')).toEqual({ any: false, version: 0 });
    expect(ifMatchOf('"0"')).toEqual({ any: false, version: 0 });
    for (const bad of ['12', '"1", "2"', '', '"unterminated']) {
      expect({ bad, code: refusal(() => ifMatchOf(bad)) }).toEqual({ bad, code: 'VALIDATION_FAILED' });
    }
  });

  it('compares If-None-Match weakly against the version', () => {
    expect(isNotModified(undefined, 3)).toBe(false);
    expect(isNotModified('"3"', 3)).toBe(true);
    expect(isNotModified('W/"3"', 3)).toBe(true);
    expect(isNotModified('"1", W/"3"', 3)).toBe(true);
    expect(isNotModified(['"1"', '"3"'], 3)).toBe(true);
    expect(isNotModified('*', 3)).toBe(true);
    expect(isNotModified('"4"', 3)).toBe(false);
    expect(isNotModified('garbage', 3)).toBe(false);
  });
});
