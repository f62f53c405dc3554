import fc from 'fast-check';
import { Database } from '../../src/persistence/database';
import { seed001TenderInput } from '../support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from '../support/test-app';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 10_000);

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'type',
  'at',
  'expectedVersion',
  'input',
  'kind',
  'bidId',
  'scores',
  '',
  ' ',
  '$where',
  'a'.repeat(300),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2022-08-05T23:59:59+02:00', '2999-01-01T00:00:00Z', 'yesterday', '0000-00-00', 'P6M', 'NaN', '-1', '1e309'),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 12 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;
const deep = fc.integer({ min: 50, max: 2_000 }).map((depth) => {
  let nested: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) nested = { a: nested };
  return nested;
});
const huge = fc.integer({ min: 10_000, max: 400_000 }).map((length) => ({ type: 'UPDATE_DRAFT', title: 'x'.repeat(length) }));
const eventType = fc.oneof(
  fc.constantFrom(
    'PUBLISH',
    'SUBMIT_BID',
    'CLOSE_BIDS',
    'SCORE_BID',
    'ATTRIBUTE',
    'CANCEL',
    'UPDATE_DRAFT',
    'SIGN',
    'ENROLL',
    'CREATE',
    'RECORD_SESSION',
  ),
  fc.string({ maxLength: 20 }),
);
const event = fc
  .record({ type: eventType })
  .chain((head) =>
    fc
      .dictionary(
        fc.oneof(hostileKey, fc.constantFrom('bidder', 'priceInclVatCents', 'priceExclVatCents', 'reason', 'scores', 'documents')),
        value,
        { maxKeys: 6 },
      )
      .map((rest) => ({ ...rest, ...head })),
  );
const body = fc.oneof(
  value,
  event,
  deep,
  huge,
  fc.record({ kind: fc.oneof(fc.constantFrom('tender', 'convention', 'cohort'), fc.string()), input: value }),
);
const idLike = fc.oneof(
  fc.constant('KNOWN'),
  fc.uuid(),
  fc.string({ maxLength: 60 }).map((text) => encodeURIComponent(text)),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', 'null', 'undefined', '1%20OR%201%3D1'),
);
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
  route: fc.constantFrom(
    '/api/instances',
    '/api/instances/:id',
    '/api/instances/:id/events',
    '/api/instances/:id/history',
    '/api/machines/:id',
    '/api/deadlines',
    '/api/deadlines/fire-due',
    '/api/clock',
    '/api/health',
    '/api/instances/:id/state',
    '/api/instances/:id/verify',
    '/api/indicators',
  ),
  id: idLike,
  query: fc.oneof(
    fc.constant(''),
    fc
      .dictionary(
        fc.oneof(hostileKey, fc.constantFrom('kind', 'stage', 'limit', 'offset', 'from', 'to', 'at')),
        fc.string({ maxLength: 20 }),
        { maxKeys: 3 },
      )
      .map((entries) => `?${new URLSearchParams(entries).toString()}`),
  ),
  body,
  raw: fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('{', '[1,2', '{"type":}', 'null', '"text"', '\u0000', '{"__proto__":{"polluted":1}}'),
  ),
  auth: fc.constantFrom('administrator', 'administrator', 'administrator', 'scheduler', 'auditor', 'none', 'wrong'),
});

describe.each(testDatabases())('hostile input ($name)', (database) => {
  let t: TestApp;
  let knownId: string;

  beforeAll(async () => {
    t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' });
    knownId = (await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id;
  });

  afterAll(async () => {
    await t.close();
  });

  async function fingerprint(): Promise<string> {
    const db = t.app.get(Database);
    return db.read(async (manager) => {
      const [instances] = await manager.query('SELECT COUNT(*) AS n, SUM(version) AS v FROM instances');
      const [events] = await manager.query('SELECT COUNT(*) AS n FROM events');
      const [deadlines] = await manager.query('SELECT COUNT(*) AS n FROM deadlines');
      return JSON.stringify([instances, events, deadlines].map((row) => Object.values(row).map(Number)));
    });
  }

  it(`answers ${RUNS} generated malformed or hostile requests without a 5xx, and a refusal changes nothing`, async () => {
    let tried = 0;
    let refused = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const path = input.route.replace(':id', input.id === 'KNOWN' ? knownId : input.id) + input.query;
        const before = await fingerprint();
        const headers: Record<string, string> =
          input.auth === 'none'
            ? { authorization: '' }
            : input.auth === 'wrong'
              ? { authorization: 'Bearer nope-nope-nope-nope' }
              : bearer(input.auth);
        const payload = input.method === 'GET' || input.method === 'DELETE' ? undefined : (input.raw ?? JSON.stringify(input.body));
        const response = await t.app.inject({
          method: input.method as 'GET',
          url: path,
          payload,
          headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        });
        tried += 1;
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500) throw new Error(`${input.method} ${path} → ${response.statusCode}: ${response.body.slice(0, 300)}`);
        if (response.statusCode >= 400) {
          refused += 1;
          if (!response.headers['content-type']?.toString().includes('problem+json'))
            throw new Error(`refusal without problem details: ${response.statusCode} ${path}`);
          const after = await fingerprint();
          if (after !== before) throw new Error(`refused ${input.method} ${path} (${response.statusCode}) changed the database`);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    console.log(
      `hostile input (${database.name}): ${tried} requests tried, ${refused} refused, statuses ${JSON.stringify(Object.fromEntries(statuses))}, 0 server errors`,
    );
  });
});
