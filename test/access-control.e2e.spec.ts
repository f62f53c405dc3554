import { servedRoutesOf } from '../src/app.factory';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher.service';
import { freePort } from './support/built-service';
import { seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, TEST_PRINCIPALS, testDatabases, type TestApp, type TestRole } from './support/test-app';

type Caller = TestRole | 'none' | 'wrong';
const CALLERS: Caller[] = ['none', 'wrong', 'administrator', 'scheduler', 'auditor', 'global-auditor'];
const ALL: TestRole[] = ['administrator', 'scheduler', 'auditor', 'global-auditor'];

/** Open data are published by auditors (global ones too) and administrators. */
const PUBLISHERS: TestRole[] = ['administrator', 'auditor', 'global-auditor'];

interface RoutePolicy {
  /** Who may call it; 'public' needs no token. */
  allowed: TestRole[] | 'public';
  writes: boolean;
  /** A request that the allowed roles can make successfully (path with :id and :kind filled in; `published`: a published tender). */
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Asked with HEAD: the live stream's GET never ends, HEAD answers its status and headers. */
  head?: true;
}

/** A record, a published tender, a webhook subscription to delete, another with a dead notification. */
interface Ids {
  id: string;
  published: string;
  webhookToDelete: string;
  webhook: string;
  deadNotification: string;
}

/** Every route of the service, with who may call it. A route missing here fails the first test. */
const POLICIES: Record<string, RoutePolicy> = {
  'GET /health': { allowed: 'public', writes: false, path: () => '/api/health' },
  'GET /health/live': { allowed: 'public', writes: false, path: () => '/api/health/live' },
  'GET /health/ready': { allowed: 'public', writes: false, path: () => '/api/health/ready' },
  'GET /problems': { allowed: 'public', writes: false, path: () => '/api/problems' },
  'GET /problems/:code': { allowed: 'public', writes: false, path: () => '/api/problems/rule-refused' },
  'GET /auth/config': { allowed: 'public', writes: false, path: () => '/api/auth/config' },
  'GET /me': { allowed: ALL, writes: false, path: () => '/api/me' },
  'GET /stream': { allowed: ALL, writes: false, path: () => '/api/stream', head: true },
  'GET /metrics': { allowed: ['auditor', 'global-auditor', 'scheduler'], writes: false, path: () => '/api/metrics' },
  'POST /instances': {
    allowed: ['administrator'],
    writes: true,
    path: () => '/api/instances',
    body: () => ({ kind: 'tender', input: { title: 'Access' } }),
  },
  'GET /instances': { allowed: ALL, writes: false, path: () => '/api/instances' },
  'GET /instances/summary': { allowed: ALL, writes: false, path: () => '/api/instances/summary' },
  'GET /instances/:id': { allowed: ALL, writes: false, path: ({ id }) => `/api/instances/${id}` },
  'POST /instances/:id/events': {
    allowed: ['administrator'],
    writes: true,
    path: ({ id }) => `/api/instances/${id}/events`,
    body: () => ({ type: 'UPDATE_DRAFT', object: 'changed' }),
  },
  'GET /instances/:id/history': { allowed: ALL, writes: false, path: ({ id }) => `/api/instances/${id}/history` },
  'GET /instances/:id/history.jsonl': { allowed: ALL, writes: false, path: ({ id }) => `/api/instances/${id}/history.jsonl` },
  'GET /audit/export': { allowed: ALL, writes: false, path: () => '/api/audit/export' },
  'GET /audit/verify': { allowed: ALL, writes: false, path: () => '/api/audit/verify' },
  'GET /instances/:id/state': { allowed: ALL, writes: false, path: ({ id }) => `/api/instances/${id}/state?at=2030-01-01T00:00:00Z` },
  'GET /instances/:id/changes': { allowed: ALL, writes: false, path: ({ id }) => `/api/instances/${id}/changes` },
  'GET /instances/:id/verify': { allowed: ALL, writes: false, path: ({ id }) => `/api/instances/${id}/verify` },
  'GET /machines': { allowed: ALL, writes: false, path: () => '/api/machines' },
  'GET /machines/:kind': { allowed: ALL, writes: false, path: () => '/api/machines/tender' },
  'GET /deadlines': { allowed: ALL, writes: false, path: () => '/api/deadlines' },
  'POST /deadlines/fire-due': { allowed: ['scheduler'], writes: true, path: () => '/api/deadlines/fire-due' },
  'GET /clock': { allowed: ALL, writes: false, path: () => '/api/clock' },
  'POST /clock': { allowed: ['scheduler'], writes: true, path: () => '/api/clock', body: () => ({ advanceBy: 'P1D' }) },
  'GET /indicators': { allowed: ALL, writes: false, path: () => '/api/indicators' },
  'POST /webhooks': {
    allowed: ['administrator'],
    writes: true,
    path: () => '/api/webhooks',
    body: () => ({ url: 'https://buyer.example/hooks' }),
  },
  'GET /webhooks': { allowed: ['administrator'], writes: false, path: () => '/api/webhooks' },
  'DELETE /webhooks/:id': { allowed: ['administrator'], writes: true, path: ({ webhookToDelete }) => `/api/webhooks/${webhookToDelete}` },
  'POST /webhooks/:id/rotate-secret': {
    allowed: ['administrator'],
    writes: true,
    path: ({ webhook }) => `/api/webhooks/${webhook}/rotate-secret`,
  },
  'GET /notifications': { allowed: ['administrator', 'auditor', 'global-auditor'], writes: false, path: () => '/api/notifications' },
  'POST /notifications/:id/retry': {
    allowed: ['administrator'],
    writes: true,
    path: ({ deadNotification }) => `/api/notifications/${deadNotification}/retry`,
  },
  'GET /instances/:id/notifications': {
    allowed: ['administrator', 'auditor', 'global-auditor'],
    writes: false,
    path: ({ id }) => `/api/instances/${id}/notifications`,
  },
  'GET /open-data/decp': { allowed: PUBLISHERS, writes: false, path: () => '/api/open-data/decp?from=2022-01-01&to=2022-12-31' },
  'GET /open-data/ocds': { allowed: PUBLISHERS, writes: false, path: () => '/api/open-data/ocds?from=2022-06-01&to=2022-12-31' },
  'GET /instances/:id/ocds': { allowed: PUBLISHERS, writes: false, path: ({ published }) => `/api/instances/${published}/ocds` },
  'GET /transparency/checkpoint': { allowed: ALL, writes: false, path: () => '/api/transparency/checkpoint' },
  'POST /transparency/checkpoint': { allowed: ['scheduler'], writes: true, path: () => '/api/transparency/checkpoint' },
  'GET /transparency/key': { allowed: ALL, writes: false, path: () => '/api/transparency/key' },
  'GET /transparency/proof/inclusion': { allowed: ALL, writes: false, path: () => '/api/transparency/proof/inclusion?index=0' },
  'GET /transparency/proof/consistency': { allowed: ALL, writes: false, path: () => '/api/transparency/proof/consistency?from=0' },
};

/** The API routes the application serves (`GET /instances/:id`), the documentation page and its files aside. */
function servedApiRoutes(t: TestApp): string[] {
  const routes = servedRoutesOf(t.app)
    .filter((route) => route.url.startsWith('/api/') && !/^\/api\/(docs|openapi\.(json|yaml))/.test(route.url) && route.method !== 'head')
    .map((route) => `${route.method.toUpperCase()} ${route.url.slice('/api'.length)}`);
  return [...new Set(routes)].sort();
}

function headersFor(caller: Caller): Record<string, string> {
  if (caller === 'none') return { authorization: '' };
  if (caller === 'wrong') return { authorization: 'Bearer not-a-valid-token-at-all-0000' };
  return bearer(caller);
}

describe.each(testDatabases())('access control ($name)', (database) => {
  let t: TestApp;
  let ids: Ids;

  beforeAll(async () => {
    t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00', WEBHOOK_MAX_ATTEMPTS: '1' });
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    // A notification that died: its one attempt met a refused connection (the dispatcher runs once, here).
    const webhook = (await t.request('POST', '/api/webhooks', { url: `http://127.0.0.1:${await freePort()}/hooks` })).body.id as string;
    const cancelled = (await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Cancelled' } })).body.id as string;
    await t.request('POST', `/api/instances/${cancelled}/events`, { type: 'CANCEL', reason: 'Withdrawn' });
    await t.app.get(NotificationDispatcher).runOnce();
    const dead = await t.request('GET', `/api/notifications?status=dead&subscriptionId=${webhook}`);
    expect(dead.body.items).toHaveLength(1);
    // Made after the dispatcher's pass: nothing is ever sent to it.
    const webhookToDelete = (await t.request('POST', '/api/webhooks', { url: 'https://buyer.example/hooks' })).body.id as string;
    const published = (await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
    expect((await t.request('POST', `/api/instances/${published}/events`, { type: 'PUBLISH' })).status).toBe(200);
    ids = { id: created.body.id, published, webhookToDelete, webhook, deadNotification: dead.body.items[0].id };
  });

  afterAll(async () => {
    await t.close();
  });

  it('has a policy for every route the service serves, and every policy names a served route', () => {
    const routes = servedApiRoutes(t);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => !(route in POLICIES))).toEqual([]);
    expect(Object.keys(POLICIES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('tells the console (GET /api/me) exactly what the routes of notifications allow each role', async () => {
    const mayCall = (route: string, role: TestRole) => {
      const allowed = POLICIES[route].allowed;
      return allowed === 'public' || allowed.includes(role);
    };
    for (const role of ALL) {
      const { can } = (await t.request('GET', '/api/me', undefined, bearer(role))).body as { can: Record<string, boolean> };
      expect({ role, can }).toMatchObject({
        role,
        can: {
          manageWebhooks: ['POST /webhooks', 'GET /webhooks', 'DELETE /webhooks/:id', 'POST /webhooks/:id/rotate-secret'].every((route) =>
            mayCall(route, role),
          ),
          readNotifications: mayCall('GET /notifications', role) && mayCall('GET /instances/:id/notifications', role),
          retryNotifications: mayCall('POST /notifications/:id/retry', role),
        },
      });
    }
  });

  /** What a refused write must leave untouched: instances, every history, pending deadlines, the clock. */
  async function observable() {
    const list = await t.request('GET', '/api/instances?limit=500');
    const histories = await Promise.all(
      list.body.items.map((item: { id: string }) => t.request('GET', `/api/instances/${item.id}/history`)),
    );
    return {
      total: list.body.total,
      events: histories.map((history) => history.body.total),
      deadlines: (await t.request('GET', '/api/deadlines')).body.items.length,
      clock: (await t.request('GET', '/api/clock')).body.now,
    };
  }

  const cases = Object.entries(POLICIES).flatMap(([route, policy]) => CALLERS.map((caller) => ({ route, policy, caller })));

  it.each(cases)('$route as $caller', async ({ route, policy, caller }) => {
    const method = policy.head ? ('HEAD' as 'GET') : (route.split(' ')[0] as 'GET' | 'POST');
    const allowed = policy.allowed === 'public' || (caller !== 'none' && caller !== 'wrong' && policy.allowed.includes(caller));
    const before = policy.writes && !allowed ? await observable() : undefined;
    const response = await t.request(method, policy.path(ids), policy.body?.(ids), headersFor(caller));
    if (allowed) {
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(300);
    } else {
      const expected = caller === 'none' || caller === 'wrong' ? 401 : 403;
      expect(response.status).toBe(expected);
      // A HEAD answer carries no body.
      if (!policy.head) {
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body).toMatchObject({ status: expected, code: expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' });
      }
      if (before) expect(await observable()).toEqual(before);
    }
  });

  it('records the authenticated principal as the actor of every event', async () => {
    const created = await t.request(
      'POST',
      '/api/instances',
      { kind: 'tender', input: { ...seed001TenderInput, bidDeadline: '2022-07-10T12:00:00+02:00' } },
      bearer('administrator'),
    );
    await t.request('POST', `/api/instances/${created.body.id}/events`, { type: 'PUBLISH' }, bearer('administrator'));
    // A header naming someone else changes nothing: the actor is who the token says.
    const bid = {
      type: 'SUBMIT_BID',
      bidder: { name: 'B', identifier: '12345678000014' },
      priceExclVatCents: 3_000_000,
      priceInclVatCents: 3_600_000,
    };
    expect(
      (await t.request('POST', `/api/instances/${created.body.id}/events`, bid, { ...bearer('administrator'), 'x-actor': 'mallory' }))
        .status,
    ).toBe(200);
    await t.request('POST', '/api/clock', { advanceTo: '2022-07-11T00:00:00+02:00' }, bearer('scheduler'));
    const history = (await t.request('GET', `/api/instances/${created.body.id}/history`, undefined, bearer('auditor'))).body.items as {
      type: string;
      actor: string;
    }[];
    expect(history.map((event) => [event.type, event.actor])).toEqual([
      ['CREATE', TEST_PRINCIPALS.administrator],
      ['PUBLISH', TEST_PRINCIPALS.administrator],
      ['SUBMIT_BID', TEST_PRINCIPALS.administrator],
      ['CLOSE_BIDS', TEST_PRINCIPALS.scheduler],
    ]);
  });
});
