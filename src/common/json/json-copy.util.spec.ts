import fc from 'fast-check';
import { jsonCopy } from './json-copy.util';

/** Values as a DTO instance may hold them: JSON data, plus what JSON drops or changes. */
const loose: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.constantFrom(undefined, Number.NaN, Infinity, -Infinity, -0, () => 1, new Date('2022-08-05T10:00:00Z')),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('jsonCopy', () => {
  it('gives exactly what a JSON round trip gives', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), loose, { maxKeys: 6 }), (value) => {
        expect(jsonCopy(value)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps an own "__proto__" key as a field, as JSON.parse does, without touching the prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const copy = jsonCopy(value) as Record<string, unknown>;
    expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value)));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  });

  it('copies class instances as plain objects, as the payload validation needs', () => {
    class Bid {
      bidId = 'B1';
      scores = { technical: 80 };
      note?: string = undefined;
    }
    const copy = jsonCopy(new Bid());
    expect(copy).toStrictEqual({ bidId: 'B1', scores: { technical: 80 } });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
