import fc from 'fast-check';
import { Database } from '../../src/persistence/database';
import { completeDocuments, seed001TenderInput } from '../support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp, type TestRole } from '../support/test-app';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 10_000);
/** Each focused property below takes a fifth of the runs of the general one. */
const FOCUSED_RUNS = Math.max(100, Math.ceil(RUNS / 5));

// ---------------------------------------------------------------------------------------------
// Impossible calendar instants: the shape of an ISO 8601 instant with an offset, but no such day,
// time of day or offset, or outside the years 0000 to 9999 in UTC. Each would be rolled over to
// another instant by a lenient parser (30 February → 2 March, 24:00 → the next day).

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
interface InstantParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: string;
}
const formatInstant = (p: InstantParts) =>
  `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.offset}`;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const realParts: fc.Arbitrary<InstantParts> = fc.record({
  year: fc.integer({ min: 2000, max: 2030 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  offset: fc.constantFrom('Z', '+01:00', '+02:00', '-05:00', '+14:00', '-12:00'),
});
const signedOffset = (hours: fc.Arbitrary<number>, minutes: fc.Arbitrary<number>) =>
  fc.tuple(fc.constantFrom('+', '-'), hours, minutes).map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`);

const impossibleInstant: fc.Arbitrary<string> = fc.oneof(
  // A day past the end of its month: 30 February, 29 February of a common year, 31 June, 32 July.
  realParts.chain((p) => fc.integer({ min: daysIn(p.year, p.month) + 1, max: 99 }).map((day) => formatInstant({ ...p, day }))),
  realParts.map((p) => formatInstant({ ...p, day: 0 })),
  realParts.chain((p) => fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })).map((month) => formatInstant({ ...p, month }))),
  // 24:00 (which ISO 8601-1:2004 read as the next day) and later hours; minute or second 60 and up.
  realParts.chain((p) => fc.integer({ min: 24, max: 99 }).map((hour) => formatInstant({ ...p, hour, minute: 0, second: 0 }))),
  realParts.chain((p) => fc.integer({ min: 60, max: 99 }).map((minute) => formatInstant({ ...p, minute }))),
  realParts.chain((p) => fc.integer({ min: 60, max: 99 }).map((second) => formatInstant({ ...p, second }))),
  // Offsets no clock shows: beyond ±18:00, or 60 minutes and more.
  realParts.chain((p) =>
    signedOffset(fc.integer({ min: 19, max: 99 }), fc.integer({ min: 0, max: 59 })).map((offset) => formatInstant({ ...p, offset })),
  ),
  realParts.chain((p) =>
    signedOffset(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 60, max: 99 })).map((offset) => formatInstant({ ...p, offset })),
  ),
  // Outside the years 0000 to 9999 once in UTC.
  fc.constantFrom('9999-12-31T23:59:59-00:01', '9999-12-31T20:00:00-14:00', '0000-01-01T00:00:00+00:01', '0000-01-01T09:00:00+10:00'),
);
const formatDate = (p: InstantParts) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
const impossibleDate: fc.Arbitrary<string> = fc.oneof(
  realParts.chain((p) => fc.integer({ min: daysIn(p.year, p.month) + 1, max: 99 }).map((day) => formatDate({ ...p, day }))),
  realParts.map((p) => formatDate({ ...p, day: 0 })),
  realParts.chain((p) => fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })).map((month) => formatDate({ ...p, month }))),
);

/** Every place an instant (or a business date) is accepted, with the field a refusal must name. */
type Probe = { method: 'GET' | 'POST'; url: string; body?: unknown; role: TestRole; field: string };
const q = encodeURIComponent;
const instantProbes: Record<string, (value: string, knownId: string) => Probe> = {
  createAt: (at) => ({
    method: 'POST',
    url: '/api/instances',
    body: { kind: 'tender', input: seed001TenderInput, at },
    role: 'administrator',
    field: 'at',
  }),
  inputBidDeadline: (bidDeadline) => ({
    method: 'POST',
    url: '/api/instances',
    body: { kind: 'tender', input: { ...seed001TenderInput, bidDeadline } },
    role: 'administrator',
    field: 'bidDeadline',
  }),
  inputCohortRecruitment: (recruitmentClosesAt) => ({
    method: 'POST',
    url: '/api/instances',
    body: { kind: 'cohort', input: { group: 'Group 1', recruitmentClosesAt } },
    role: 'administrator',
    field: 'recruitmentClosesAt',
  }),
  eventAt: (at, id) => ({
    method: 'POST',
    url: `/api/instances/${id}/events`,
    body: { type: 'PUBLISH', at },
    role: 'administrator',
    field: 'at',
  }),
  eventPayload: (decisionDate, id) => ({
    method: 'POST',
    url: `/api/instances/${id}/events`,
    body: { type: 'UPDATE_DRAFT', decisionDate },
    role: 'administrator',
    field: 'decisionDate',
  }),
  stateAt: (at, id) => ({ method: 'GET', url: `/api/instances/${id}/state?at=${q(at)}`, role: 'auditor', field: 'at' }),
  indicatorsFrom: (from) => ({ method: 'GET', url: `/api/indicators?from=${q(from)}`, role: 'auditor', field: 'from' }),
  indicatorsTo: (to) => ({ method: 'GET', url: `/api/indicators?from=2022-01-01T00:00:00Z&to=${q(to)}`, role: 'auditor', field: 'to' }),
  agendaFrom: (from) => ({ method: 'GET', url: `/api/deadlines?from=${q(from)}`, role: 'auditor', field: 'from' }),
  agendaTo: (to) => ({ method: 'GET', url: `/api/deadlines?to=${q(to)}`, role: 'auditor', field: 'to' }),
  clockTo: (advanceTo) => ({ method: 'POST', url: '/api/clock', body: { advanceTo }, role: 'scheduler', field: 'advanceTo' }),
};
const dateProbes: Record<string, (value: string, knownId: string) => Probe> = {
  inputBusinessDate: (plannedDeliveryStart) => ({
    method: 'POST',
    url: '/api/instances',
    body: { kind: 'tender', input: { ...seed001TenderInput, plannedDeliveryStart } },
    role: 'administrator',
    field: 'plannedDeliveryStart',
  }),
};
const calendarProbe = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(instantProbes)), impossibleInstant)
      .map(([at, value]) => ({ at, value, probes: instantProbes })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(dateProbes)), impossibleDate)
      .map(([at, value]) => ({ at, value, probes: dateProbes })),
  },
);

// ---------------------------------------------------------------------------------------------
// Query strings: numbers a lenient Number() reads (1e20, 0x10, 2^63, '' as 0), and control bytes.

const numericExtreme = fc.oneof(
  fc.constantFrom('1e20', '9223372036854775808', '9223372036854775807', '18446744073709551616', String(2 ** 53 + 1), '99999999999'),
  fc.constantFrom('-1', '-0', '2.5', '0.5', '1e2', '1e-7', '0x10', '0b1', '0o7', '', ' ', '+5', 'Infinity', '-Infinity', 'NaN', '1_000'),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.nat({ max: 3_000 }).map(String),
);
const listParameter = fc.constantFrom(
  { route: '/api/instances', parameter: 'limit', min: 1, max: 500 },
  { route: '/api/instances', parameter: 'offset', min: 0, max: 2_147_483_647 },
  { route: '/api/deadlines', parameter: 'limit', min: 1, max: 1000 },
  { route: '/api/deadlines', parameter: 'offset', min: 0, max: 2_147_483_647 },
  { route: '/api/instances/KNOWN/history', parameter: 'limit', min: 1, max: 1000 },
  { route: '/api/instances/KNOWN/history', parameter: 'offset', min: 0, max: 2_147_483_647 },
  { route: '/api/instances/KNOWN/history', parameter: 'afterSeq', min: 0, max: 2_147_483_647 },
);
const controlCharacter = fc
  .oneof(fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x9f }))
  .map((code) => String.fromCharCode(code));
const controlText = fc
  .tuple(fc.string({ maxLength: 8 }), controlCharacter, fc.string({ maxLength: 8 }))
  .map(([before, control, after]) => before + control + after);
const textParameter = fc.constantFrom(
  { route: '/api/instances', parameter: 'kind' },
  { route: '/api/instances', parameter: 'stage' },
  { route: '/api/instances', parameter: 'state' },
  { route: '/api/instances', parameter: 'parentId' },
  { route: '/api/deadlines', parameter: 'kind' },
  { route: '/api/deadlines', parameter: 'from' },
  { route: '/api/indicators', parameter: 'kind' },
  { route: '/api/indicators', parameter: 'to' },
  { route: '/api/instances/KNOWN/state', parameter: 'at' },
);

// ---------------------------------------------------------------------------------------------
// Bodies: JSON nested up to 10,000 deep (as text: JSON.stringify itself overflows near there), keys
// every object already has inside free-form maps, and content types other than JSON.

const deepJson = fc
  .record({ depth: fc.integer({ min: 65, max: 10_000 }), arrays: fc.boolean() })
  .map(({ depth, arrays }) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));
const deepPosition = fc.constantFrom(
  { route: '/api/instances', wrap: (deep: string) => deep },
  { route: '/api/instances', wrap: (deep: string) => `{"kind":"tender","input":${deep}}` },
  { route: '/api/instances', wrap: (deep: string) => `{"kind":"tender","input":{"criteria":[${deep}]}}` },
  { route: '/api/instances/KNOWN/events', wrap: (deep: string) => `{"type":"SUBMIT_BID","documents":${deep}}` },
  { route: '/api/instances/KNOWN/events', wrap: (deep: string) => `{"type":"UPDATE_DRAFT","at":${deep}}` },
  { route: '/api/clock', wrap: (deep: string) => `{"advanceTo":${deep}}` },
);
const inheritedName = fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), 'prototype');
/** Free-form maps, with `"KEY"` where the hostile key goes (the body is sent as text, so __proto__ stays a key). */
const mapPosition = fc.constantFrom(
  {
    route: '/api/instances/KNOWN/events',
    field: 'documents',
    body: {
      type: 'SUBMIT_BID',
      bidder: { name: 'A', identifier: '12345678000014' },
      priceExclVatCents: 1,
      priceInclVatCents: 1,
      documents: { ...completeDocuments, KEY: 'x.pdf' },
    },
  },
  { route: '/api/instances/KNOWN/events', field: 'scores', body: { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 80, KEY: 1 } } },
  {
    route: '/api/instances',
    field: 'input.clauses',
    body: { kind: 'convention', input: { title: 'Convention', clauses: { KEY: 'text' } } },
  },
  { route: '/api/instances', field: 'input.criteria[0]', body: { kind: 'tender', input: { criteria: [{ id: 'price', KEY: 1 }] } } },
);
const nonJsonType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html',
  'application/xml',
  'application/octet-stream',
  'application/x-json',
  'application/jsonp',
  'image/png',
);
const postRoute = fc.constantFrom('/api/instances', '/api/instances/KNOWN/events', '/api/clock', '/api/deadlines/fire-due');
const nonJsonPayload = fc.oneof(
  fc.constantFrom(
    'type=PUBLISH',
    '{"type":"PUBLISH"}',
    'kind=tender&input[title]=x',
    '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nPUBLISH\r\n--x--\r\n',
  ),
  fc.string({ minLength: 1, maxLength: 40 }),
);

// ---------------------------------------------------------------------------------------------
// The general generator: any route, method, role, query, body and content type.

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'type',
  'at',
  'expectedVersion',
  'input',
  'kind',
  'bidId',
  'scores',
  'documents',
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
  fc.constantFrom(
    '2022-08-05T23:59:59+02:00',
    '2999-01-01T00:00:00Z',
    'yesterday',
    '0000-00-00',
    'P6M',
    'P999999999Y',
    'NaN',
    '-1',
    '1e309',
  ),
  impossibleInstant,
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
    'START_DELIVERY',
  ),
  fc.string({ maxLength: 20 }),
);
const event = fc
  .record({ type: eventType })
  .chain((head) =>
    fc
      .dictionary(
        fc.oneof(
          hostileKey,
          fc.constantFrom('bidder', 'priceInclVatCents', 'priceExclVatCents', 'reason', 'scores', 'documents', 'startedAt', 'bidDeadline'),
        ),
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
  fc.record({ advanceBy: fc.constantFrom('P999999999Y', 'P8000Y', 'PT99999999999999999999H', 'P1D') }),
);
const idLike = fc.oneof(
  fc.constant('KNOWN'),
  fc.uuid(),
  fc.string({ maxLength: 60 }).map((text) => encodeURIComponent(text)),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', 'null', 'undefined', '1%20OR%201%3D1'),
);
const queryValue = fc.oneof(fc.string({ maxLength: 20 }), numericExtreme, controlText, impossibleInstant);
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
      .dictionary(fc.oneof(hostileKey, fc.constantFrom('kind', 'stage', 'state', 'limit', 'offset', 'from', 'to', 'at')), queryValue, {
        maxKeys: 3,
      })
      .map((entries) => `?${new URLSearchParams(entries).toString()}`),
  ),
  body,
  raw: fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    fc.constantFrom(
      '{',
      '[1,2',
      '{"type":}',
      'null',
      '"text"',
      '\u0000',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
    ),
    deepPosition.chain((position) => deepJson.map((deep) => position.wrap(deep))),
  ),
  contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, nonJsonType),
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

  /** Instances and their versions, events, deadlines, and the simulated clock. */
  async function fingerprint(): Promise<string> {
    const counts = await t.app.get(Database).read(async (manager) => {
      const [instances] = await manager.query('SELECT COUNT(*) AS n, SUM(version) AS v FROM instances');
      const [events] = await manager.query('SELECT COUNT(*) AS n FROM events');
      const [deadlines] = await manager.query('SELECT COUNT(*) AS n FROM deadlines');
      return [instances, events, deadlines].map((row) => Object.values(row).map(Number));
    });
    const clock = (await t.request('GET', '/api/clock', undefined, bearer('auditor'))).body.now as string;
    return JSON.stringify([counts, clock]);
  }

  interface Sent {
    status: number;
    contentType: string;
    body: { detail?: string; code?: string; [field: string]: unknown };
  }

  async function send(method: string, url: string, payload: string | undefined, headers: Record<string, string>): Promise<Sent> {
    const response = await t.app.inject({ method: method as 'GET', url, payload, headers });
    let parsed: Sent['body'] = {};
    try {
      parsed = JSON.parse(response.body) as Sent['body'];
    } catch {
      // not JSON: the assertions below say so
    }
    if (response.statusCode >= 500)
      throw new Error(`${method} ${url.slice(0, 200)} → ${response.statusCode}: ${response.body.slice(0, 300)}`);
    return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body: parsed };
  }

  /** Sends a request that must be refused with `status` as problem details, and changes nothing. */
  async function expectRefused(
    method: string,
    url: string,
    payload: string | undefined,
    headers: Record<string, string>,
    status: number,
  ): Promise<Sent> {
    const before = await fingerprint();
    const response = await send(method, url, payload, headers);
    if (response.status !== status) {
      throw new Error(
        `${method} ${url.slice(0, 200)} ${payload?.slice(0, 200) ?? ''} → ${response.status} (wanted ${status}): ${JSON.stringify(response.body).slice(0, 300)}`,
      );
    }
    if (!response.contentType.includes('problem+json')) throw new Error(`refusal without problem details: ${status} ${url.slice(0, 200)}`);
    const after = await fingerprint();
    if (after !== before) throw new Error(`refused ${method} ${url.slice(0, 200)} (${status}) changed the database or the clock`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    return response;
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
        const payload =
          input.method === 'GET' || input.method === 'DELETE'
            ? undefined
            : (input.raw?.replace('KNOWN', knownId) ?? JSON.stringify(input.body));
        const response = await send(input.method, path, payload, {
          ...(payload === undefined ? {} : { 'content-type': input.contentType }),
          ...headers,
        });
        tried += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 400) {
          refused += 1;
          if (!response.contentType.includes('problem+json'))
            throw new Error(`refusal without problem details: ${response.status} ${path}`);
          const after = await fingerprint();
          if (after !== before) throw new Error(`refused ${input.method} ${path} (${response.status}) changed the database or the clock`);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    console.log(
      `hostile input (${database.name}): ${tried} requests tried, ${refused} refused, statuses ${JSON.stringify(Object.fromEntries(statuses))}, 0 server errors`,
    );
  });

  it(`refuses ${FOCUSED_RUNS} impossible calendar instants in every position where an instant is accepted, never rolling one over`, async () => {
    const positions = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calendarProbe, async ({ at, value: instant, probes }) => {
        const probe = probes[at](instant, knownId);
        const payload = probe.body === undefined ? undefined : JSON.stringify(probe.body);
        const headers = { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...bearer(probe.role) };
        const refusal = await expectRefused(probe.method, probe.url, payload, headers, 400);
        // Refused as no instant at all, not later for where it would have rolled over to (INVALID_TIME).
        if (refusal.body.code !== 'VALIDATION_FAILED' || !refusal.body.detail?.includes(probe.field)) {
          throw new Error(`${instant} in ${at} was not refused as an impossible ${probe.field}: ${JSON.stringify(refusal.body)}`);
        }
        positions.add(at);
      }),
      { numRuns: FOCUSED_RUNS },
    );
    expect([...positions].sort()).toEqual([...Object.keys(instantProbes), ...Object.keys(dateProbes)].sort());
  });

  it(`reads ${FOCUSED_RUNS} numeric extremes in list parameters as decimal whole numbers within bounds, or refuses them`, async () => {
    await fc.assert(
      fc.asyncProperty(listParameter, numericExtreme, async ({ route, parameter, min, max }, raw) => {
        const url = `${route.replace('KNOWN', knownId)}?${parameter}=${q(raw)}`;
        const response = await send('GET', url, undefined, bearer('auditor'));
        const readable = /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max;
        if (readable) {
          expect(response.status).toBe(200);
          // Never read as another number (0x10 as 16, '' as 0, 1e2 as 100).
          if (parameter !== 'afterSeq') expect(response.body[parameter]).toBe(Number(raw));
        } else {
          const refusal = await expectRefused('GET', url, undefined, bearer('auditor'), 400);
          expect(refusal.body.detail).toContain(parameter);
        }
      }),
      { numRuns: FOCUSED_RUNS },
    );
  });

  it(`refuses ${FOCUSED_RUNS} query parameters holding NUL or another control character`, async () => {
    await fc.assert(
      fc.asyncProperty(textParameter, controlText, async ({ route, parameter }, text) => {
        const url = `${route.replace('KNOWN', knownId)}?${parameter}=${q(text)}`;
        const refusal = await expectRefused('GET', url, undefined, bearer('auditor'), 400);
        expect(refusal.body.detail).toContain(`${parameter}: query parameters may not hold control characters`);
      }),
      { numRuns: FOCUSED_RUNS },
    );
  });

  it(`refuses ${FOCUSED_RUNS} bodies nested up to 10,000 deep, keys every object has in free-form maps, and non-JSON bodies`, async () => {
    const hostileBody = fc.oneof(
      fc.record({ kind: fc.constant('deep' as const), position: deepPosition, deep: deepJson }),
      fc.record({ kind: fc.constant('key' as const), position: mapPosition, key: inheritedName }),
      fc.record({ kind: fc.constant('type' as const), route: postRoute, contentType: nonJsonType, payload: nonJsonPayload }),
    );
    await fc.assert(
      fc.asyncProperty(hostileBody, async (input) => {
        if (input.kind === 'deep') {
          const { route, wrap } = input.position;
          const headers = { 'content-type': 'application/json', ...bearer(route === '/api/clock' ? 'scheduler' : 'administrator') };
          const refusal = await expectRefused('POST', route.replace('KNOWN', knownId), wrap(input.deep), headers, 400);
          expect(refusal.body.detail).toContain('nested deeper than 64 levels');
        } else if (input.kind === 'key') {
          const { route, field, body: template } = input.position;
          const payload = JSON.stringify(template).replace('"KEY"', JSON.stringify(input.key));
          const headers = { 'content-type': 'application/json', ...bearer('administrator') };
          const refusal = await expectRefused('POST', route.replace('KNOWN', knownId), payload, headers, 400);
          expect(refusal.body.detail).toContain(`${field}.${input.key}: `);
        } else {
          const role = input.route === '/api/clock' || input.route === '/api/deadlines/fire-due' ? 'scheduler' : 'administrator';
          const headers = { 'content-type': input.contentType, ...bearer(role) };
          const refusal = await expectRefused('POST', input.route.replace('KNOWN', knownId), input.payload, headers, 415);
          expect(refusal.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        }
      }),
      { numRuns: FOCUSED_RUNS },
    );
  });
});
