import { Database } from '../src/persistence/database';
import { IdempotencyService } from '../src/instances/idempotency.service';
import { seed001FirstBid, seed001TenderInput } from './support/seed-001';
import { startTestApp, TEST_PRINCIPALS, TEST_TOKENS, testDatabases, type TestApp, type TestResponse } from './support/test-app';

/** A second administrator, to show that keys belong to whoever sends them. */
const OTHER_ADMIN_TOKEN = 'other-admin-token-0123456789abcdef';
const API_TOKENS = [
  `${TEST_PRINCIPALS.administrator}=administrator:${TEST_TOKENS.administrator}`,
  `paul.admin=administrator:${OTHER_ADMIN_TOKEN}`,
  `${TEST_PRINCIPALS.scheduler}=scheduler:${TEST_TOKENS.scheduler}`,
  `${TEST_PRINCIPALS.auditor}=auditor:${TEST_TOKENS.auditor}`,
].join(',');

const draft = { kind: 'tender', input: { title: 'Coaching of job seekers' }, at: '2022-06-27T09:00:00+02:00' };
const bid = seed001FirstBid;

const key = (value: string) => ({ 'idempotency-key': value });

async function instanceCount(t: TestApp): Promise<number> {
  return (await t.request('GET', '/api/instances?limit=1')).body.total as number;
}

async function historyLength(t: TestApp, id: string): Promise<number> {
  return (await t.request('GET', `/api/instances/${id}/history?limit=1`)).body.total as number;
}

/** A published tender (version 2), ready to take bids. */
async function publishedTender(t: TestApp): Promise<string> {
  const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput, at: '2022-06-27T09:00:00+02:00' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH', at: '2022-07-04T09:00:00+02:00' })).status).toBe(200);
  return id;
}

function expectSameAnswer(replayed: TestResponse<unknown>, first: TestResponse<unknown>): void {
  expect(replayed.status).toBe(first.status);
  expect(replayed.body).toEqual(first.body);
  expect(replayed.headers.etag).toBe(first.headers.etag);
  expect(replayed.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
}

describe.each(testDatabases())('safe retries and conditional requests ($name)', (database) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(database, { API_TOKENS });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('Idempotency-Key', () => {
    it('answers a retried create with the first 201, its body and Location, and stores one record', async () => {
      const before = await instanceCount(t);
      const first = await t.request('POST', '/api/instances', draft, key('create-1'));
      expect(first.status).toBe(201);
      expect(first.headers.location).toBe(`/api/instances/${first.body.id}`);
      expect(first.headers.etag).toBe('"1"');
      // The same JSON with its keys in another order is the same request.
      const retried = await t.request('POST', '/api/instances', { at: draft.at, input: draft.input, kind: draft.kind }, key('create-1'));
      expectSameAnswer(retried, first);
      expect(retried.headers.location).toBe(first.headers.location);
      expect(await instanceCount(t)).toBe(before + 1);
    });

    it('answers a retried event with the first 200 and the view as it was, and records the event once', async () => {
      const id = await publishedTender(t);
      const first = await t.request('POST', `/api/instances/${id}/events`, bid, key('bid-1'));
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(3);
      // The record moves on; the retry still answers the first response, not the current view.
      const other = { ...bid, at: '2022-07-21T14:00:00+02:00', bidder: { name: 'Insertion Conseil', identifier: '33333333300032' } };
      expect((await t.request('POST', `/api/instances/${id}/events`, other)).body.version).toBe(4);
      const retried = await t.request('POST', `/api/instances/${id}/events`, bid, key('bid-1'));
      expectSameAnswer(retried, first);
      expect(retried.body.version).toBe(3);
      expect(await historyLength(t, id)).toBe(4);
    });

    it('refuses the same key with another body (422) and stores nothing', async () => {
      const before = await instanceCount(t);
      expect((await t.request('POST', '/api/instances', draft, key('reused'))).status).toBe(201);
      const reused = await t.request('POST', '/api/instances', { ...draft, input: { title: 'Another tender' } }, key('reused'));
      expect(reused.status).toBe(422);
      expect(reused.headers['content-type']).toContain('application/problem+json');
      expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await instanceCount(t)).toBe(before + 1);

      const id = await publishedTender(t);
      expect((await t.request('POST', `/api/instances/${id}/events`, bid, key('bid-reused'))).status).toBe(200);
      const otherBid = await t.request('POST', `/api/instances/${id}/events`, { ...bid, priceExclVatCents: 1 }, key('bid-reused'));
      expect(otherBid.status).toBe(422);
      expect(otherBid.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await historyLength(t, id)).toBe(3);
    });

    it('does not store refusals: the corrected request may reuse the key', async () => {
      const created = await t.request('POST', '/api/instances', draft);
      const id = created.body.id as string;
      const refused = await t.request(
        'POST',
        `/api/instances/${id}/events`,
        { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' },
        key('fix'),
      );
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('RULE_REFUSED');
      const { title: _title, ...rest } = seed001TenderInput;
      const corrected = await t.request(
        'POST',
        `/api/instances/${id}/events`,
        { type: 'UPDATE_DRAFT', ...rest, at: '2022-06-28T09:00:00+02:00' },
        key('fix'),
      );
      expect(corrected.status).toBe(200);
      expect(corrected.headers['idempotent-replayed']).toBeUndefined();
      expect(await historyLength(t, id)).toBe(2);
    });

    it('applies ten concurrent identical requests with one key once', async () => {
      const before = await instanceCount(t);
      const creates = await Promise.all(Array.from({ length: 10 }, () => t.request('POST', '/api/instances', draft, key('burst-create'))));
      expect(creates.map((response) => response.status)).toEqual(Array(10).fill(201));
      expect(new Set(creates.map((response) => response.body.id)).size).toBe(1);
      expect(creates.filter((response) => response.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      expect(await instanceCount(t)).toBe(before + 1);

      const id = await publishedTender(t);
      const events = await Promise.all(
        Array.from({ length: 10 }, () => t.request('POST', `/api/instances/${id}/events`, bid, key('burst-bid'))),
      );
      expect(events.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect(new Set(events.map((response) => response.body.version))).toEqual(new Set([3]));
      expect(await historyLength(t, id)).toBe(3);
    });

    it('keeps keys per principal and per route', async () => {
      const mine = await t.request('POST', '/api/instances', draft, key('shared-key'));
      const theirs = await t.request('POST', '/api/instances', draft, {
        ...key('shared-key'),
        authorization: `Bearer ${OTHER_ADMIN_TOKEN}`,
      });
      expect(mine.status).toBe(201);
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      // The same key on an event route is another request.
      const { title: _title, ...rest } = seed001TenderInput;
      const event = await t.request('POST', `/api/instances/${mine.body.id}/events`, { type: 'UPDATE_DRAFT', ...rest }, key('shared-key'));
      expect(event.status).toBe(200);
      expect(event.body.version).toBe(2);
    });

    it('treats a key past its 24 hours as new, and purges expired keys', async () => {
      const first = await t.request('POST', '/api/instances', draft, key('old-key'));
      const database = t.app.get(Database);
      const aged = new Date(Date.now() - 24 * 3_600_000 - 60_000).toISOString();
      await database.sqlTransaction((session) =>
        session.run('UPDATE idempotency_keys SET created_at = ? WHERE idempotency_key = ?', [aged, 'old-key']),
      );
      const later = await t.request('POST', '/api/instances', draft, key('old-key'));
      expect(later.status).toBe(201);
      expect(later.body.id).not.toBe(first.body.id);
      expect(later.headers['idempotent-replayed']).toBeUndefined();
      // And the new response is the one the key answers now.
      expect((await t.request('POST', '/api/instances', draft, key('old-key'))).body.id).toBe(later.body.id);

      await database.sqlTransaction((session) =>
        session.run('UPDATE idempotency_keys SET created_at = ? WHERE idempotency_key = ?', [aged, 'old-key']),
      );
      const count = () =>
        database.sqlRead(async (session) =>
          Number(
            (await session.one<{ n: number }>('SELECT COUNT(*) AS n FROM idempotency_keys WHERE idempotency_key = ?', ['old-key']))!.n,
          ),
        );
      expect(await count()).toBe(1);
      expect(await t.app.get(IdempotencyService).purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(await count()).toBe(0);
    });

    it('refuses a key that is empty, too long or not printable ASCII (400), and reads the quoted form', async () => {
      for (const bad of ['', 'x'.repeat(256), 'tab\there', '"unterminated\\"']) {
        const response = await t.request('POST', '/api/instances', draft, key(bad));
        expect({ bad, status: response.status, code: response.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
      }
      const bare = await t.request('POST', '/api/instances', draft, key('k'.repeat(255)));
      expect(bare.status).toBe(201);
      const quoted = await t.request('POST', '/api/instances', draft, key(`"${'k'.repeat(255)}"`));
      expect(quoted.body.id).toBe(bare.body.id);
      expect(quoted.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('ETag, If-None-Match and If-Match', () => {
    it('tags the view with its version and answers 304 to If-None-Match', async () => {
      const created = await t.request('POST', '/api/instances', draft);
      const id = created.body.id as string;
      const view = await t.request('GET', `/api/instances/${id}`);
      expect(view.status).toBe(200);
      expect(view.headers.etag).toBe('"1"');
      for (const tag of ['"1"', 'W/"1"', '"7", "1"', '*']) {
        const cached = await t.request('GET', `/api/instances/${id}`, undefined, { 'if-none-match': tag });
        expect({ tag, status: cached.status, body: cached.body }).toEqual({ tag, status: 304, body: undefined });
        expect(cached.headers.etag).toBe('"1"');
      }
      const changed = await t.request('GET', `/api/instances/${id}`, undefined, { 'if-none-match': '"2"' });
      expect(changed.status).toBe(200);
      expect(changed.body.id).toBe(id);
    });

    it('applies an event whose If-Match names the current version, and refuses a stale one with 412', async () => {
      const id = await publishedTender(t);
      const matched = await t.request('POST', `/api/instances/${id}/events`, bid, { 'if-match': '"2"' });
      expect(matched.status).toBe(200);
      expect(matched.headers.etag).toBe('"3"');

      const other = { ...bid, at: '2022-07-21T14:00:00+02:00', bidder: { name: 'Insertion Conseil', identifier: '33333333300032' } };
      for (const tag of ['"2"', 'W/"3"', '"abc"']) {
        const stale = await t.request('POST', `/api/instances/${id}/events`, other, { 'if-match': tag });
        expect({ tag, status: stale.status, code: stale.body.code, currentVersion: stale.body.currentVersion }).toEqual({
          tag,
          status: 412,
          code: 'PRECONDITION_FAILED',
          currentVersion: 3,
        });
      }
      expect(await historyLength(t, id)).toBe(3);

      // A stale body expectedVersion keeps its 409.
      const conflict = await t.request('POST', `/api/instances/${id}/events`, { ...other, expectedVersion: 2 });
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('VERSION_CONFLICT');
      // Both given and different: 400; malformed: 400.
      expect((await t.request('POST', `/api/instances/${id}/events`, { ...other, expectedVersion: 2 }, { 'if-match': '"3"' })).status).toBe(
        400,
      );
      expect((await t.request('POST', `/api/instances/${id}/events`, other, { 'if-match': '3' })).status).toBe(400);
      expect(await historyLength(t, id)).toBe(3);

      const any = await t.request('POST', `/api/instances/${id}/events`, other, { 'if-match': '*' });
      expect(any.status).toBe(200);
      expect(any.headers.etag).toBe('"4"');
    });
  });

  describe('pages', () => {
    it('pages a history in SQL with limit, offset and afterSeq', async () => {
      const id = await publishedTender(t);
      await t.request('POST', `/api/instances/${id}/events`, bid);
      await t.request('POST', `/api/instances/${id}/events`, {
        ...bid,
        at: '2022-07-21T14:00:00+02:00',
        bidder: { name: 'B', identifier: '33333333300032' },
      });
      const whole = await t.request('GET', `/api/instances/${id}/history`);
      expect(whole.body).toMatchObject({ total: 4, limit: 100, offset: 0 });
      expect(whole.body.items.map((event: { seq: number }) => event.seq)).toEqual([1, 2, 3, 4]);
      const page = await t.request('GET', `/api/instances/${id}/history?limit=2&offset=1`);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page.body.items).toEqual(whole.body.items.slice(1, 3));
      const after = await t.request('GET', `/api/instances/${id}/history?afterSeq=2`);
      expect(after.body).toMatchObject({ total: 2, offset: 0 });
      expect(after.body.items.map((event: { seq: number }) => event.seq)).toEqual([3, 4]);
      for (const query of ['limit=0', 'limit=1001', 'offset=-1', 'afterSeq=x']) {
        expect({ query, status: (await t.request('GET', `/api/instances/${id}/history?${query}`)).status }).toEqual({ query, status: 400 });
      }
    });

    it('pages the agenda with limit and offset, with its total', async () => {
      await publishedTender(t);
      await publishedTender(t);
      const whole = await t.request('GET', '/api/deadlines?kind=tender');
      expect(whole.body.total).toBeGreaterThanOrEqual(2);
      expect(whole.body.items).toHaveLength(whole.body.total);
      expect(whole.body).toMatchObject({ limit: 200, offset: 0 });
      const page = await t.request('GET', '/api/deadlines?kind=tender&limit=1&offset=1');
      expect(page.body).toMatchObject({ total: whole.body.total, limit: 1, offset: 1 });
      expect(page.body.items).toEqual([whole.body.items[1]]);
    });
  });
});

describe.each(testDatabases())('retries across restarts and services ($name)', (database) => {
  it('replays a stored response after a restart on the same database', async () => {
    const url = database.url();
    try {
      const before = await startTestApp(database, {}, url);
      const created = await before.request('POST', '/api/instances', draft, key('across-restart'));
      const id = created.body.id as string;
      const event = await before.request(
        'POST',
        `/api/instances/${id}/events`,
        { type: 'UPDATE_DRAFT', object: 'Revised' },
        key('event-across-restart'),
      );
      await before.close();

      const after = await startTestApp(database, {}, url);
      try {
        expectSameAnswer(await after.request('POST', '/api/instances', draft, key('across-restart')), created);
        expectSameAnswer(
          await after.request(
            'POST',
            `/api/instances/${id}/events`,
            { type: 'UPDATE_DRAFT', object: 'Revised' },
            key('event-across-restart'),
          ),
          event,
        );
        expect(await historyLength(after, id)).toBe(2);
        expect(await instanceCount(after)).toBe(1);
      } finally {
        await after.close();
      }
    } finally {
      await database.cleanup(url);
    }
  });

  it('requires If-Match where the deployment says so (428), on events only', async () => {
    const strict = await startTestApp(database, { REQUIRE_IF_MATCH: 'on' });
    try {
      const created = await strict.request('POST', '/api/instances', draft);
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const without = await strict.request('POST', `/api/instances/${id}/events`, { type: 'UPDATE_DRAFT', object: 'Revised' });
      expect(without.status).toBe(428);
      expect(without.body.code).toBe('PRECONDITION_REQUIRED');
      expect(await historyLength(strict, id)).toBe(1);
      const withTag = await strict.request(
        'POST',
        `/api/instances/${id}/events`,
        { type: 'UPDATE_DRAFT', object: 'Revised' },
        { 'if-match': '"1"' },
      );
      expect(withTag.status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  if (database.name === 'postgres') {
    it('applies one key once when two services receive it at the same time', async () => {
      const first = await startTestApp(database);
      const second = await startTestApp(database, {}, first.databaseUrl);
      try {
        const id = await publishedTender(first);
        const responses = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 ? second : first).request('POST', `/api/instances/${id}/events`, bid, key('two-nodes')),
          ),
        );
        expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
        expect(new Set(responses.map((response) => response.body.version))).toEqual(new Set([3]));
        expect(await historyLength(first, id)).toBe(3);
      } finally {
        await second.close();
        await first.close();
      }
    });
  }
});
