import fc from 'fast-check';
import stableStringify from 'fast-json-stable-stringify';
import { JcsError, canonicalBytes, canonicalize } from './jcs';

/** The double with these IEEE 754 bits (RFC 8785 Appendix B lists numbers this way). */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe('RFC 8785 JSON canonicalization', () => {
  it('§3.2.2 / §3.2.3: the sample object', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('§3.2.3: sorts member names by UTF-16 code units (the sorting example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // U+1F600 (surrogates D83D DE00) sorts before U+FB33 by code units, though after it by code points.
  });

  it('§3.2.4: UTF-8 bytes of the result', () => {
    expect(canonicalBytes({ '€': 1 }).toString('hex')).toBe('7b22e282ac223a317d');
  });

  // The RFC author's test data, github.com/cyberphone/json-canonicalization testdata/{input,output}.
  it.each([
    [
      'structures',
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    [
      'weird',
      '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n' +
        '  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}',
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'values',
      '{\n  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n' +
        '  "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
      '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
    ],
  ])('the reference test data: %s', (_name, input, output) => {
    expect(canonicalize(JSON.parse(input))).toBe(output);
  });

  // Appendix B: IEEE 754 bit patterns and their canonical text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('Appendix B: 0x%s → %s', (bits, text) => {
    expect(canonicalize(double(bits))).toBe(text);
  });

  it('numbers the brief names', () => {
    expect([1e21, 0.000001, 1e-7, -0, 1e20, 100].map((n) => canonicalize(n))).toEqual([
      '1e+21',
      '0.000001',
      '1e-7',
      '0',
      '100000000000000000000',
      '100',
    ]);
  });

  it('refuses what is not I-JSON, with the path', () => {
    const refused: [unknown, RegExp][] = [
      [NaN, /NaN is not a JSON number/],
      [Infinity, /Infinity/],
      [{ a: -Infinity }, /\$\["a"\]: -Infinity/],
      [{ a: undefined }, /\$\["a"\]: undefined/],
      [[1, undefined], /\$\[1\]: undefined/],
      // eslint-disable-next-line no-sparse-arrays
      [[1, , 3], /\$\[1\]: an array hole/],
      [() => 1, /function/],
      [Symbol('s'), /symbol/],
      [10n, /BigInt/],
      [{ deep: [{ n: 1n }] }, /\$\["deep"\]\[0\]\["n"\]: a BigInt/],
      ['\ud800', /lone surrogate/],
      ['a\udc00b', /lone surrogate/],
      [{ '\udbff': 1 }, /lone surrogate/],
      [new Date(0), /Date is not a plain object/],
      [new Map(), /Map/],
      [Buffer.from('x'), /not a plain object/],
      [{ [Symbol('k')]: 1 }, /symbol keys/],
      [{ toJSON: () => 'x' }, /function/],
    ];
    for (const [value, message] of refused) expect(() => canonicalize(value)).toThrow(message);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(JcsError);
    // A shared (non-cyclic) object is fine.
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    expect(canonicalize(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('property: output is valid JSON denoting the same value, and independent of member order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalize(JSON.parse(text))).toBe(text); // idempotent
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalize(reversed)).toBe(text);
        expect(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toMatch(/\s/); // no whitespace outside strings
      }),
      { numRuns: 300 },
    );
  });

  it('property: on JSON values (Unicode strings and keys) it agrees with the sorted-key serializer the v1 event hash uses', () => {
    // fast-json-stable-stringify sorts keys with the same default sort and writes strings and numbers as
    // JSON.stringify does; the two differ only outside I-JSON, where it converts or drops and JCS refuses.
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme' }), (value) => {
        expect(canonicalize(value)).toBe(stableStringify(value));
      }),
      { numRuns: 300 },
    );
    expect(stableStringify({ a: undefined, b: NaN })).toBe('{"b":null}');
    expect(() => canonicalize({ a: undefined, b: NaN })).toThrow(JcsError);
  });
});
