import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp, type TestResponse } from './support/test-app';

/*
 * One explicit case per hole found in the hostile-input review: the simulated clock moved beyond what
 * a date can hold, stalled connections, impossible calendar instants, numeric extremes and control
 * bytes in query strings, deep JSON, prototype-ish keys in free-form maps, and non-JSON bodies. The
 * generated version of these cases is test/reliability/hostile-input.spec.ts.
 */

const bid = (name: string, identifier: string, extra: Record<string, unknown> = {}) => ({
  type: 'SUBMIT_BID',
  bidder: { name, identifier },
  priceExclVatCents: 3_166_667,
  priceInclVatCents: 3_800_000,
  documents: completeDocuments,
  ...extra,
});

/** `{"a":{"a":…1…}}`, `depth` objects deep, built as text (JSON.stringify itself overflows near 10,000). */
const nestedJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

function expectProblem(response: TestResponse<unknown>, status: number, code: string): void {
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, code });
  expect(response.status).toBe(status);
}

describe.each(testDatabases())('hostile input, one case per known hole ($name)', (database) => {
  describe('on the simulated clock', () => {
    let t: TestApp;
    let tenderId: string;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' });
      tenderId = (await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id;
      expect((await t.request('POST', `/api/instances/${tenderId}/events`, { type: 'PUBLISH' })).status).toBe(200);
    });

    afterAll(async () => {
      await t.close();
    });

    async function expectNothingMoved(): Promise<void> {
      expect((await t.request('GET', '/api/clock')).body.now).toBe('2022-06-27T07:00:00.000Z');
      const agenda = await t.request('GET', '/api/deadlines');
      expect(agenda.body.items).toEqual([expect.objectContaining({ instanceId: tenderId, event: 'CLOSE_BIDS' })]);
      const tender = await t.request('GET', `/api/instances/${tenderId}`);
      expect(tender.body).toMatchObject({ state: 'open.published', version: 2 });
    }

    it.each<[Record<string, string>, string]>([
      [{ advanceBy: 'P999999999Y' }, 'beyond what a date can hold'],
      [{ advanceBy: 'P8000Y' }, 'after 9999-12-31'],
      [{ advanceBy: 'P99999999999999999999D' }, 'beyond what a date can hold'],
      [{ advanceTo: '9999-12-31T23:59:59-14:00' }, 'a UTC year after 9999'],
      [{ advanceTo: '2022-02-30T10:00:00+01:00' }, 'an impossible day'],
    ])('refuses to move the clock by or to %j (%s) before anything fires', async (body) => {
      const response = await t.request('POST', '/api/clock', body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toMatch(/advance(By|To)/);
      await expectNothingMoved();
    });

    it('refuses an impossible instant in the agenda range, naming the parameter', async () => {
      const response = await t.request('GET', '/api/deadlines?from=2022-02-30T10:00:00Z');
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain('from');
    });
  });

  describe('on a simulated clock near the end of year 9999', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '9999-12-20T09:00:00+01:00' });
    });

    afterAll(async () => {
      await t.close();
    });

    it('refuses a command whose dates would lie past 9999-12-31 (a one-year term from 20 December 9999), changing nothing', async () => {
      const id = (await t.request('POST', '/api/instances', { kind: 'convention', input: SPRO_EP_CHATEAUROUX })).body.id;
      expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'OPEN_FOR_SIGNATURE' })).status).toBe(200);
      const [last, ...others] = SPRO_EP_CHATEAUROUX.parties!;
      for (const party of others) {
        expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'SIGN', party: party.id })).status).toBe(200);
      }
      const before = (await t.request('GET', `/api/instances/${id}`)).body;
      const refused = await t.request('POST', `/api/instances/${id}/events`, { type: 'SIGN', party: last.id });
      expectProblem(refused, 400, 'INVALID_TIME');
      expect(refused.body.detail).toContain('9999-12-31T23:59:59.999Z');
      expect((await t.request('GET', `/api/instances/${id}`)).body).toEqual(before);
    });
  });

  describe('impossible calendar instants', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database);
    });

    afterAll(async () => {
      await t.close();
    });

    async function createTender(at = '2022-06-27T09:00:00+02:00'): Promise<string> {
      const response = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput, at });
      expect(response.status).toBe(201);
      return response.body.id;
    }

    async function send(id: string, body: Record<string, unknown>): Promise<TestResponse<{ detail: string }>> {
      return t.request('POST', `/api/instances/${id}/events`, body);
    }

    /** Sends a command that must be refused with 400 naming `field`, and checks it changed nothing. */
    async function expectRefusedNaming(id: string, body: Record<string, unknown>, field: string): Promise<void> {
      const before = await t.request('GET', `/api/instances/${id}/history`);
      const response = await send(id, body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain(field);
      expect((await t.request('GET', `/api/instances/${id}/history`)).body).toEqual(before.body);
    }

    it.each([
      ['30 February', '2022-02-30T10:00:00+01:00'],
      ['31 June', '2022-06-31T10:00:00+02:00'],
      ['month 13', '2022-13-01T10:00:00+01:00'],
      ['hour 25', '2022-07-01T25:00:00+02:00'],
      ['hour 24', '2022-07-01T24:00:00+02:00'],
      ['minute 60', '2022-07-01T10:60:00+02:00'],
      ['an offset of +25:00', '2022-07-01T10:00:00+25:00'],
      ['an offset of +02:99', '2022-07-01T10:00:00+02:99'],
    ])('refuses %s in a creation input, naming the field', async (_what, instant) => {
      const response = await t.request('POST', '/api/instances', {
        kind: 'tender',
        input: { ...seed001TenderInput, bidDeadline: instant },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain('bidDeadline');
    });

    it('refuses an impossible creation instant instead of rolling it over to 2 March', async () => {
      const response = await t.request('POST', '/api/instances', {
        kind: 'tender',
        input: seed001TenderInput,
        at: '2022-02-30T10:00:00+01:00',
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain('at');
    });

    it("refuses an impossible event time (the events' at) and an impossible instant in an event payload", async () => {
      const id = await createTender();
      expect((await send(id, { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' })).status).toBe(200);
      // 31 June would roll over to 1 July, which lies after the last event and before the clock.
      await expectRefusedNaming(id, bid('Coaching Coop', '12345678000014', { at: '2022-06-31T10:00:00+02:00' }), 'at');
      await expectRefusedNaming(id, bid('Coaching Coop', '12345678000014', { at: '2022-07-01T24:00:00Z' }), 'at');

      expect((await send(id, bid('Coaching Coop', '12345678000014', { at: '2022-07-20T14:00:00+02:00' }))).status).toBe(200);
      expect((await send(id, { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' })).status).toBe(200);
      expect((await send(id, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 80 }, at: '2022-08-10T09:00:00+02:00' })).status).toBe(
        200,
      );
      expect((await send(id, { type: 'ATTRIBUTE', bidId: 'B1', at: '2022-08-24T09:00:00+02:00' })).status).toBe(200);
      await expectRefusedNaming(
        id,
        { type: 'START_DELIVERY', startedAt: '2022-09-31T09:00:00+02:00', at: '2022-10-03T09:00:00+02:00' },
        'startedAt',
      );
    });

    it('refuses an impossible business date (YYYY-MM-DD)', async () => {
      const response = await t.request('POST', '/api/instances', {
        kind: 'tender',
        input: { ...seed001TenderInput, plannedDeliveryStart: '2022-02-29' },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain('plannedDeliveryStart');
    });

    it('refuses an impossible instant in state?at= and in the indicators range', async () => {
      const id = await createTender();
      const state = await t.request('GET', `/api/instances/${id}/state?at=2022-06-31T10:00:00.000Z`);
      expectProblem(state, 400, 'VALIDATION_FAILED');
      expect(state.body.detail).toContain('at');
      for (const query of ['from=2022-02-30T10:00:00Z', 'to=2022-12-32T00:00:00%2B01:00']) {
        const response = await t.request('GET', `/api/indicators?${query}`);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.detail).toContain(query.slice(0, query.indexOf('=')));
      }
    });
  });

  describe('query parameters, bodies and content types', () => {
    let t: TestApp;
    let tenderId: string;

    beforeAll(async () => {
      t = await startTestApp(database);
      tenderId = (await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput, at: '2022-06-27T09:00:00+02:00' }))
        .body.id;
      expect(
        (await t.request('POST', `/api/instances/${tenderId}/events`, { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' })).status,
      ).toBe(200);
    });

    afterAll(async () => {
      await t.close();
    });

    async function version(): Promise<number> {
      return (await t.request('GET', `/api/instances/${tenderId}`)).body.version;
    }

    it.each([
      ['/api/instances?offset=1e20', 'offset'],
      ['/api/instances?offset=9223372036854775808', 'offset'],
      ['/api/instances?offset=-1', 'offset'],
      ['/api/instances?offset=2.5', 'offset'],
      ['/api/instances?offset=0x10', 'offset'],
      ['/api/instances?offset=', 'offset'],
      ['/api/instances?limit=1e20', 'limit'],
      ['/api/instances?limit=9223372036854775808', 'limit'],
      ['/api/deadlines?limit=1e2', 'limit'],
    ])('refuses %s with 400 naming the parameter', async (url, parameter) => {
      const response = await t.request('GET', url);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain(parameter);
    });

    it('still takes the largest offset and limit it allows, on both databases', async () => {
      const response = await t.request('GET', '/api/instances?offset=2147483647&limit=500');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ items: [], offset: 2_147_483_647, limit: 500 });
      expect((await t.request('GET', '/api/instances?offset=007')).body.offset).toBe(7);
    });

    it.each([
      ['/api/instances?kind=ten%00der', 'kind'],
      ['/api/instances?state=publi%00shed', 'state'],
      ['/api/instances?stage=a%01b', 'stage'],
      ['/api/deadlines?kind=ten%00der', 'kind'],
      ['/api/indicators?kind=ten%7Fder', 'kind'],
      ['/api/instances/KNOWN/state?at=2022-08-01T00:00:00Z%00', 'at'],
    ])('refuses control characters in %s with 400 naming the parameter', async (url, parameter) => {
      const response = await t.request('GET', url.replace('KNOWN', tenderId));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain(parameter);
      expect(response.body.detail).toMatch(/control character/);
    });

    it.each([
      ['POST', '/api/instances', nestedJson(10_000)],
      ['POST', '/api/instances', `{"kind":"tender","input":${nestedJson(10_000)}}`],
      ['POST', '/api/instances', `{"kind":"tender","input":{"criteria":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`],
      ['POST', '/api/instances/KNOWN/events', `{"type":"SUBMIT_BID","documents":${nestedJson(10_000)}}`],
      ['POST', '/api/instances/KNOWN/events', `{"type":"PUBLISH","x":${nestedJson(65)}}`],
      ['POST', '/api/clock', `{"advanceTo":${nestedJson(10_000)}}`],
    ])('refuses JSON nested too deep: %s %s', async (method, url, payload) => {
      const before = await version();
      const response = await t.app.inject({
        method: method as 'POST',
        url: url.replace('KNOWN', tenderId),
        payload,
        headers: { 'content-type': 'application/json', ...bearer(url.includes('clock') ? 'scheduler' : 'administrator') },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(response.body)).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining('64 levels') });
      expect(await version()).toBe(before);
    });

    it('accepts JSON up to 64 levels deep (the limit is not below what a body needs)', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/instances/${tenderId}/events`,
        payload: `{"type":"PUBLISH","x":${nestedJson(62)}}`,
        headers: { 'content-type': 'application/json', ...bearer('administrator') },
      });
      // Parsed, then refused by the payload's own validation (no field x), not by the depth limit.
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body).detail).not.toContain('64 levels');
    });

    it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__proto__', '__defineGetter__'])(
      'refuses the key %s in a bid’s documents, naming the field, and stores nothing',
      async (key) => {
        const before = await version();
        // Written as text: an object literal would not carry __proto__ as a key.
        const payload = JSON.stringify(bid('Coaching Coop', '12345678000014', { at: '2022-07-20T14:00:00+02:00' })).replace(
          '"documents":{',
          `"documents":{${JSON.stringify(key)}:"x.pdf",`,
        );
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/instances/${tenderId}/events`,
          payload,
          headers: { 'content-type': 'application/json', ...bearer('administrator') },
        });
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(JSON.parse(response.body).detail).toMatch(key === '__proto__' ? /__proto__/ : /documents/);
        expect(await version()).toBe(before);
      },
    );

    it('refuses prototype-ish keys in score maps too', async () => {
      const response = await t.request('POST', `/api/instances/${tenderId}/events`, {
        type: 'SCORE_BID',
        bidId: 'B1',
        scores: { toString: 1 },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.detail).toContain('scores');
    });

    it.each([
      ['application/x-www-form-urlencoded', 'type=PUBLISH'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nPUBLISH\r\n--x--\r\n'],
      ['text/plain', '{"type":"PUBLISH"}'],
      ['application/xml', '<type>PUBLISH</type>'],
    ])('answers a %s body on a JSON route with 415 problem details', async (contentType, payload) => {
      const before = await version();
      for (const url of [`/api/instances/${tenderId}/events`, '/api/instances']) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': contentType, ...bearer('administrator') },
        });
        expect(response.statusCode).toBe(415);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(JSON.parse(response.body)).toMatchObject({
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          detail: expect.stringContaining('application/json'),
        });
      }
      expect(await version()).toBe(before);
    });
  });
});

describe('stalled connections (a real listening server)', () => {
  let t: TestApp;
  let port: number;
  const REQUEST_TIMEOUT_MS = 600;
  const HEADERS_TIMEOUT_MS = 400;

  beforeAll(async () => {
    t = await startTestApp(testDatabases()[0], {
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  /** Opens a socket, writes `text`, then waits (without writing more) until the server closes it. */
  function closedByServerAfter(text: string, patienceMs: number): Promise<{ closedAfterMs: number; received: string }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let received = '';
      const socket: Socket = connect(port, '127.0.0.1', () => socket.write(text));
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the server still held the connection after ${patienceMs} ms`));
      }, patienceMs);
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ closedAfterMs: Date.now() - started, received });
      });
    });
  }

  it('closes a connection whose body never comes (headers with a content-length, then nothing)', async () => {
    const { closedAfterMs, received } = await closedByServerAfter(
      'POST /api/instances HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"kind":',
      5_000,
    );
    expect(closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose headers never end', async () => {
    const { closedAfterMs, received } = await closedByServerAfter('GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 5_000);
    expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes an idle keep-alive connection after its request was answered', async () => {
    const { received } = await closedByServerAfter('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n', 5_000);
    expect(received).toMatch(/^HTTP\/1\.1 200/);
  });
});
