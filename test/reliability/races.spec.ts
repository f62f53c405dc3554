import { seed001TenderInput } from '../support/seed-001';
import { startTestApp, testDatabases, type TestApp } from '../support/test-app';

/** 50 concurrent commands against one instance with the same expectedVersion: exactly one wins. */
describe.each(testDatabases())('races on one instance ($name)', (database) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(database);
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([1, 2, 3])('round %i: one 200, forty-nine 409, no gap or duplicate sequence', async () => {
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Race' } });
    const id = created.body.id;
    const expectedVersion = created.body.version;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        t.request('POST', `/api/instances/${id}/events`, { type: 'UPDATE_DRAFT', object: `writer ${index}`, expectedVersion }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(responses.filter((response) => response.status === 409).every((response) => response.body.code === 'VERSION_CONFLICT')).toBe(
      true,
    );
    const winner = responses.find((response) => response.status === 200)!;
    const history = (await t.request('GET', `/api/instances/${id}/history`)).body.items as { seq: number; payload: { object?: string } }[];
    expect(history.map((event) => event.seq)).toEqual([1, 2]);
    expect(history[1].payload.object).toBe(winner.body.context.object);
    console.log(`race: 50 concurrent writers, 1 accepted, ${statuses.filter((status) => status === 409).length} refused with 409`);
  });

  it('50 concurrent commands without expectedVersion are all applied in some order, each once', async () => {
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    const id = created.body.id;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        t.request('POST', `/api/instances/${id}/events`, { type: 'UPDATE_DRAFT', object: `writer ${index}` }),
      ),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const history = (await t.request('GET', `/api/instances/${id}/history`)).body.items as { seq: number; payload: { object: string } }[];
    expect(history.map((event) => event.seq)).toEqual(Array.from({ length: 51 }, (_, index) => index + 1));
    expect(new Set(history.slice(1).map((event) => event.payload.object)).size).toBe(50);
  });
});
