import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { AuditService } from '../src/audit/audit.service';
import { ExportVerifier } from '../src/audit/export-format.util';
import { MachineCatalogue } from '../src/engine/machine-catalogue';
import { Database } from '../src/persistence/database';
import { seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

/*
 * The auditors' routes for the console: one record's history as a file, every history as a streamed
 * file, and verification a page at a time. Four records, one of them tampered with in the database
 * (the actor of its PUBLISH event rewritten), so that its chain breaks at seq 2.
 */

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' };

type Line = Record<string, unknown>;

const linesOf = (text: string): Line[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);

describe.each(testDatabases())('audit routes for the console ($name)', (database) => {
  let t: TestApp;
  /** a: published tender (2 events); b: draft tender (1); c: convention (1); d: published tender, tampered at seq 2. */
  const ids = { a: '', b: '', c: '', d: '' };
  /** createdAt of each record, set in the database (the service writes the real time). */
  const CREATED = {
    a: '2022-06-27T07:00:00.000Z',
    b: '2022-06-28T07:00:00.000Z',
    c: '2022-06-29T07:00:00.000Z',
    d: '2022-06-30T07:00:00.000Z',
  };
  const byId = () => new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  const sortedNames = (names: (keyof typeof ids)[]) =>
    names
      .map((name) => ids[name])
      .sort()
      .map((id) => byId().get(id));

  const create = async (kind: string, input: unknown) => {
    const response = await t.request('POST', '/api/instances', { kind, input });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp(database, SIMULATED);
    ids.a = await create('tender', seed001TenderInput);
    expect((await t.request('POST', `/api/instances/${ids.a}/events`, { type: 'PUBLISH' })).status).toBe(200);
    ids.b = await create('tender', { title: 'Draft tender', buyer: 'Ville de Dijon' });
    ids.c = await create('convention', SPRO_EP_CHATEAUROUX);
    ids.d = await create('tender', seed001TenderInput);
    expect((await t.request('POST', `/api/instances/${ids.d}/events`, { type: 'PUBLISH' })).status).toBe(200);
    const sql = t.app.get(Database).dataSource;
    await sql.query(`UPDATE events SET actor = 'mallory' WHERE instance_id = '${ids.d}' AND seq = 2`);
    for (const [name, createdAt] of Object.entries(CREATED)) {
      await sql.query(`UPDATE instances SET created_at = '${createdAt}' WHERE id = '${ids[name as keyof typeof ids]}'`);
    }
  });

  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/instances/:id/history.jsonl', () => {
    it('is the export of that one record, as the command line writes it, as a download', async () => {
      const response = await t.request('GET', `/api/instances/${ids.a}/history.jsonl`, undefined, bearer('auditor'));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${ids.a}.history.jsonl"`);
      const text = response.body as unknown as string;
      expect(text.endsWith('\n')).toBe(true);
      const lines = linesOf(text);
      expect(lines.map((line) => [line.record, line.seq ?? null])).toEqual([
        ['export', null],
        ['instance', null],
        ['event', 1],
        ['event', 2],
        ['end', null],
      ]);
      expect(lines[1]).toMatchObject({ instanceId: ids.a, kind: 'tender', version: 2, state: 'open.published' });
      expect(lines[4]).toEqual({ record: 'end', instances: 1, events: 2 });

      // Line for line what `engine-cli export <id>` writes (the same service), at the same exportedAt.
      const cli: string[] = [];
      await t.app
        .get(AuditService)
        .exportHistories((line) => void cli.push(line), { ids: [ids.a], exportedAt: lines[0].exportedAt as string });
      expect(text).toBe(cli.map((line) => `${line}\n`).join(''));

      const verifier = new ExportVerifier(t.app.get(MachineCatalogue));
      for (const line of text.split('\n').filter(Boolean)) verifier.push(line);
      expect(verifier.finish()).toMatchObject({ ok: true, instances: 1, events: 2 });
    });

    it('answers every reader, and 404 for a record that does not exist', async () => {
      for (const role of ['administrator', 'scheduler'] as const) {
        expect((await t.request('GET', `/api/instances/${ids.b}/history.jsonl`, undefined, bearer(role))).status).toBe(200);
      }
      const missing = await t.request(
        'GET',
        '/api/instances/00000000-0000-4000-8000-000000000000/history.jsonl',
        undefined,
        bearer('auditor'),
      );
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.body.code).toBe('INSTANCE_NOT_FOUND');
      expect((await t.request('GET', '/api/instances/nope/history.jsonl', undefined, bearer('auditor'))).status).toBe(404);
      expect((await t.request('GET', `/api/instances/${ids.a}/history.jsonl`, undefined, { authorization: '' })).status).toBe(401);
    });
  });

  describe('GET /api/audit/export', () => {
    const exported = async (query = '') => {
      const response = await t.request('GET', `/api/audit/export${query}`, undefined, bearer('auditor'));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-export-[0-9TZ-]+\.jsonl"$/);
      return response.body as unknown as string;
    };
    const recordsIn = (text: string) =>
      linesOf(text)
        .filter((line) => line.record === 'instance')
        .map((line) => byId().get(line.instanceId as string));

    it('is every history, by ascending id, in the command line’s format; verifying the file finds the tampered one', async () => {
      const text = await exported();
      const lines = linesOf(text);
      expect(lines[0]).toMatchObject({ record: 'export', format: 'procurement-engine-audit-export', formatVersion: 1 });
      expect(lines[lines.length - 1]).toEqual({ record: 'end', instances: 4, events: 6 });
      expect(recordsIn(text)).toEqual(sortedNames(['a', 'b', 'c', 'd']));

      const cli: string[] = [];
      await t.app.get(AuditService).exportHistories((line) => void cli.push(line), { exportedAt: lines[0].exportedAt as string });
      expect(text).toBe(cli.map((line) => `${line}\n`).join(''));

      const verifier = new ExportVerifier(t.app.get(MachineCatalogue));
      for (const line of text.split('\n').filter(Boolean)) verifier.push(line);
      const verification = verifier.finish();
      expect(verification).toMatchObject({ ok: false, instances: 4, instancesOk: 3 });
      expect(verification.failures).toEqual([expect.objectContaining({ instanceId: ids.d, firstDivergentSeq: 2 })]);
    });

    it('takes a kind and a creation period (from inclusive, to exclusive)', async () => {
      expect(recordsIn(await exported('?kind=convention'))).toEqual(['c']);
      expect(linesOf(await exported('?kind=convention')).pop()).toEqual({ record: 'end', instances: 1, events: 1 });
      expect(recordsIn(await exported('?from=2022-06-28T07:00:00Z&to=2022-06-30T07:00:00Z'))).toEqual(sortedNames(['b', 'c']));
      expect(recordsIn(await exported(`?kind=tender&from=${encodeURIComponent('2022-06-28T09:00:00+02:00')}`))).toEqual(
        sortedNames(['b', 'd']),
      );
      expect(recordsIn(await exported('?kind=cohort'))).toEqual([]);
      expect(linesOf(await exported('?kind=cohort')).pop()).toEqual({ record: 'end', instances: 0, events: 0 });
    });

    it('refuses bad parameters with one error per field', async () => {
      const response = await t.request(
        'GET',
        `/api/audit/export?from=yesterday&to=2022-02-30T00:00:00Z&kind=${'k'.repeat(65)}&ids=1`,
        undefined,
        bearer('auditor'),
      );
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((response.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(['from', 'ids', 'kind', 'to']);
      expect((await t.request('GET', '/api/audit/export', undefined, { authorization: '' })).status).toBe(401);
    });
  });

  describe('GET /api/audit/verify', () => {
    const page = async (query: string) => {
      const response = await t.request('GET', `/api/audit/verify${query}`, undefined, bearer('auditor'));
      expect(response.status).toBe(200);
      return response.body as { items: Line[]; total: number; limit: number; offset: number };
    };

    it('verifies every record page by page, the tampered one with its first divergent event', async () => {
      const first = await page('?limit=3');
      expect(first).toMatchObject({ total: 4, limit: 3, offset: 0 });
      const second = await page('?limit=3&offset=3');
      expect(second).toMatchObject({ total: 4, limit: 3, offset: 3 });
      const items = [...first.items, ...second.items];
      expect(items.map((item) => byId().get(item.id as string))).toEqual(sortedNames(['a', 'b', 'c', 'd']));
      for (const item of items.filter((item) => item.id !== ids.d)) {
        expect(item).toEqual({
          id: item.id,
          kind: expect.any(String),
          ok: true,
          instanceId: item.id,
          eventsChecked: item.id === ids.a ? 2 : 1,
          firstDivergentSeq: null,
          problem: null,
        });
      }
      const tampered = items.find((item) => item.id === ids.d)!;
      expect(tampered).toEqual({
        id: ids.d,
        kind: 'tender',
        ok: false,
        instanceId: ids.d,
        eventsChecked: 2,
        firstDivergentSeq: 2,
        problem: expect.stringContaining('the stored hash'),
      });
      // The same report as the record's own verification.
      const { id: _id, kind: _kind, ...report } = tampered;
      expect((await t.request('GET', `/api/instances/${ids.d}/verify`, undefined, bearer('auditor'))).body).toEqual(report);
    });

    it('takes a kind; a page past the end is empty', async () => {
      const tenders = await page('?kind=tender');
      expect(tenders.total).toBe(3);
      expect(tenders.items.map((item) => byId().get(item.id as string))).toEqual(sortedNames(['a', 'b', 'd']));
      expect(await page('?kind=convention')).toMatchObject({ total: 1, items: [{ id: ids.c, kind: 'convention', ok: true }] });
      expect(await page('?offset=10')).toEqual({ items: [], total: 4, limit: 50, offset: 10 });
    });

    it('refuses bad parameters with one error per field, and answers every reader', async () => {
      const bad = await t.request('GET', '/api/audit/verify?limit=0&offset=-1&kind=', undefined, bearer('auditor'));
      expect(bad.status).toBe(400);
      expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(['limit', 'offset']);
      expect((await t.request('GET', '/api/audit/verify?limit=201', undefined, bearer('auditor'))).status).toBe(400);
      for (const role of ['administrator', 'scheduler'] as const) {
        expect((await t.request('GET', '/api/audit/verify', undefined, bearer(role))).status).toBe(200);
      }
      expect((await t.request('GET', '/api/audit/verify', undefined, { authorization: '' })).status).toBe(401);
    });
  });
});

describe.each(testDatabases())('the streamed export over a real connection ($name)', (database) => {
  let t: TestApp;
  let port: number;
  /** More records than one batch of the export (200), so that it is written batch after batch. */
  const RECORDS = 260;

  beforeAll(async () => {
    t = await startTestApp(database, SIMULATED);
    for (let index = 0; index < RECORDS; index += 1) {
      const response = await t.request('POST', '/api/instances', { kind: 'convention', input: SPRO_EP_CHATEAUROUX });
      expect(response.status).toBe(201);
    }
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  const get = (onResponse: (response: import('node:http').IncomingMessage) => void) =>
    new Promise<void>((resolve, reject) => {
      const request = httpRequest({ port, host: '127.0.0.1', path: '/api/audit/export', headers: bearer('auditor') }, (response) => {
        onResponse(response);
        response.on('close', resolve);
        response.on('error', () => resolve());
      });
      request.on('error', reject);
      request.end();
    });

  it('arrives whole, in chunks, with its end line', async () => {
    const chunks: Buffer[] = [];
    await get((response) => {
      expect(response.statusCode).toBe(200);
      expect(response.headers['transfer-encoding']).toBe('chunked');
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
    });
    const lines = linesOf(Buffer.concat(chunks).toString('utf8'));
    expect(lines.pop()).toEqual({ record: 'end', instances: RECORDS, events: RECORDS });
  });

  it('a client that goes away midway leaves the service answering', async () => {
    await get((response) => {
      response.once('data', () => response.destroy());
    });
    const health = await t.request('GET', '/api/health/live');
    expect(health.status).toBe(200);
    const again = await t.request('GET', '/api/audit/export', undefined, bearer('auditor'));
    expect(linesOf(again.body as unknown as string).pop()).toEqual({ record: 'end', instances: RECORDS, events: RECORDS });
  });
});
