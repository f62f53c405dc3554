import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { servedRoutesOf } from '../src/app.factory';
import { Database } from '../src/persistence/database';
import { Organisations1765900000000 } from '../src/persistence/migrations/1765900000000-organisations';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher.service';
import { freePort } from './support/built-service';
import { schemaBefore } from './support/schema-before';
import { seed001TenderInput } from './support/seed-001';
import { SseClient } from './support/sse';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

/** Two organisations, each with an administrator and an auditor; one administrator of both; a global auditor; a scheduler. */
const TOKENS = {
  adminA: 'org-a-admin-token-0123456789',
  auditorA: 'org-a-auditor-token-0123456789',
  adminB: 'org-b-admin-token-0123456789',
  auditorB: 'org-b-auditor-token-0123456789',
  adminAB: 'org-ab-admin-token-0123456789',
  global: 'global-auditor-token-0123456789',
  scheduler: 'org-scheduler-token-0123456789',
} as const;
type Who = keyof typeof TOKENS;

const API_TOKENS = [
  `region.admin=administrator@region-ara:${TOKENS.adminA}`,
  `region.audit=auditor@region-ara:${TOKENS.auditorA}`,
  `metro.admin=administrator@metropole:${TOKENS.adminB}`,
  `metro.audit=auditor@metropole:${TOKENS.auditorB}`,
  `both.admin=administrator@region-ara+metropole:${TOKENS.adminAB}`,
  `cour.des.comptes=global-auditor:${TOKENS.global}`,
  `cron=scheduler:${TOKENS.scheduler}`,
].join(',');

const as = (who: Who) => ({ authorization: `Bearer ${TOKENS[who]}` });

/** The API routes the application serves, the documentation page and its files aside. */
function servedApiRoutes(t: TestApp): string[] {
  const routes = servedRoutesOf(t.app)
    .filter((route) => route.url.startsWith('/api/') && !/^\/api\/(docs|openapi\.(json|yaml))/.test(route.url) && route.method !== 'head')
    .map((route) => `${route.method.toUpperCase()} ${route.url.slice('/api'.length)}`);
  return [...new Set(routes)].sort();
}

/** One organisation's records and objects. */
interface Side {
  tender: string;
  published: string;
  cancelled: string;
  child: string;
  webhook: string;
  notification: string;
}

/** A request the route takes, with `id` for its path parameter. */
interface ByIdRoute {
  path: (id: string) => string;
  body?: unknown;
  /** Which of a side's ids the route is about. */
  target: keyof Side;
}

const BY_ID: Record<string, ByIdRoute> = {
  'GET /instances/:id': { path: (id) => `/api/instances/${id}`, target: 'tender' },
  'POST /instances/:id/events': {
    path: (id) => `/api/instances/${id}/events`,
    body: { type: 'UPDATE_DRAFT', object: 'changed' },
    target: 'tender',
  },
  'GET /instances/:id/history': { path: (id) => `/api/instances/${id}/history`, target: 'tender' },
  'GET /instances/:id/history.jsonl': { path: (id) => `/api/instances/${id}/history.jsonl`, target: 'tender' },
  'GET /instances/:id/state': { path: (id) => `/api/instances/${id}/state?at=2030-01-01T00:00:00Z`, target: 'tender' },
  'GET /instances/:id/changes': { path: (id) => `/api/instances/${id}/changes`, target: 'tender' },
  'GET /instances/:id/verify': { path: (id) => `/api/instances/${id}/verify`, target: 'tender' },
  'GET /instances/:id/notifications': { path: (id) => `/api/instances/${id}/notifications`, target: 'cancelled' },
  'GET /instances/:id/ocds': { path: (id) => `/api/instances/${id}/ocds`, target: 'published' },
  'DELETE /webhooks/:id': { path: (id) => `/api/webhooks/${id}`, target: 'webhook' },
  'POST /webhooks/:id/rotate-secret': { path: (id) => `/api/webhooks/${id}/rotate-secret`, target: 'webhook' },
  'POST /notifications/:id/retry': { path: (id) => `/api/notifications/${id}/retry`, target: 'notification' },
};

/** Collections: what they answer must name no record of an organisation the caller may not read. */
const COLLECTIONS: Record<string, string> = {
  'GET /instances': '/api/instances?limit=200',
  'GET /instances/summary': '/api/instances/summary',
  'GET /deadlines': '/api/deadlines?limit=200',
  'GET /indicators': '/api/indicators',
  'GET /audit/export': '/api/audit/export',
  'GET /audit/verify': '/api/audit/verify?limit=200',
  'GET /open-data/decp': '/api/open-data/decp?from=2000-01-01&to=2100-12-31',
  'GET /open-data/ocds': '/api/open-data/ocds?from=2000-01-01&to=2100-12-31',
  'GET /notifications': '/api/notifications?limit=200',
  'GET /webhooks': '/api/webhooks?limit=200',
};

/** Routes that hold no record: their answers are the same whatever the organisation (checked to name none). */
const RECORDLESS: Record<string, string> = {
  'GET /health': '/api/health',
  'GET /health/live': '/api/health/live',
  'GET /health/ready': '/api/health/ready',
  'GET /problems': '/api/problems',
  'GET /problems/:code': '/api/problems/instance-not-found',
  'GET /auth/config': '/api/auth/config',
  'GET /me': '/api/me',
  'GET /metrics': '/api/metrics',
  'GET /machines': '/api/machines',
  'GET /machines/:kind': '/api/machines/tender',
  'GET /clock': '/api/clock',
  // The transparency log covers every event of the database: hashes, proofs and signed checkpoints, no record's content.
  'GET /transparency/checkpoint': '/api/transparency/checkpoint',
  'GET /transparency/key': '/api/transparency/key',
  'GET /transparency/proof/inclusion': '/api/transparency/proof/inclusion?index=0',
  'GET /transparency/proof/consistency': '/api/transparency/proof/consistency?from=1',
};

/** Writes without an id, and the stream: checked by their own tests below. */
const OWN_TESTS = [
  'POST /instances',
  'POST /clock',
  'POST /deadlines/fire-due',
  'POST /webhooks',
  'GET /stream',
  'POST /transparency/checkpoint',
];

/** Who belongs to one organisation only, and the other organisation's side they must not reach. */
const WALLED: { who: Who; own: 'a' | 'b' }[] = [
  { who: 'adminA', own: 'a' },
  { who: 'auditorA', own: 'a' },
  { who: 'adminB', own: 'b' },
  { who: 'auditorB', own: 'b' },
];

describe.each(testDatabases())('organisations ($name)', (database) => {
  let t: TestApp;
  const sides = {} as Record<'a' | 'b', Side>;
  let base: string;

  const send = (who: Who, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => t.request(method, path, body, as(who));

  async function makeSide(admin: Who): Promise<Side> {
    const created = async (body: unknown) => {
      const response = await send(admin, 'POST', '/api/instances', body);
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const tender = await created({ kind: 'tender', input: seed001TenderInput });
    const published = await created({ kind: 'tender', input: seed001TenderInput });
    expect((await send(admin, 'POST', `/api/instances/${published}/events`, { type: 'PUBLISH' })).status).toBe(200);
    const cancelled = await created({ kind: 'tender', input: { title: 'Cancelled' } });
    const child = await created({ kind: 'tender', input: { title: 'Child' }, parentId: tender });
    const webhook = (await send(admin, 'POST', '/api/webhooks', { url: `http://127.0.0.1:${await freePort()}/hooks` })).body.id as string;
    return { tender, published, cancelled, child, webhook, notification: '' };
  }

  beforeAll(async () => {
    t = await startTestApp(database, {
      API_TOKENS,
      CLOCK: 'simulated',
      CLOCK_START: '2022-06-27T09:00:00+02:00',
      WEBHOOK_MAX_ATTEMPTS: '1',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    sides.a = await makeSide('adminA');
    sides.b = await makeSide('adminB');
    // Each organisation's cancellation notifies its own subscription (dead: nobody listens, one attempt).
    for (const [side, admin] of [
      ['a', 'adminA'],
      ['b', 'adminB'],
    ] as const) {
      await send(admin, 'POST', `/api/instances/${sides[side].cancelled}/events`, { type: 'CANCEL', reason: 'Withdrawn' });
    }
    await t.app.get(NotificationDispatcher).runOnce();
    for (const [side, admin] of [
      ['a', 'adminA'],
      ['b', 'adminB'],
    ] as const) {
      const deliveries = await send(admin, 'GET', `/api/notifications?subscriptionId=${sides[side].webhook}`);
      expect(deliveries.body.items.length).toBeGreaterThan(0);
      sides[side].notification = deliveries.body.items[0].id;
    }
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  const other = (own: 'a' | 'b') => (own === 'a' ? 'b' : 'a');
  const idsOf = (side: Side) => Object.values(side).filter((value) => value !== '');

  it('classifies every route the service serves', () => {
    const known = [...Object.keys(BY_ID), ...Object.keys(COLLECTIONS), ...Object.keys(RECORDLESS), ...OWN_TESTS];
    const routes = servedApiRoutes(t);
    expect(routes.filter((route) => !known.includes(route))).toEqual([]);
    expect(known.filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('shows the organisation in the view and the list; a child takes its parent’s, whatever is asked', async () => {
    const view = await send('auditorA', 'GET', `/api/instances/${sides.a.tender}`);
    expect(view.body.organisation).toBe('region-ara');
    const list = await send('auditorB', 'GET', '/api/instances');
    expect(new Set(list.body.items.map((item: { organisation: string }) => item.organisation))).toEqual(new Set(['metropole']));
    expect((await send('auditorA', 'GET', `/api/instances/${sides.a.child}`)).body.organisation).toBe('region-ara');
    // An administrator of both names the other organisation: the child is still its parent's.
    const child = await send('adminAB', 'POST', '/api/instances', {
      kind: 'tender',
      input: { title: 'Child' },
      parentId: sides.b.tender,
      organisation: 'region-ara',
    });
    expect(child.status).toBe(201);
    expect(child.body.organisation).toBe('metropole');
    expect(
      (await send('adminAB', 'POST', '/api/instances', { kind: 'tender', input: {}, parentId: sides.b.tender })).body.organisation,
    ).toBe('metropole');
  });

  it('creates in the organisation named, if the caller belongs to it; several and none named is 400 naming them', async () => {
    const named = await send('adminAB', 'POST', '/api/instances', { kind: 'tender', input: {}, organisation: 'metropole' });
    expect([named.status, named.body.organisation]).toEqual([201, 'metropole']);
    const unnamed = await send('adminAB', 'POST', '/api/instances', { kind: 'tender', input: {} });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({ code: 'ORGANISATION_REQUIRED', organisations: ['region-ara', 'metropole'] });
    const foreign = await send('adminA', 'POST', '/api/instances', { kind: 'tender', input: {}, organisation: 'metropole' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'ORGANISATION_FORBIDDEN' });
    const own = await send('adminA', 'POST', '/api/instances', { kind: 'tender', input: {}, organisation: 'region-ara' });
    expect([own.status, own.body.organisation]).toEqual([201, 'region-ara']);
    // A parent of another organisation is refused as one that does not exist.
    const unknownParent = await send('adminA', 'POST', '/api/instances', { kind: 'tender', input: {}, parentId: randomUUID() });
    const foreignParent = await send('adminA', 'POST', '/api/instances', { kind: 'tender', input: {}, parentId: sides.b.tender });
    expect(foreignParent.status).toBe(400);
    expect(foreignParent.body).toEqual({
      ...unknownParent.body,
      detail: unknownParent.body.detail.replace(/[0-9a-f-]{36}/, sides.b.tender),
    });
    const bad = await send('adminA', 'POST', '/api/instances', { kind: 'tender', input: {}, organisation: 'a b' });
    expect(bad.status).toBe(400);
  });

  it('tells GET /api/me the organisations', async () => {
    expect((await send('adminAB', 'GET', '/api/me')).body).toMatchObject({
      organisations: ['region-ara', 'metropole'],
      allOrganisations: false,
    });
    expect((await send('global', 'GET', '/api/me')).body).toMatchObject({ role: 'global-auditor', allOrganisations: true });
    expect((await send('global', 'GET', '/api/me')).body.can).toMatchObject({ createRecords: false, sendEvents: false, readAudit: true });
  });

  /** The answer for the same route with an id nothing has, the id put back: what a foreign record must look like. */
  function asUnknown(response: { status: number; body: unknown }, unknownId: string, id: string) {
    return {
      status: response.status,
      body: JSON.parse(
        JSON.stringify(response.body ?? null)
          .split(unknownId)
          .join(id),
      ) as unknown,
    };
  }

  const byIdCases = Object.keys(BY_ID).flatMap((route) => WALLED.map(({ who, own }) => ({ route, who, own })));

  it.each(byIdCases)(
    '$route as $who: another organisation’s record is answered as one that does not exist',
    async ({ route, who, own }) => {
      const spec = BY_ID[route];
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'DELETE';
      const foreignId = sides[other(own)][spec.target];
      const unknownId = randomUUID();
      const historyBefore = (await send('global', 'GET', `/api/instances/${sides[other(own)].tender}/history`)).body.total as number;
      const unknown = await send(who, method, spec.path(unknownId), spec.body);
      const foreign = await send(who, method, spec.path(foreignId), spec.body);
      expect([400, 403, 404]).toContain(foreign.status);
      expect({ status: foreign.status, body: foreign.body }).toEqual(asUnknown(unknown, unknownId, foreignId));
      // Nothing was written to the other organisation's record.
      expect((await send('global', 'GET', `/api/instances/${sides[other(own)].tender}/history`)).body.total).toBe(historyBefore);
    },
  );

  it('answers HEAD on another organisation’s record as on one that does not exist', async () => {
    for (const path of [`/api/instances/${sides.b.tender}`, `/api/instances/${sides.b.tender}/history`]) {
      const foreign = await t.app.inject({ method: 'HEAD', url: path, headers: as('auditorA') });
      const unknown = await t.app.inject({ method: 'HEAD', url: path.replace(sides.b.tender, randomUUID()), headers: as('auditorA') });
      expect([foreign.statusCode, foreign.headers.etag]).toEqual([unknown.statusCode, unknown.headers.etag]);
      expect(foreign.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'HEAD', url: path, headers: as('auditorB') })).statusCode).toBe(200);
    }
  });

  it('lets the global auditor and each organisation’s own people read their records', async () => {
    for (const route of Object.keys(BY_ID).filter((name) => name.startsWith('GET'))) {
      const spec = BY_ID[route];
      for (const side of ['a', 'b'] as const) {
        const own = side === 'a' ? 'auditorA' : 'auditorB';
        for (const who of ['global', own] as const) {
          const response = await send(who, 'GET', spec.path(sides[side][spec.target]));
          expect({ route, who, status: response.status }).toEqual({ route, who, status: 200 });
        }
      }
    }
    // The global auditor writes nothing.
    expect((await send('global', 'POST', `/api/instances/${sides.a.tender}/events`, { type: 'UPDATE_DRAFT', object: 'x' })).status).toBe(
      403,
    );
    expect((await send('global', 'POST', '/api/instances', { kind: 'tender', input: {} })).status).toBe(403);
  });

  const collectionCases = Object.keys(COLLECTIONS).flatMap((route) => WALLED.map(({ who, own }) => ({ route, who, own })));

  it.each(collectionCases)('$route as $who: nothing of the other organisation', async ({ route, who, own }) => {
    const response = await send(who, 'GET', COLLECTIONS[route]);
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    if (response.status === 403) return; // the role may not read it at all
    for (const id of idsOf(sides[other(own)])) expect(text).not.toContain(id);
  });

  it.each(Object.keys(COLLECTIONS))('%s as the global auditor (and the scheduler where allowed): every organisation', async (route) => {
    for (const who of ['global', 'scheduler'] as const) {
      const response = await send(who, 'GET', COLLECTIONS[route]);
      if (response.status === 403) continue;
      expect(response.status).toBe(200);
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      if (route === 'GET /instances/summary' || route === 'GET /indicators' || route === 'GET /deadlines') continue;
      if (route === 'GET /open-data/decp') continue; // no notified contract in these records
      if (route === 'GET /webhooks') continue; // administrators only
      const target = route === 'GET /notifications' ? 'cancelled' : route === 'GET /open-data/ocds' ? 'published' : 'tender';
      for (const side of ['a', 'b'] as const)
        expect({ route, who, has: text.includes(sides[side][target]) }).toEqual({ route, who, has: true });
    }
  });

  it('counts each organisation’s records on the dashboard', async () => {
    const total = (body: { byKindAndStage: { count: number }[] }) => body.byKindAndStage.reduce((sum, row) => sum + row.count, 0);
    const a = (await send('auditorA', 'GET', '/api/instances/summary')).body;
    const b = (await send('auditorB', 'GET', '/api/instances/summary')).body;
    const all = (await send('global', 'GET', '/api/instances/summary')).body;
    const listed = async (who: Who) => (await send(who, 'GET', '/api/instances?limit=1')).body.total as number;
    expect(total(a)).toBe(await listed('auditorA'));
    expect(total(b)).toBe(await listed('auditorB'));
    expect(total(all)).toBe(await listed('global'));
    expect(total(all)).toBe(total(a) + total(b));
  });

  it.each(Object.keys(RECORDLESS))('%s names no record of any organisation', async (route) => {
    const response = await send('auditorA', 'GET', RECORDLESS[route]);
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    for (const id of idsOf(sides.b)) expect(text).not.toContain(id);
  });

  it('signs a checkpoint of the whole log for a scheduler, naming no record', async () => {
    const response = await send('scheduler', 'POST', '/api/transparency/checkpoint');
    expect(response.status).toBeLessThan(300);
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    for (const id of [...idsOf(sides.a), ...idsOf(sides.b)]) expect(text).not.toContain(id);
  });

  it('delivers to a subscription only the messages of its organisations’ records', async () => {
    for (const own of ['a', 'b'] as const) {
      const deliveries = await send('global', 'GET', `/api/notifications?subscriptionId=${sides[own].webhook}&limit=200`);
      const instances = new Set(deliveries.body.items.map((item: { instanceId: string }) => item.instanceId));
      expect(instances).toEqual(new Set([sides[own].cancelled]));
    }
    const listed = await send('adminA', 'GET', '/api/webhooks');
    expect(listed.body.items.map((item: { id: string; organisations: string[] }) => [item.id, item.organisations])).toEqual([
      [sides.a.webhook, ['region-ara']],
    ]);
  });

  it('streams to each caller only the changes of records it may read', async () => {
    const open = (who: Who) => SseClient.open(`${base}/api/stream`, as(who));
    const [a, b, global] = [await open('auditorA'), await open('auditorB'), await open('global')];
    try {
      await send('adminB', 'POST', `/api/instances/${sides.b.tender}/events`, { type: 'UPDATE_DRAFT', object: 'B' });
      await send('adminA', 'POST', `/api/instances/${sides.a.tender}/events`, { type: 'UPDATE_DRAFT', object: 'A' });
      // Changes come in order: A's first change is its own, so B's was not sent to it.
      expect((await a.nextChangeData()).instanceId).toBe(sides.a.tender);
      expect((await b.nextChangeData()).instanceId).toBe(sides.b.tender);
      expect([(await global.nextChangeData()).instanceId, (await global.nextChangeData()).instanceId]).toEqual([
        sides.b.tender,
        sides.a.tender,
      ]);
      await send('adminB', 'POST', `/api/instances/${sides.b.tender}/events`, { type: 'UPDATE_DRAFT', object: 'B2' });
      expect((await b.nextChangeData()).instanceId).toBe(sides.b.tender);
      await send('adminA', 'POST', `/api/instances/${sides.a.tender}/events`, { type: 'UPDATE_DRAFT', object: 'A2' });
      expect((await a.nextChangeData()).instanceId).toBe(sides.a.tender);
    } finally {
      for (const client of [a, b, global]) client.close();
    }
  });

  it('lets the scheduler act on every organisation’s deadlines', async () => {
    const agenda = await send('scheduler', 'GET', '/api/deadlines?limit=200');
    const ids = new Set(agenda.body.items.map((item: { instanceId: string }) => item.instanceId));
    expect(ids.has(sides.a.published) && ids.has(sides.b.published)).toBe(true);
    const moved = await send('scheduler', 'POST', '/api/clock', { advanceBy: 'P365D' });
    expect(moved.status).toBe(200);
    for (const side of ['a', 'b'] as const) {
      const history = await send('global', 'GET', `/api/instances/${sides[side].published}/history`);
      expect(history.body.items.some((event: { actor: string }) => event.actor === 'cron')).toBe(true);
    }
  });
});

/** The instances table's columns before the organisations' migration. */
const PRE_ORGANISATION_COLUMNS = [
  'id',
  'kind',
  'machine_version',
  'state',
  'stage',
  'status',
  'snapshot',
  'version',
  'parent_id',
  'head_hash',
  'created_at',
  'updated_at',
  'label',
  'search_label',
  'search_parties',
];
const EVENT_COLUMNS = ['instance_id', 'seq', 'type', 'payload', 'actor', 'at', 'recorded_at', 'prev_hash', 'hash'];

describe.each(testDatabases())('the organisations’ migration ($name)', (database) => {
  const urls: string[] = [];

  afterAll(async () => {
    for (const url of urls) await database.cleanup(url);
  });

  it('gives the existing records DEFAULT_ORGANISATION, which tokens without @ belong to', async () => {
    const source = await startTestApp(database);
    const tender = (await source.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
    const child = (await source.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Child' }, parentId: tender })).body
      .id as string;
    const read = source.app.get(Database).dataSource;
    const instances = await read.query<Record<string, unknown>[]>(`SELECT ${PRE_ORGANISATION_COLUMNS.join(', ')} FROM instances`);
    const events = await read.query<Record<string, unknown>[]>(`SELECT ${EVENT_COLUMNS.join(', ')} FROM events`);
    await source.close();

    const url = database.url();
    urls.push(url);
    const { old, placeholders } = await schemaBefore(url, Organisations1765900000000);
    for (const [table, columns, rows] of [
      ['instances', PRE_ORGANISATION_COLUMNS, instances],
      ['events', EVENT_COLUMNS, events],
    ] as const) {
      for (const row of rows) {
        await old.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`,
          columns.map((column) => row[column]),
        );
      }
    }
    await old.query(`INSERT INTO webhook_subscriptions (id, url, secret, created_at, created_by) VALUES (${placeholders(5)})`, [
      randomUUID(),
      'https://buyer.example/hooks',
      'whsec_x',
      '2022-06-27T07:00:00.000Z',
      'marie.admin',
    ]);
    await old.destroy();

    const migrated = await startTestApp(
      database,
      {
        DEFAULT_ORGANISATION: 'ville-de-lyon',
        API_TOKENS: `legacy=auditor:${TOKENS.auditorA},other=auditor@metropole:${TOKENS.auditorB},admin=administrator:${TOKENS.adminA}`,
      },
      url,
    );
    try {
      for (const id of [tender, child]) {
        const view = await migrated.request('GET', `/api/instances/${id}`, undefined, as('auditorA'));
        expect([view.status, view.body.organisation]).toEqual([200, 'ville-de-lyon']);
        expect((await migrated.request('GET', `/api/instances/${id}`, undefined, as('auditorB'))).status).toBe(404);
      }
      expect((await migrated.request('GET', '/api/instances', undefined, as('auditorB'))).body.total).toBe(0);
      const hooks = await migrated.request('GET', '/api/webhooks', undefined, as('adminA'));
      expect(hooks.body.items.map((item: { organisations: string[] }) => item.organisations)).toEqual([['ville-de-lyon']]);
      // A new record of a token without @ is of the default organisation too.
      const created = await migrated.request('POST', '/api/instances', { kind: 'tender', input: {} }, as('adminA'));
      expect(created.body.organisation).toBe('ville-de-lyon');
    } finally {
      await migrated.close();
    }
  });
});
