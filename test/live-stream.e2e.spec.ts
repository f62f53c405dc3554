import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { LiveChanges } from '../src/live/live-changes';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { SseClient } from './support/sse';
import { bearer, startTestApp, testDatabases, TEST_PRINCIPALS, TEST_TOKENS, type TestApp, type TestRole } from './support/test-app';

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const BID = {
  bidder: { name: 'Coaching Coop', identifier: '11111111100014' },
  priceExclVatCents: 3_166_667,
  priceInclVatCents: 3_800_000,
  documents: completeDocuments,
};

/** A test app listening on a real port of 127.0.0.1, called with real fetch. */
interface Served {
  t: TestApp;
  base: string;
  live: LiveChanges;
  open(query?: string, role?: TestRole): Promise<SseClient>;
  /** Closes the streams the tests opened and waits until the node has let them all go. */
  closeStreams(): Promise<void>;
  send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    role?: TestRole,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

async function serve(database: Parameters<typeof startTestApp>[0], env: Record<string, string> = {}): Promise<Served> {
  const t = await startTestApp(database, env);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const live = t.app.get(LiveChanges);
  const opened: SseClient[] = [];
  return {
    t,
    base,
    live,
    async open(query = '', role = 'auditor') {
      const client = await SseClient.open(`${base}/api/stream${query}`, bearer(role));
      opened.push(client);
      return client;
    },
    async closeStreams() {
      for (const client of opened.splice(0)) client.close();
      await untilNoSubscriber(live);
    },
    async send(method, path, body, role = path.startsWith('/api/clock') ? 'scheduler' : 'administrator', headers = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { ...bearer(role), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
  };
}

/** Waits (bounded by the test's timeout) until the node has no open stream left. */
async function untilNoSubscriber(live: LiveChanges): Promise<void> {
  await untilSubscribers(live, 0);
}

/** Until exactly `count` subscribers are left (one of an earlier test may still be on its way out). */
async function untilSubscribers(live: LiveChanges, count: number): Promise<void> {
  while (live.subscriberCount !== count) await sleep(5);
}

jest.setTimeout(20_000);

describe.each(testDatabases())('GET /api/stream, live changes after commit ($name)', (database) => {
  describe('on the simulated clock', () => {
    let s: Served;

    beforeAll(async () => {
      s = await serve(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' });
    });

    afterEach(async () => {
      await s.closeStreams();
    });

    afterAll(async () => {
      await s.t.close();
    });

    it('opens with retry: 3000, as an event stream with the usual security headers, for every reader role', async () => {
      for (const role of ['administrator', 'scheduler', 'auditor'] as const) {
        const client = await s.open('', role);
        expect(client.response.status).toBe(200);
        expect(client.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        expect(client.response.headers.get('cache-control')).toBe('no-cache, no-transform');
        expect(client.response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(client.response.headers.get('content-security-policy')).toContain("default-src 'none'");
        expect(client.response.headers.get('x-request-id')).toBeTruthy();
        expect(await client.next()).toEqual({ retry: '3000', comments: [] });
        client.close();
      }
      await untilNoSubscriber(s.live);
    });

    it('tells two clients about one command, with its fields, once it has committed', async () => {
      const first = await s.open();
      const second = await s.open('', 'scheduler');
      await first.next();
      await second.next();
      expect(s.live.subscriberCount).toBe(2);

      const created = await s.send('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
      expect(created.status).toBe(201);
      const expected = {
        instanceId: created.body.id,
        kind: 'tender',
        version: 1,
        type: 'CREATED',
        state: 'open.draft',
        stage: 'draft',
        status: 'active',
        at: '2022-06-27T07:00:00.000Z',
        recordedAt: expect.stringMatching(INSTANT),
        actor: TEST_PRINCIPALS.administrator,
        parentId: null,
        organisation: 'default',
      };
      for (const client of [first, second]) {
        const message = await client.nextChange();
        expect(message).toMatchObject({ event: 'change', id: expect.stringMatching(/^\d+$/) });
        expect(JSON.parse(message!.data!)).toEqual(expected);
      }

      const published = await s.send('POST', `/api/instances/${created.body.id}/events`, { type: 'PUBLISH' });
      expect(published.status).toBe(200);
      const [a, b] = [await first.nextChange(), await second.nextChange()];
      expect(JSON.parse(a!.data!)).toEqual({ ...expected, version: 2, type: 'PUBLISH', state: 'open.published', stage: 'published' });
      expect(b!.data).toBe(a!.data);
      // One numbering per node: the second message has the next id on both streams.
      expect(Number(a!.id)).toBeGreaterThan(0);
      expect(b!.id).toBe(a!.id);
      const metrics = await fetch(`${s.base}/api/metrics`, { headers: bearer('auditor') });
      expect(await metrics.text()).toMatch(/^engine_live_streams 2$/m);
      first.close();
      second.close();
      await untilNoSubscriber(s.live);
    });

    it('sends nothing for refused commands (422, 409, 400) nor for a replayed Idempotency-Key: the next message is the next committed one', async () => {
      const id = (await s.send('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
      expect((await s.send('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
      const client = await s.open(`?instanceId=${id}`);
      await client.next();
      const events = `/api/instances/${id}/events`;
      expect((await s.send('POST', events, { type: 'CLOSE_BIDS' })).status).toBe(422);
      expect((await s.send('POST', events, { type: 'ATTRIBUTE', bidId: 'B1' })).status).toBe(409);
      expect((await s.send('POST', events, { type: 'PUBLISH', expectedVersion: 1 })).status).toBe(409);
      expect((await s.send('POST', events, { type: 'SUBMIT_BID', bidder: { name: '' } })).status).toBe(400);
      const before = s.live.lastEventId;
      const key = { 'idempotency-key': `stream-${id}` };
      expect((await s.send('POST', events, { type: 'SUBMIT_BID', ...BID }, 'administrator', key)).status).toBe(200);
      const message = await client.nextChange();
      expect(JSON.parse(message!.data!)).toMatchObject({ instanceId: id, version: 3, type: 'SUBMIT_BID' });
      // Nothing was published for the refusals, to this stream or any other.
      expect(Number(message!.id)).toBe(before + 1);
      // A retry answered from the stored response wrote nothing, and publishes nothing.
      const retried = await s.send('POST', events, { type: 'SUBMIT_BID', ...BID }, 'administrator', key);
      expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
      expect(s.live.lastEventId).toBe(before + 1);
      expect(
        (await s.send('POST', events, { type: 'SUBMIT_BID', ...BID, bidder: { name: 'Insertion Conseil', identifier: '33333333300032' } }))
          .status,
      ).toBe(200);
      expect(await client.nextChangeData()).toMatchObject({ instanceId: id, version: 4, type: 'SUBMIT_BID' });
      client.close();
      await untilNoSubscriber(s.live);
    });

    it('streams a deadline fired on the way by POST /api/clock, as the scheduler, stamped with its due time', async () => {
      const id = (await s.send('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
      expect((await s.send('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
      const client = await s.open(`?instanceId=${id}`, 'administrator');
      await client.next();
      const advanced = await s.send('POST', '/api/clock', { advanceTo: '2022-08-10T09:00:00+02:00' });
      expect(advanced.status).toBe(200);
      expect(advanced.body.fired).toEqual(expect.arrayContaining([expect.objectContaining({ instanceId: id, event: 'CLOSE_BIDS' })]));
      expect(await client.nextChangeData()).toEqual({
        instanceId: id,
        kind: 'tender',
        version: 3,
        type: 'CLOSE_BIDS',
        state: 'unsuccessful',
        stage: 'closed',
        status: 'done',
        at: '2022-08-05T21:59:59.000Z',
        recordedAt: expect.stringMatching(INSTANT),
        actor: 'scheduler',
        parentId: null,
        organisation: 'default',
      });
      client.close();
      await untilNoSubscriber(s.live);
    });

    it('filters by kind and by record: a filtered stream receives only what matches', async () => {
      const conventions = await s.open('?kind=convention');
      const tenders = await s.open('?kind=tender');
      await conventions.next();
      await tenders.next();
      const tender = (await s.send('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
      const convention = (await s.send('POST', '/api/instances', { kind: 'convention', input: SPRO_EP_CHATEAUROUX })).body.id as string;
      expect(await conventions.nextChangeData()).toMatchObject({ instanceId: convention, kind: 'convention', type: 'CREATED' });
      expect(await tenders.nextChangeData()).toMatchObject({ instanceId: tender, kind: 'tender' });
      const one = await s.open(`?kind=tender&instanceId=${tender}`);
      await one.next();
      expect((await s.send('POST', '/api/instances', { kind: 'convention', input: SPRO_EP_CHATEAUROUX })).status).toBe(201);
      expect(await conventions.nextChangeData()).toMatchObject({ kind: 'convention', type: 'CREATED' });
      // The clock may be past the tender's bid deadline by now: a draft still takes changes.
      const update = { type: 'UPDATE_DRAFT', budgetCapCents: 3_900_000 };
      expect((await s.send('POST', `/api/instances/${tender}/events`, update)).status).toBe(200);
      expect(await one.nextChangeData()).toMatchObject({ instanceId: tender, type: 'UPDATE_DRAFT', version: 2 });
      expect(await tenders.nextChangeData()).toMatchObject({ instanceId: tender, type: 'UPDATE_DRAFT', version: 2 });
      for (const client of [conventions, tenders, one]) client.close();
      await untilNoSubscriber(s.live);
    });

    it('refuses without a token (401), and a bad filter as a problem (400), subscribing nobody', async () => {
      const anonymous = await fetch(`${s.base}/api/stream`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      const unknownToken = await fetch(`${s.base}/api/stream`, { headers: { authorization: 'Bearer not-a-token-of-this-service' } });
      expect(unknownToken.status).toBe(401);
      await unknownToken.body?.cancel();
      for (const [query, code] of [
        ['?instanceId=nope', 'VALIDATION_FAILED'],
        ['?kind=spaceship', 'UNKNOWN_KIND'],
        ['?colour=red', 'VALIDATION_FAILED'],
        ['?kind=tender&kind=cohort', 'VALIDATION_FAILED'],
        ['?kind=%00', 'VALIDATION_FAILED'],
        [`?kind=${'x'.repeat(5000)}`, 'VALIDATION_FAILED'],
        ['?instanceId=%E2%80%AE00000000-0000-4000-8000-000000000000', 'VALIDATION_FAILED'],
        ['?kind=', 'UNKNOWN_KIND'],
      ]) {
        const refused = await fetch(`${s.base}/api/stream${query}`, { headers: bearer('auditor') });
        expect({ query, status: refused.status, body: await refused.json() }).toMatchObject({ query, status: 400, body: { code } });
      }
      expect(s.live.subscriberCount).toBe(0);
    });

    it('keeps nothing for clients that leave before their stream opens', async () => {
      const { port } = new URL(s.base);
      await Promise.all(
        Array.from(
          { length: 50 },
          () =>
            new Promise<void>((resolve) => {
              const socket = connect(Number(port), '127.0.0.1', () => {
                socket.end(`GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TEST_TOKENS.auditor}\r\n\r\n`);
                socket.destroy();
              });
              socket.on('close', () => resolve());
              socket.on('error', () => resolve());
            }),
        ),
      );
      // The service still answers, and lets every one of them go.
      expect((await s.send('GET', '/api/health/live')).status).toBe(200);
      await untilNoSubscriber(s.live);
    });

    it('answers HEAD with the headers alone, keeping no subscriber', async () => {
      const head = await fetch(`${s.base}/api/stream`, { method: 'HEAD', headers: bearer('auditor') });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      await untilNoSubscriber(s.live);
    });

    it('frees the subscriber when the client goes away', async () => {
      const clients = await Promise.all([s.open(), s.open('?kind=tender'), s.open('', 'administrator')]);
      for (const client of clients) await client.next();
      await untilSubscribers(s.live, 3);
      expect(s.live.subscriberCount).toBe(3);
      clients[0].close();
      clients[1].close();
      while (s.live.subscriberCount > 1) await sleep(5);
      expect(s.live.subscriberCount).toBe(1);
      // The one left still receives changes.
      const id = (await s.send('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
      expect(await clients[2].nextChangeData()).toMatchObject({ instanceId: id });
      clients[2].close();
      await untilNoSubscriber(s.live);
      expect(s.live.subscriberCount).toBe(0);
    });
  });

  describe('on a short request timeout, a fast heartbeat and a rate limit', () => {
    let s: Served;

    beforeAll(async () => {
      s = await serve(database, {
        HTTP_REQUEST_TIMEOUT_MS: '200',
        HTTP_HEADERS_TIMEOUT_MS: '100',
        STREAM_HEARTBEAT_MS: '50',
        RATE_LIMIT_MAX: '5',
        RATE_LIMIT_WINDOW_MS: '600000',
      });
    });

    afterEach(async () => {
      await s.closeStreams();
    });

    afterAll(async () => {
      await s.t.close();
    });

    it('stays open past the request timeout, sending keep-alive comments, and still carries changes', async () => {
      const client = await s.open();
      expect(await client.next()).toEqual({ retry: '3000', comments: [] });
      // 21 heartbeats 50 ms apart cannot arrive in less than a second: five times the request timeout.
      for (let beat = 0; beat < 21; beat += 1) expect(await client.next()).toEqual({ comments: ['keep-alive'] });
      const id = (await s.send('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
      expect(await client.nextChangeData()).toMatchObject({ instanceId: id, type: 'CREATED' });
      client.close();
      await untilNoSubscriber(s.live);
    });

    it('counts as one request of the rate limit: an open stream keeps its changes once its token is limited', async () => {
      const client = await s.open('', 'scheduler');
      await client.next();
      let status = 200;
      while (status !== 429) status = (await s.send('GET', '/api/deadlines', undefined, 'scheduler')).status;
      const limited = await fetch(`${s.base}/api/stream`, { headers: bearer('scheduler') });
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
      const id = (await s.send('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
      expect(await client.nextChangeData()).toMatchObject({ instanceId: id, type: 'CREATED' });
      client.close();
      await untilNoSubscriber(s.live);
    });
  });

  it('streams a deadline fired by the in-process scheduler on the real clock, as the scheduler', async () => {
    const s = await serve(database, { SCHEDULER: 'on', SCHEDULER_POLL_MS: '50' });
    try {
      // A bid deadline a moment ahead: the scheduler fires CLOSE_BIDS by itself once it has passed.
      const bidDeadline = new Date(Date.now() + 2_500).toISOString();
      const decisionDate = new Date(Date.now() + 10 * 86_400_000).toISOString();
      const input = { ...seed001TenderInput, bidDeadline, decisionDate };
      const id = (await s.send('POST', '/api/instances', { kind: 'tender', input })).body.id as string;
      const client = await s.open(`?instanceId=${id}`);
      await client.next();
      expect((await s.send('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
      expect(await client.nextChangeData()).toMatchObject({ type: 'PUBLISH', version: 2 });
      expect(await client.nextChangeData()).toMatchObject({ type: 'CLOSE_BIDS', version: 3, actor: 'scheduler', at: bidDeadline });
      client.close();
      await untilNoSubscriber(s.live);
    } finally {
      await s.t.close();
    }
  });

  it('ends open streams when the service stops, so that it can stop', async () => {
    const s = await serve(database);
    const client = await s.open();
    await client.next();
    await s.t.close();
    expect(await client.next()).toBeUndefined();
    expect(s.live.subscriberCount).toBe(0);
  });
});
