import { AuditService } from '../src/audit/audit.service';
import { decider } from '../src/engine/decider';
import { MachineCatalogue } from '../src/engine/machine-catalogue';
import { InstanceCommandsService } from '../src/instances/instance-commands.service';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

/**
 * Writes and replays step machines through ONE fold (src/engine/decider.ts): the command side folds
 * each event once, and verify, state-at and the migration dry run fold the very same events again
 * through the same function, reaching the same snapshots.
 */
describe.each(testDatabases())('one decider for writes and replays ($name)', (database) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-07-20T12:00:00+02:00' });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('folds every written event, and every replayed one, through decider.start and decider.fold', async () => {
    const start = jest.spyOn(decider, 'start');
    const fold = jest.spyOn(decider, 'fold');
    const created = await t.request<{ id: string }>('POST', '/api/instances', {
      kind: 'tender',
      input: seed001TenderInput,
      at: '2022-06-28T08:00:00+02:00',
    });
    const id = created.body.id;
    const events = [
      { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' },
      {
        type: 'SUBMIT_BID',
        at: '2022-06-29T09:00:00+02:00',
        bidder: { name: 'Coaching Coop', identifier: '11111111100014' },
        priceExclVatCents: 3_166_667,
        priceInclVatCents: 3_800_000,
        documents: completeDocuments,
      },
      // Refused (422): the deadline has not passed. A refusal is decided by the same fold.
      { type: 'CLOSE_BIDS', at: '2022-06-29T10:00:00+02:00' },
    ];
    const statuses = [];
    for (const event of events) statuses.push((await t.request('POST', `/api/instances/${id}/events`, event)).status);
    expect(statuses).toEqual([200, 200, 422]);
    // The write path: one start, one fold per accepted event; the refused command is decided on the
    // warm copy, then once more on the stored row before it is refused (nothing trusted unproven).
    expect(start).toHaveBeenCalledTimes(1);
    expect(fold).toHaveBeenCalledTimes(4);
    const written = fold.mock.results
      .filter((result) => (result.value as { ok: boolean }).ok)
      .map((result) => result.value as { next: unknown });
    expect(written).toHaveLength(2);

    start.mockClear();
    fold.mockClear();
    const report = await t.request('GET', `/api/instances/${id}/verify`, undefined, bearer('auditor'));
    expect(report.body).toMatchObject({ ok: true, eventsChecked: 3 });
    // Replay: the CREATE and the two stored events, folded again by the same decider.
    expect(start).toHaveBeenCalledTimes(1);
    expect(fold).toHaveBeenCalledTimes(2);
    const replayed = fold.mock.results.map((result) => result.value as { ok: boolean; next: { context: unknown; value: unknown } });
    expect(replayed.map((result) => [result.next.value, result.next.context])).toEqual(
      written.map((result) => [(result.next as { value: unknown }).value, (result.next as { context: unknown }).context]),
    );

    fold.mockClear();
    const before = await t.request('GET', `/api/instances/${id}/state?at=2022-06-28T12:00:00%2B02:00`, undefined, bearer('auditor'));
    expect(before.body).toMatchObject({ state: expect.stringContaining('published'), version: 2 });
    expect(fold).toHaveBeenCalledTimes(1);

    fold.mockClear();
    const catalogue = t.app.get(MachineCatalogue);
    const dryRun = await t.app.get(AuditService).migrationDryRun(catalogue.latest('tender')!);
    expect(dryRun.instances).toBe(1);
    expect(fold).toHaveBeenCalledTimes(2);
  });

  it("returns the machine's declared effects with the decision, as data, written nowhere yet", async () => {
    const commands = t.app.get(InstanceCommandsService);
    const admin = 'marie.admin';
    const { view, effects: created } = await commands.createWithEffects('tender', seed001TenderInput, admin, {
      at: '2022-06-28T08:00:00+02:00',
    });
    expect(created).toEqual([]);
    const send = (type: string, at: string, payload: Record<string, unknown> = {}) =>
      commands.applyWithEffects(view.id, { type, at, payload }, admin, { trustedTime: true });
    await send('PUBLISH', '2022-06-28T09:00:00+02:00');
    for (const [name, identifier, price] of [
      ['Coaching Coop', '11111111100014', 3_800_000],
      ['Insertion Conseil', '33333333300032', 3_500_000],
    ] as const) {
      const bid = await send('SUBMIT_BID', '2022-07-01T09:00:00+02:00', {
        bidder: { name, identifier },
        priceExclVatCents: Math.round(price / 1.2),
        priceInclVatCents: price,
        documents: completeDocuments,
      });
      expect(bid.effects).toEqual([]);
    }
    await send('CLOSE_BIDS', '2022-08-06T00:00:00+02:00');
    await send('SCORE_BID', '2022-08-10T09:00:00+02:00', { bidId: 'B1', scores: { technical: 80 } });
    await send('SCORE_BID', '2022-08-10T10:00:00+02:00', { bidId: 'B2', scores: { technical: 60 } });
    const attributed = await send('ATTRIBUTE', '2022-08-24T09:00:00+02:00', { bidId: 'B1' });
    expect(attributed.view.state).toBe('open.attributed');
    expect(attributed.effects.map((effect) => effect.type)).toEqual(['informRejectedBidders', 'informAwardedBidder']);
    expect(attributed.effects[0].params).toMatchObject({
      rejected: [expect.objectContaining({ bidId: 'B2', bidder: { name: 'Insertion Conseil', identifier: '33333333300032' } })],
    });
  });
});
