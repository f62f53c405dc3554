import { errorsOf as schemaErrorsOf } from '../../contract/validator';
import { RecordOf, StrictObject } from '../../contract/schema';
import { jsonBodyProblem, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number, open = '{"a":', close = '}') => JSON.parse(open.repeat(depth) + '1' + close.repeat(depth)) as unknown;

const Bid = StrictObject({ documents: RecordOf('string', { maxKeys: 5 }) });

describe('JSON bodies the API refuses', () => {
  it('takes bodies up to 64 levels deep, objects and arrays alike', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(jsonBodyProblem(nested(64))).toBeUndefined();
    expect(jsonBodyProblem(nested(64, '[', ']'))).toBeUndefined();
    expect(jsonBodyProblem({ type: 'SUBMIT_BID', bidder: { name: 'A', identifier: '1' }, documents: { price: 'p.pdf' } })).toBeUndefined();
    expect(jsonBodyProblem('text')).toBeUndefined();
    expect(jsonBodyProblem(null)).toBeUndefined();
  });

  it('refuses deeper bodies, up to 10,000 levels and more, without overflowing the stack', () => {
    expect(jsonBodyProblem(nested(65))).toMatch(/^The JSON body is nested deeper than 64 levels \(at a\.a\.a/);
    expect(jsonBodyProblem(nested(10_000, '[', ']'))).toMatch(/^The JSON body is nested deeper than 64 levels \(at \[0\]\[0\]/);
    expect(jsonBodyProblem(nested(100_000))).toMatch(/nested deeper than 64 levels/);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'prototype', '__proto__', '__lookupGetter__'])(
    'refuses the key %s at any depth, naming where it is',
    (key) => {
      const body = JSON.parse(`{"type":"SUBMIT_BID","documents":{"price":"p.pdf","${key}":"x.pdf"}}`) as unknown;
      expect(jsonBodyProblem(body)).toBe(
        `documents.${key}: "${key}" is a name every JavaScript object already has; it cannot be used as a key.`,
      );
      expect(jsonBodyProblem(JSON.parse(`[{"a":[{"${key}":1}]}]`))).toMatch(new RegExp(`^\\[0\\]\\.a\\[0\\]\\.${key}: `));
    },
  );

  it('refuses the same keys in a map validated on its own (a payload that does not come over HTTP)', () => {
    const errorsOf = (documents: Record<string, string>) => schemaErrorsOf(Bid, { documents }).map((error) => error.field);
    expect(errorsOf({ price: 'p.pdf' })).toEqual([]);
    expect(errorsOf({ price: 'p.pdf', toString: 'x.pdf' })).toEqual(['documents.toString']);
    expect(errorsOf({ hasOwnProperty: 'x.pdf' })).toEqual(['documents.hasOwnProperty']);
  });
});
