import { seed001FirstBid, seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

/**
 * Each service keeps the instances it wrote warm (row and snapshot) and does not read them again
 * before the next command. Here a second service writes to the same database behind the first one's
 * back: the first must notice and decide on the row as stored, never on what it remembers.
 */
describe.each(testDatabases())('two services writing to one database ($name)', (database) => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp(database);
    second = await startTestApp(database, {}, first.databaseUrl);
  });

  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const send = (app: TestApp, id: string, body: Record<string, unknown>) => app.request('POST', `/api/instances/${id}/events`, body);

  const bid = seed001FirstBid;

  it('decides on the stored row when the other service moved the instance on', async () => {
    const created = await first.request('POST', '/api/instances', {
      kind: 'tender',
      input: seed001TenderInput,
      at: '2022-06-27T09:00:00+02:00',
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect((await send(first, id, { type: 'UPDATE_DRAFT', object: 'Revised', at: '2022-06-28T09:00:00+02:00' })).body.version).toBe(2);

    // The second service publishes: the first still remembers the draft at version 2.
    const published = await send(second, id, { type: 'PUBLISH', at: '2022-07-04T09:00:00+02:00', expectedVersion: 2 });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ state: 'open.published', version: 3 });

    // A bid is refused in a draft; the first service must see the publication and accept it.
    const accepted = await send(first, id, { ...bid, expectedVersion: 3 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'open.published', version: 4 });
    expect(accepted.body.context.bids).toHaveLength(1);

    // And the reverse: the first service now remembers version 4, the second moves it to 5.
    expect(
      (await send(second, id, { ...bid, at: '2022-07-21T14:00:00+02:00', bidder: { name: 'Other', identifier: '33333333300032' } })).status,
    ).toBe(200);
    const stale = await send(first, id, { ...bid, at: '2022-07-22T14:00:00+02:00', expectedVersion: 4 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 5 });

    // Without an expected version, the first service appends after the other's event, in order.
    const late = await send(first, id, { type: 'UPDATE_DRAFT', object: 'Too late', at: '2022-07-23T09:00:00+02:00' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'EVENT_NOT_ACCEPTED', state: 'open.published' });
    const third = await send(first, id, {
      ...bid,
      at: '2022-07-24T14:00:00+02:00',
      bidder: { name: 'Third', identifier: '44444444400046' },
    });
    expect(third.status).toBe(200);
    expect(third.body.version).toBe(6);

    const history = await first.request('GET', `/api/instances/${id}/history`);
    expect(history.body.items.map((event: { seq: number; type: string }) => `${event.seq}:${event.type}`)).toEqual([
      '1:CREATE',
      '2:UPDATE_DRAFT',
      '3:PUBLISH',
      '4:SUBMIT_BID',
      '5:SUBMIT_BID',
      '6:SUBMIT_BID',
    ]);
    const verified = await second.request('GET', `/api/instances/${id}/verify`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('refuses on the stored row too: a remembered state does not refuse what the stored one accepts, nor accept what it refuses', async () => {
    const created = await first.request('POST', '/api/instances', {
      kind: 'tender',
      input: seed001TenderInput,
      at: '2022-06-27T09:00:00+02:00',
    });
    const id: string = created.body.id;
    // The first service remembers a draft, the second cancels it.
    expect((await send(second, id, { type: 'CANCEL', reason: 'Budget withdrawn', at: '2022-06-28T09:00:00+02:00' })).body.state).toBe(
      'cancelled',
    );
    const refused = await send(first, id, { type: 'UPDATE_DRAFT', object: 'Revised', at: '2022-06-29T09:00:00+02:00' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'EVENT_NOT_ACCEPTED', state: 'cancelled' });
    const history = await first.request('GET', `/api/instances/${id}/history`);
    expect(history.body.items).toHaveLength(2);
  });
});
