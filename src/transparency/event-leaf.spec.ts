import fc from 'fast-check';
import { newEventLeafHash, storedEventLeafEntry, storedEventLeafHash } from './event-leaf';
import { canonicalize } from './jcs';
import { leafHash } from './merkle';

const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex'));

const event = fc.record({
  instanceId: fc.uuid(),
  seq: fc.integer({ min: 1, max: 1_000_000 }),
  type: fc.constantFrom('CREATE', 'PUBLISH', 'UPDATE_DRAFT', 'SUBMIT_BID'),
  actor: fc.string({ unit: 'grapheme' }),
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  recordedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  prevHash: hex64,
  hash: hex64,
});

describe('the leaf of an event about to be stored', () => {
  it('property: from the payload object’s canonical text, the same leaf as from the stored text parsed again', () => {
    fc.assert(
      fc.property(event, fc.jsonValue({ stringUnit: 'grapheme' }), (fields, payload) => {
        const stored = { ...fields, payload: JSON.stringify(payload) };
        expect(newEventLeafHash(stored, canonicalize(payload)).equals(storedEventLeafHash(stored))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is RFC 9162’s leaf of the JCS entry of every stored field, members in code-unit order', () => {
    const stored = {
      instanceId: '3b0e7a52-5d43-4a6b-9c53-1c7f3f4a2b11',
      seq: 2,
      type: 'PUBLISH',
      payload: '{"z":1,"a":[true,null,"é"]}',
      actor: 'Marie <m@idp>',
      at: '2022-06-27T07:00:00.000Z',
      recordedAt: '2026-12-06T21:00:00.123Z',
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    const entry =
      '{"actor":"Marie <m@idp>","at":"2022-06-27T07:00:00.000Z","hash":"' +
      'b'.repeat(64) +
      '","instanceId":"3b0e7a52-5d43-4a6b-9c53-1c7f3f4a2b11","payload":{"a":[true,null,"é"],"z":1},"prevHash":"' +
      'a'.repeat(64) +
      '","recordedAt":"2026-12-06T21:00:00.123Z","seq":2,"type":"PUBLISH"}';
    expect(storedEventLeafEntry(stored).toString('utf8')).toBe(entry);
    expect(newEventLeafHash(stored, canonicalize({ z: 1, a: [true, null, 'é'] }))).toEqual(leafHash(Buffer.from(entry, 'utf8')));
  });
});
