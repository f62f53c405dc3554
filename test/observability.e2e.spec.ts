import { request as httpRequest } from 'node:http';
import { freePort } from './support/built-service';
import { LogCapture, parseMetrics, sampleValue } from './support/log-capture';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, TEST_PRINCIPALS, TEST_TOKENS, testDatabases, type TestApp } from './support/test-app';

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' };
const bid = {
  type: 'SUBMIT_BID',
  bidder: { name: 'Coaching Coop', identifier: '11111111100014' },
  priceExclVatCents: 3_166_667,
  priceInclVatCents: 3_800_000,
  documents: completeDocuments,
};

async function scrape(t: TestApp) {
  const response = await t.request('GET', '/api/metrics', undefined, bearer('auditor'));
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return parseMetrics(response.body as string);
}

describe.each(testDatabases())('structured logs ($name)', (database) => {
  let t: TestApp;
  let logs: LogCapture;

  beforeAll(async () => {
    logs = new LogCapture();
    t = await startTestApp(database, { ...SIMULATED, LOG_LEVEL: 'info' }, undefined, { logDestination: logs });
  });

  afterAll(async () => {
    await t.close();
  });

  it('writes one JSON line per request, with the request id it echoes, and never the token', async () => {
    const given = await t.request('GET', '/api/instances?limit=1', undefined, { ...bearer('auditor'), 'x-request-id': 'client-req-42' });
    expect(given.headers['x-request-id']).toBe('client-req-42');
    const generated = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    expect(generated.status).toBe(201);
    const id = String(generated.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // An id that is not sane (too long, or not printable) is replaced.
    const tooLong = await t.request('GET', '/api/health/live', undefined, { 'x-request-id': 'x'.repeat(200) });
    expect(tooLong.headers['x-request-id']).not.toBe('x'.repeat(200));
    const refused = await t.request('GET', '/api/instances', undefined, { authorization: 'Bearer not-a-token-0000000000' });
    expect(refused.status).toBe(401);

    const records = logs.records();
    const line = (requestId: unknown) => records.filter((record) => record.msg === 'request' && record.requestId === requestId);
    expect(line('client-req-42')).toEqual([
      expect.objectContaining({
        level: 'info',
        method: 'GET',
        route: '/api/instances',
        status: 200,
        principal: TEST_PRINCIPALS.auditor,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(line(id)).toEqual([
      expect.objectContaining({ method: 'POST', route: '/api/instances', status: 201, principal: TEST_PRINCIPALS.administrator }),
    ]);
    expect(line(tooLong.headers['x-request-id'])).toHaveLength(1);
    expect(line(refused.headers['x-request-id'])).toEqual([expect.objectContaining({ status: 401 })]);
    expect(line(refused.headers['x-request-id'])[0]).not.toHaveProperty('principal');
    for (const text of logs.lines) {
      for (const token of [...Object.values(TEST_TOKENS), 'not-a-token-0000000000']) expect(text).not.toContain(token);
      expect(text).not.toMatch(/authorization/i);
    }
  });

  it('writes a line per deadline fired, inside the request that moved the clock', async () => {
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    const id = created.body.id as string;
    expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
    await t.request('POST', '/api/clock', { advanceTo: '2022-07-20T14:00:00+02:00' });
    expect((await t.request('POST', `/api/instances/${id}/events`, bid)).status).toBe(200);
    const moved = await t.request(
      'POST',
      '/api/clock',
      { advanceTo: '2022-08-10T09:00:00+02:00' },
      { ...bearer('scheduler'), 'x-request-id': 'clock-move-1' },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.fired).toEqual(
      expect.arrayContaining([expect.objectContaining({ instanceId: id, event: 'CLOSE_BIDS', outcome: 'applied' })]),
    );

    const fired = logs.records().filter((record) => record.msg === 'deadline fired' && record.instanceId === id);
    expect(fired).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'Scheduler',
        requestId: 'clock-move-1',
        kind: 'tender',
        event: 'CLOSE_BIDS',
        dueAt: '2022-08-05T21:59:59.000Z',
        latenessMs: 0,
        outcome: 'applied',
      }),
    ]);
  });
});

describe.each(testDatabases())('metrics ($name)', (database) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(database, SIMULATED);
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts exactly the commands applied and refused, and the deadlines fired and pending', async () => {
    const before = await scrape(t);
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    const id = created.body.id as string;
    await t.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' });
    await t.request('POST', '/api/clock', { advanceTo: '2022-07-20T14:00:00+02:00' });
    await t.request('POST', `/api/instances/${id}/events`, bid);
    // Before the bid deadline: refused by the rule that guards closing.
    const refused = await t.request('POST', `/api/instances/${id}/events`, { type: 'CLOSE_BIDS' });
    expect(refused.status).toBe(422);
    const rule = refused.body.rule as string;
    expect(typeof rule).toBe('string');
    const wrongState = await t.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' });
    expect(wrongState.status).toBe(409);
    const pendingBefore = await scrape(t);
    expect(sampleValue(pendingBefore, 'engine_deadlines', { status: 'pending' })).toBeGreaterThanOrEqual(1);
    await t.request('POST', '/api/clock', { advanceTo: '2022-08-10T09:00:00+02:00' });
    const after = await scrape(t);

    const moved = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(moved('engine_commands_applied_total', { kind: 'tender', event: 'CREATE' })).toBe(1);
    expect(moved('engine_commands_applied_total', { kind: 'tender', event: 'PUBLISH' })).toBe(1);
    expect(moved('engine_commands_applied_total', { kind: 'tender', event: 'SUBMIT_BID' })).toBe(1);
    expect(moved('engine_commands_applied_total', { kind: 'tender', event: 'CLOSE_BIDS' })).toBe(1);
    expect(moved('engine_commands_refused_total', { kind: 'tender', event: 'CLOSE_BIDS', code: 'RULE_REFUSED', rule })).toBe(1);
    expect(moved('engine_commands_refused_total', { kind: 'tender', event: 'PUBLISH', code: 'EVENT_NOT_ACCEPTED', rule: '' })).toBe(1);
    expect(moved('engine_deadline_lateness_seconds_count', {})).toBe(1);
    expect(sampleValue(after, 'engine_deadlines', { status: 'failed' })).toBe(0);
    expect(
      sampleValue(after, 'engine_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/instances/:id/events',
        status_class: '2xx',
      }),
    ).toBe(2);
    expect(
      sampleValue(after, 'engine_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/instances/:id/events',
        status_class: '4xx',
      }),
    ).toBe(2);
    if (database.name === 'sqlite') {
      expect(moved('engine_sqlite_group_commit_commands_sum', {})).toBeGreaterThanOrEqual(4);
      // The checkpointer's worker reports each checkpoint it runs (every 25 ms once started).
      let checkpoints = sampleValue(after, 'engine_sqlite_wal_checkpoint_duration_seconds_count');
      for (let attempt = 0; checkpoints === 0 && attempt < 100; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        checkpoints = sampleValue(await scrape(t), 'engine_sqlite_wal_checkpoint_duration_seconds_count');
      }
      expect(checkpoints).toBeGreaterThan(0);
    }
    expect(sampleValue(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('are for auditors and schedulers only', async () => {
    expect((await t.request('GET', '/api/metrics', undefined, bearer('scheduler'))).status).toBe(200);
    const admin = await t.request('GET', '/api/metrics', undefined, bearer('administrator'));
    expect(admin.status).toBe(403);
    expect(admin.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.request('GET', '/api/metrics', undefined, { authorization: '' })).status).toBe(401);
  });
});

function get(port: number, path: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, type: String(response.headers['content-type']) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('metrics on a port of their own', () => {
  it('serves them there without a token, and not on the API', async () => {
    const port = await freePort();
    const t = await startTestApp(testDatabases()[0], { ...SIMULATED, METRICS_PORT: String(port) });
    try {
      await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
      const scraped = await get(port, '/metrics');
      expect(scraped.status).toBe(200);
      expect(scraped.type).toContain('text/plain');
      expect(sampleValue(parseMetrics(scraped.body), 'engine_commands_applied_total', { kind: 'tender', event: 'CREATE' })).toBe(1);
      expect((await get(port, '/elsewhere')).status).toBe(404);
      expect((await t.request('GET', '/api/metrics', undefined, bearer('auditor'))).status).toBe(404);
    } finally {
      await t.close();
    }
    // Closed with the application.
    await expect(get(port, '/metrics')).rejects.toThrow();
  });
});
