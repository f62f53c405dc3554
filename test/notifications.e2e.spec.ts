import { InstanceCommandsService } from '../src/instances/instance-commands.service';
import { messageIdOf } from '../src/notifications/message-id.util';
import { OutboxRepository } from '../src/persistence/repositories/outbox.repository';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

const bid = (name: string, identifier: string, priceInclVatCents: number) => ({
  type: 'SUBMIT_BID',
  at: '2022-07-01T09:00:00+02:00',
  bidder: { name, identifier },
  priceExclVatCents: Math.round(priceInclVatCents / 1.2),
  priceInclVatCents,
  documents: completeDocuments,
});

/** A tender of seed 001 played over HTTP up to ATTRIBUTE (tender@2 declares two effects there); returns its id. */
async function attributedTender(t: TestApp): Promise<string> {
  const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput, at: '2022-06-28T08:00:00+02:00' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const body of [
    { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' },
    bid('Coaching Coop', '11111111100011', 3_800_000),
    bid('Insertion Conseil', '33333333300033', 3_500_000),
    { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' },
    { type: 'SCORE_BID', at: '2022-08-10T09:00:00+02:00', bidId: 'B1', scores: { technical: 80 } },
    { type: 'SCORE_BID', at: '2022-08-10T10:00:00+02:00', bidId: 'B2', scores: { technical: 60 } },
    { type: 'ATTRIBUTE', at: '2022-08-24T09:00:00+02:00', bidId: 'B1' },
  ]) {
    const sent = await t.request('POST', `/api/instances/${id}/events`, body);
    if (sent.status !== 200) throw new Error(`${body.type}: ${sent.status} ${JSON.stringify(sent.body)}`);
  }
  return id;
}

describe.each(testDatabases())('notifications from an outbox ($name)', (database) => {
  describe('the outbox', () => {
    let t: TestApp;
    let outbox: OutboxRepository;

    beforeAll(async () => {
      t = await startTestApp(database);
      outbox = t.app.get(OutboxRepository);
    });

    afterAll(async () => {
      await t.close();
    });

    it('holds one row per declared effect of each committed event, with a stable id, and none for the others', async () => {
      const id = await attributedTender(t);
      const history = (await t.request('GET', `/api/instances/${id}/history`)).body.items as { seq: number; type: string }[];
      const attribute = history.find((event) => event.type === 'ATTRIBUTE')!;
      const all = await outbox.ofInstance(id, 100, 0);
      expect(all.total).toBe(2);
      expect(all.rows.map((row) => [row.seq, row.effectIndex, row.type, row.kind])).toEqual([
        [attribute.seq, 0, 'informRejectedBidders', 'tender'],
        [attribute.seq, 1, 'informAwardedBidder', 'tender'],
      ]);
      expect(all.rows.map((row) => row.messageId)).toEqual([messageIdOf(id, attribute.seq, 0), messageIdOf(id, attribute.seq, 1)]);
      expect(JSON.parse(all.rows[1].params)).toMatchObject({ bidId: 'B1', bidder: { name: 'Coaching Coop' } });
      expect(all.rows[0]).toMatchObject({ occurredAt: '2022-08-24T07:00:00.000Z', dispatchedAt: null });
    });

    it('writes nothing for a refused event, nor for a transaction that rolls back after the event was written', async () => {
      const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
      const id = created.body.id as string;
      // Refused by the state: nothing written.
      expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'ATTRIBUTE', bidId: 'B1' })).status).toBe(409);
      expect((await outbox.ofInstance(id, 10, 0)).total).toBe(0);

      // CANCEL declares tenderCancelled; the transaction fails after the event and its outbox row were written.
      const commands = t.app.get(InstanceCommandsService);
      const failing = {
        start: () => Promise.resolve(),
        finish: () => Promise.reject(new Error('the disk is full')),
      };
      await expect(
        commands.apply(id, { type: 'CANCEL', payload: { reason: 'Budget withdrawn' } }, 'marie.admin', { hook: failing }),
      ).rejects.toThrow('the disk is full');
      expect((await t.request('GET', `/api/instances/${id}`)).body.version).toBe(1);
      expect((await outbox.ofInstance(id, 10, 0)).total).toBe(0);

      // The same command committed: its one row, for seq 2.
      const cancelled = await t.request('POST', `/api/instances/${id}/events`, { type: 'CANCEL', reason: 'Budget withdrawn' });
      expect(cancelled.status).toBe(200);
      expect((await outbox.ofEvent(id, 2)).map((row) => [row.type, row.messageId])).toEqual([['tenderCancelled', messageIdOf(id, 2, 0)]]);
      // Refused again (the record has ended): still one row.
      expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'CANCEL', reason: 'Again' })).status).toBe(409);
      expect((await outbox.ofInstance(id, 10, 0)).total).toBe(1);
    });
  });
});
