import { seed001FirstBid, seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

describe.each(testDatabases())('what each event changed, GET /api/instances/:id/changes ($name)', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' });
  });
  afterAll(() => t.close());

  it('gives, per event, the state before and after and each field of the context it changed', async () => {
    const id = (await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
    const send = (body: Record<string, unknown>) => t.request('POST', `/api/instances/${id}/events`, body);
    expect((await send({ type: 'PUBLISH' })).status).toBe(200);
    await t.request('POST', '/api/clock', { advanceTo: '2022-07-20T14:00:00+02:00' });
    expect((await send(seed001FirstBid)).status).toBe(200);
    const answer = await t.request('GET', `/api/instances/${id}/changes`);
    expect(answer.status).toBe(200);
    const [create, publish, bid] = answer.body.items;
    expect(create).toMatchObject({ seq: 1, type: 'CREATE', stateBefore: null, stateAfter: 'open.draft', truncated: false });
    expect(create.changes).toContainEqual({ path: 'budgetCapCents', after: 4_000_000 });
    expect(create.changes).toContainEqual({ path: 'bids', after: [] });
    // Publishing moves the state and stamps the publication (the event's business instant, in UTC).
    expect(publish).toEqual({
      seq: 2,
      type: 'PUBLISH',
      stateBefore: 'open.draft',
      stateAfter: 'open.published',
      changes: [{ path: 'publishedAt', after: '2022-06-27T07:00:00.000Z' }],
      truncated: false,
    });
    // A bid is one change holding the bid, and the state stays where it was.
    expect(bid).toMatchObject({ seq: 3, type: 'SUBMIT_BID', stateBefore: 'open.published', stateAfter: 'open.published' });
    expect(bid.changes).toEqual([
      {
        path: 'bids.0',
        after: expect.objectContaining({ bidder: seed001FirstBid.bidder, priceInclVatCents: seed001FirstBid.priceInclVatCents }),
      },
    ]);
  });

  it('answers 404 for an unknown record', async () => {
    const answer = await t.request('GET', '/api/instances/00000000-0000-4000-8000-000000000000/changes');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'INSTANCE_NOT_FOUND' });
  });
});
