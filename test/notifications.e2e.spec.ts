import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { processContext } from '../src/cli/cli-context';
import { notificationsCommand } from '../src/cli/commands';
import { InstanceCommandsService } from '../src/instances/instance-commands.service';
import { messageIdOf } from '../src/notifications/message-id.util';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher.service';
import { OutboxRepository } from '../src/persistence/repositories/outbox.repository';
import { PostgresSession, SqliteSession } from '../src/persistence/sql-session';
import { freePort } from './support/built-service';
import { eventually, FAST_RETRIES as FAST_DISPATCH, secretsThatSigned } from './support/notifications';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { testSiret } from './support/siret';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

/** Small delays; an attempt gives up after 2 s, so that a stalled receiver fails within a test. */
const FAST_RETRIES = { ...FAST_DISPATCH, WEBHOOK_TIMEOUT_MS: '2000' };

const bid = (name: string, identifier: string, priceInclVatCents: number) => ({
  type: 'SUBMIT_BID',
  at: '2022-07-01T09:00:00+02:00',
  bidder: { name, identifier },
  priceExclVatCents: Math.round(priceInclVatCents / 1.2),
  priceInclVatCents,
  documents: completeDocuments,
});

/** A tender of seed 001 played over HTTP up to ATTRIBUTE (tender@2 and tender@3 declare two effects there); returns its id. */
async function attributedTender(t: TestApp): Promise<string> {
  const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput, at: '2022-06-28T08:00:00+02:00' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const body of [
    { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' },
    bid('Coaching Coop', testSiret(1), 3_800_000),
    bid('Insertion Conseil', testSiret(3), 3_500_000),
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

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  answered: number;
}

/** A webhook receiver on loopback: records every request; `answer` says the status per path and attempt. */
class Receiver {
  readonly received: Received[] = [];
  private server!: Server;
  answer: (path: string, attempt: number) => number = () => 204;
  delayMs = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const attempt = this.received.filter((entry) => entry.path === path).length + 1;
        const answered = this.answer(path, attempt);
        const entry: Received = { path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered };
        setTimeout(() => {
          this.received.push(entry);
          response.writeHead(answered, { 'content-type': 'text/plain' }).end('ok');
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function cancelledTender(t: TestApp): Promise<{ id: string; messageId: string }> {
  const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'A tender to cancel' } });
  const id = created.body.id as string;
  const cancelled = await t.request('POST', `/api/instances/${id}/events`, { type: 'CANCEL', reason: 'Budget withdrawn' });
  expect(cancelled.status).toBe(200);
  return { id, messageId: messageIdOf(id, 2, 0) };
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

    it('costs a decision without effects no statement, and one with effects a single statement for all of them', async () => {
      const statements: string[] = [];
      // Every statement of the write path goes through a session's run: counted, then run as usual.
      const spies = [SqliteSession, PostgresSession].map((Session) => {
        const run = Session.prototype.run;
        return jest.spyOn(Session.prototype, 'run').mockImplementation(function (this: SqliteSession, sql: string, params?: unknown[]) {
          statements.push(sql);
          return run.call(this, sql, params);
        });
      });
      try {
        const outboxStatements = () => statements.filter((sql) => /\boutbox\b/.test(sql)).length;
        const created = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
        await t.request('POST', `/api/instances/${created.body.id}/events`, { type: 'UPDATE_DRAFT', object: 'Changed' });
        expect(outboxStatements()).toBe(0);
        const id = await attributedTender(t);
        expect((await outbox.ofInstance(id, 10, 0)).total).toBe(2);
        expect(outboxStatements()).toBe(1);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
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

  describe('webhooks', () => {
    let t: TestApp;
    const receiver = new Receiver();

    beforeAll(async () => {
      await receiver.start();
      t = await startTestApp(database, FAST_RETRIES);
    });

    afterAll(async () => {
      await t.close();
      await receiver.stop();
    });

    const subscribe = async (body: Record<string, unknown>) => {
      const created = await t.request('POST', '/api/webhooks', body);
      expect(created.status).toBe(201);
      return created.body as { id: string; secret: string; url: string; events: string[] | null; kinds: string[] | null };
    };
    const notificationsOf = async (query: string) => {
      const listed = await t.request('GET', `/api/notifications?${query}`, undefined, bearer('auditor'));
      expect(listed.status).toBe(200);
      return listed.body.items as {
        id: string;
        status: string;
        attempts: number;
        type: string;
        lastStatusCode: number | null;
        lastError: string | null;
        nextAttemptAt: string | null;
        subscriptionId: string;
        messageId: string;
      }[];
    };

    it('subscribes administrators only, checks the address and the effect types, and shows a secret once', async () => {
      const created = await subscribe({ url: receiver.url('/subscribed'), events: ['informAwardedBidder'], kinds: ['tender'] });
      expect(created).toMatchObject({ url: receiver.url('/subscribed'), events: ['informAwardedBidder'], kinds: ['tender'] });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
      const listed = await t.request('GET', '/api/webhooks');
      const shown = (listed.body.items as { id: string }[]).find((item) => item.id === created.id);
      expect(shown).toMatchObject({ id: created.id, previousSecretExpiresAt: null });
      expect(JSON.stringify(listed.body)).not.toContain(created.secret.slice('whsec_'.length));

      const refused = async (body: unknown, field: string) => {
        const answer = await t.request('POST', '/api/webhooks', body);
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(answer.body.errors[0].field).toBe(field);
      };
      await refused({ url: 'ftp://files.example/hooks' }, 'url');
      await refused({ url: 'not an address' }, 'url');
      await refused({ url: receiver.url('/x'), events: ['launchRockets'] }, 'events.0');
      // enteredIntoForce is a convention's effect, not a tender's.
      await refused({ url: receiver.url('/x'), events: ['enteredIntoForce'], kinds: ['tender'] }, 'events.0');
      await refused({ url: receiver.url('/x'), kinds: ['spaceship'] }, 'kinds.0');
      // Hostile addresses and ids: refused as such, never a 5xx.
      await refused({ url: `http://a.example/${'é'.repeat(1_000)}` }, 'url');
      await refused({ url: 'http://a\u0000b.example/' }, 'url');
      await refused({ url: 'javascript:alert(1)' }, 'url');
      expect((await t.request('POST', '/api/webhooks/%00/rotate-secret')).status).toBe(404);
      expect((await t.request('POST', `/api/notifications/${'9'.repeat(60)}/retry`)).status).toBe(404);
      expect((await t.request('GET', '/api/notifications?instanceId=%00')).status).toBe(400);
      expect((await t.request('GET', '/api/instances/nope/notifications')).status).toBe(404);
      expect((await t.request('POST', '/api/webhooks', { url: receiver.url('/x') }, bearer('auditor'))).status).toBe(403);
      expect((await t.request('GET', '/api/webhooks', undefined, bearer('auditor'))).status).toBe(403);

      expect((await t.request('DELETE', `/api/webhooks/${created.id}`)).body).toMatchObject({ id: created.id, url: created.url });
      expect((await t.request('DELETE', `/api/webhooks/${created.id}`)).status).toBe(404);
      expect((await t.request('POST', `/api/webhooks/${created.id}/rotate-secret`)).status).toBe(404);
      expect((await t.request('DELETE', '/api/webhooks/not-an-id')).status).toBe(404);
    });

    it('sends each matching message signed, with its stable id, filtered by effect type and kind', async () => {
      const all = await subscribe({ url: receiver.url('/all') });
      const awarded = await subscribe({ url: receiver.url('/awarded'), events: ['informAwardedBidder'] });
      const conventions = await subscribe({ url: receiver.url('/conventions'), kinds: ['convention'] });
      const id = await attributedTender(t);
      const seq = 8;
      await eventually(async () => {
        expect((await notificationsOf(`instanceId=${id}`)).map((item) => item.status)).toEqual(['delivered', 'delivered', 'delivered']);
      });
      expect(receiver.at('/all').map((entry) => entry.headers['webhook-id'])).toEqual(
        expect.arrayContaining([messageIdOf(id, seq, 0), messageIdOf(id, seq, 1)]),
      );
      expect(receiver.at('/all')).toHaveLength(2);
      expect(receiver.at('/awarded').map((entry) => entry.headers['webhook-id'])).toEqual([messageIdOf(id, seq, 1)]);
      expect(receiver.at('/conventions')).toEqual([]);

      const [message] = receiver.at('/awarded');
      expect(secretsThatSigned(message, [awarded.secret, all.secret, conventions.secret])).toEqual([awarded.secret]);
      expect(message.headers['content-type']).toBe('application/json');
      const timestamp = Number(message.headers['webhook-timestamp']);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
      const body = JSON.parse(message.body);
      expect(body).toEqual({
        type: 'informAwardedBidder',
        timestamp: '2022-08-24T07:00:00.000Z',
        data: {
          instanceId: id,
          kind: 'tender',
          seq,
          params: expect.objectContaining({ bidId: 'B1', bidder: expect.objectContaining({ name: 'Coaching Coop' }) }),
        },
      });
      // A signature of other content (a changed body) does not verify.
      expect(secretsThatSigned({ ...message, body: message.body.replace('B1', 'B2') }, [awarded.secret])).toEqual([]);

      // The record's notifications: its messages in event order, each with its deliveries.
      const ofRecord = await t.request('GET', `/api/instances/${id}/notifications`, undefined, bearer('auditor'));
      expect(ofRecord.status).toBe(200);
      expect(ofRecord.body.total).toBe(2);
      expect(
        ofRecord.body.items.map((item: any) => [
          item.type,
          item.seq,
          item.deliveries.map((delivery: any) => delivery.subscriptionId).sort(),
        ]),
      ).toEqual([
        ['informRejectedBidders', seq, [all.id]],
        ['informAwardedBidder', seq, [all.id, awarded.id].sort()],
      ]);
      expect((await t.request('GET', '/api/instances/00000000-0000-4000-8000-000000000000/notifications')).status).toBe(404);
      for (const subscription of [all, awarded, conventions]) await t.request('DELETE', `/api/webhooks/${subscription.id}`);
    });

    it('retries a failing receiver with the same id, and records the message accepted exactly once', async () => {
      receiver.answer = (path, attempt) => (path === '/flaky' && attempt <= 2 ? 500 : 204);
      const flaky = await subscribe({ url: receiver.url('/flaky'), events: ['tenderCancelled'] });
      const { id, messageId } = await cancelledTender(t);
      const [delivered] = await eventually(async () => {
        const items = await notificationsOf(`subscriptionId=${flaky.id}`);
        expect(items.map((item) => item.status)).toEqual(['delivered']);
        return items;
      });
      expect(delivered).toMatchObject({ attempts: 3, lastStatusCode: 204, lastError: null, nextAttemptAt: null, messageId });
      const attempts = receiver.at('/flaky');
      expect(attempts.map((entry) => [entry.headers['webhook-id'], entry.answered])).toEqual([
        [messageId, 500],
        [messageId, 500],
        [messageId, 204],
      ]);
      expect(attempts.every((entry) => secretsThatSigned(entry, [flaky.secret]).length === 1)).toBe(true);
      expect(new Set(attempts.map((entry) => entry.body)).size).toBe(1);
      expect(attempts.filter((entry) => entry.answered < 300)).toHaveLength(1);
      expect(JSON.parse(attempts[0].body).data).toMatchObject({ instanceId: id, seq: 2, params: { reason: 'Budget withdrawn' } });
      const metrics = (await t.request('GET', '/api/metrics', undefined, bearer('auditor'))).body as string;
      const sample = (outcome: string) =>
        Number(new RegExp(`^engine_notification_attempts_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
      expect(sample('retried')).toBeGreaterThanOrEqual(2);
      expect(sample('delivered')).toBeGreaterThanOrEqual(1);
      expect(metrics).toMatch(/^engine_notifications_pending \d+$/m);
      await t.request('DELETE', `/api/webhooks/${flaky.id}`);
    });

    it('gives up after the last attempt (dead), and delivers a dead notification retried from the API or the CLI', async () => {
      let down = true;
      receiver.answer = (path) => (path === '/down' && down ? 503 : 200);
      const subscription = await subscribe({ url: receiver.url('/down'), events: ['tenderCancelled'] });
      const refusedPort = await freePort();
      const unreachable = await subscribe({ url: `http://127.0.0.1:${refusedPort}/nobody`, events: ['tenderCancelled'] });
      const { messageId } = await cancelledTender(t);
      const [dead] = await eventually(async () => {
        const items = await notificationsOf(`subscriptionId=${subscription.id}&status=dead`);
        expect(items).toHaveLength(1);
        return items;
      });
      expect(dead).toMatchObject({ attempts: 3, lastStatusCode: 503, nextAttemptAt: null, messageId });
      expect(dead.lastError).toContain('503');
      expect(receiver.at('/down')).toHaveLength(3);
      const [refused] = await eventually(async () => {
        const items = await notificationsOf(`subscriptionId=${unreachable.id}&status=dead`);
        expect(items).toHaveLength(1);
        return items;
      });
      expect(refused).toMatchObject({ attempts: 3, lastStatusCode: null });
      expect(refused.lastError).toMatch(/ECONNREFUSED/);

      // Not for auditors; not a notification: 404.
      const pending = await t.request('POST', `/api/notifications/${dead.id}/retry`, undefined, bearer('auditor'));
      expect(pending.status).toBe(403);
      expect((await t.request('POST', '/api/notifications/00000000-0000-4000-8000-000000000000/retry')).status).toBe(404);

      down = false;
      const retried = await t.request('POST', `/api/notifications/${dead.id}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: dead.id, status: 'pending', attempts: 0 });
      await eventually(async () => {
        expect((await notificationsOf(`subscriptionId=${subscription.id}`))[0]).toMatchObject({
          status: 'delivered',
          attempts: 1,
          lastStatusCode: 200,
        });
      });
      expect(receiver.at('/down').map((entry) => entry.headers['webhook-id'])).toEqual([messageId, messageId, messageId, messageId]);
      const again = await t.request('POST', `/api/notifications/${dead.id}/retry`);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'NOTIFICATION_NOT_RETRYABLE', status: 409, notificationStatus: 'delivered' });

      // The CLI, offline on the same database: the dispatcher picks the notification up at its next pass.
      const out: string[] = [];
      const err: string[] = [];
      const context = {
        ...processContext(),
        env: { DATABASE_URL: t.databaseUrl },
        stdout: { write: (chunk: string) => out.push(chunk) },
        stderr: { write: (chunk: string) => err.push(chunk) },
      };
      // Moving the unreachable one to a receiver that answers is not possible (the address is the subscription's): it is retried, and dies again.
      expect(await notificationsCommand(context, { action: 'list', status: 'dead' })).toBe(0);
      expect(out.join('')).toContain(refused.id);
      out.length = 0;
      expect(await notificationsCommand(context, { action: 'retry', id: refused.id })).toBe(0);
      expect(out.join('')).toContain(`RETRY ${refused.id}: pending`);
      expect(await notificationsCommand(context, { action: 'retry', id: dead.id })).toBe(2);
      expect(err.join('')).toContain('NOTIFICATION_NOT_RETRYABLE');
      await eventually(async () => {
        expect((await notificationsOf(`subscriptionId=${unreachable.id}`))[0]).toMatchObject({ status: 'dead', attempts: 3 });
      });
      for (const created of [subscription, unreachable]) await t.request('DELETE', `/api/webhooks/${created.id}`);
    });

    it('signs with both secrets during the grace period after a rotation', async () => {
      receiver.answer = () => 200;
      const subscription = await subscribe({ url: receiver.url('/rotated'), events: ['tenderCancelled'] });
      const rotated = await t.request('POST', `/api/webhooks/${subscription.id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(subscription.secret);
      expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.parse(rotated.body.secretRotatedAt)).toBe(86_400_000);
      const listed = (await t.request('GET', '/api/webhooks')).body.items.find((item: { id: string }) => item.id === subscription.id);
      expect(listed).toMatchObject({ previousSecretExpiresAt: rotated.body.previousSecretExpiresAt });
      expect(listed.secret).toBeUndefined();

      await cancelledTender(t);
      const [message] = await eventually(() => {
        const received = receiver.at('/rotated');
        expect(received).toHaveLength(1);
        return received;
      });
      expect((message.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
      expect(secretsThatSigned(message, [subscription.secret, rotated.body.secret as string]).sort()).toEqual(
        [subscription.secret, rotated.body.secret as string].sort(),
      );
      await t.request('DELETE', `/api/webhooks/${subscription.id}`);
    });
  });

  describe('a stop between the commit and the delivery', () => {
    it('loses nothing: the next start takes the message up and delivers it', async () => {
      const receiver = new Receiver();
      await receiver.start();
      receiver.answer = () => 200;
      const first = await startTestApp(database, { WEBHOOK_DISPATCHER: 'off' }, database.url());
      const url = first.databaseUrl;
      try {
        const subscription = (await first.request('POST', '/api/webhooks', { url: receiver.url('/later') })).body as {
          id: string;
          secret: string;
        };
        const { id, messageId } = await cancelledTender(first);
        expect((await first.app.get(OutboxRepository).ofEvent(id, 2))[0]).toMatchObject({ messageId, dispatchedAt: null });
        await first.close();
        const second = await startTestApp(database, FAST_RETRIES, url);
        try {
          const [message] = await eventually(() => {
            const received = receiver.at('/later');
            expect(received).toHaveLength(1);
            return received;
          });
          expect(message.headers['webhook-id']).toBe(messageId);
          expect(secretsThatSigned(message, [subscription.secret])).toHaveLength(1);
        } finally {
          await second.close();
        }
      } finally {
        await database.cleanup(url);
        await receiver.stop();
      }
    });
  });

  if (database.name === 'postgres') {
    describe('two nodes on one database', () => {
      it('never send the same delivery twice: each claims its own, skipping the rows the other holds', async () => {
        const receiver = new Receiver();
        await receiver.start();
        receiver.answer = () => 200;
        receiver.delayMs = 30;
        const a = await startTestApp(database, { WEBHOOK_DISPATCHER: 'off', WEBHOOK_BATCH: '4' });
        const b = await startTestApp(database, { WEBHOOK_DISPATCHER: 'off', WEBHOOK_BATCH: '4' }, a.databaseUrl);
        try {
          await a.request('POST', '/api/webhooks', { url: receiver.url('/nodes') });
          const ids = [];
          for (let index = 0; index < 12; index += 1) ids.push((await cancelledTender(index % 2 ? a : b)).messageId);
          const dispatchers = [a, b].map((node) => node.app.get(NotificationDispatcher));
          const passes = await Promise.all(
            dispatchers.flatMap((dispatcher) => [1, 2, 3, 4].map(async () => (await dispatcher.runOnce()).delivered)),
          );
          for (let rounds = 0; receiver.at('/nodes').length < ids.length && rounds < 20; rounds += 1) {
            await Promise.all(dispatchers.map((dispatcher) => dispatcher.runOnce()));
          }
          expect(
            receiver
              .at('/nodes')
              .map((entry) => entry.headers['webhook-id'])
              .sort(),
          ).toEqual([...ids].sort());
          expect(passes.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(ids.length);
        } finally {
          await b.close();
          await a.close();
          await receiver.stop();
        }
      });
    });
  } else {
    it.skip('two nodes on one database: PostgreSQL only (set TEST_POSTGRES_URL)', () => undefined);
  }
});
