import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, FAST_RETRIES } from './support/notifications';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

/** The test app allows private networks (its receivers are on loopback): these tests set it back to the default. */
const DEFAULT_POLICY = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' };

/** A receiver on loopback that counts what it gets. */
class Receiver {
  readonly received: string[] = [];
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        this.received.push(request.url ?? '/');
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A tender cancelled: one message (tenderCancelled) for every subscription. */
async function cancelTender(t: TestApp): Promise<void> {
  const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'A tender to cancel' } });
  expect(created.status).toBe(201);
  const cancelled = await t.request('POST', `/api/instances/${created.body.id}/events`, { type: 'CANCEL', reason: 'Budget withdrawn' });
  expect(cancelled.status).toBe(200);
}

describe.each(testDatabases())('webhook receivers on internal networks ($name)', (database) => {
  describe('by default (WEBHOOK_ALLOW_PRIVATE_NETWORKS=false)', () => {
    let t: TestApp;
    const receiver = new Receiver();

    beforeAll(async () => {
      await receiver.start();
      t = await startTestApp(database, DEFAULT_POLICY);
    });

    afterAll(async () => {
      await t.close();
      await receiver.stop();
    });

    it.each([
      ['loopback', () => `http://127.0.0.1:${receiver.port}/hooks`, '127.0.0.1', 'loopback'],
      ['IPv6 loopback', () => 'http://[::1]/hooks', '::1', 'loopback'],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'link-local'],
      ['a private address', () => 'http://10.0.0.1/hooks', '10.0.0.1', 'private'],
      ['a private address (172.16/12)', () => 'https://172.20.1.2/hooks', '172.20.1.2', 'private'],
      ['a private address (192.168/16)', () => 'http://192.168.1.1/hooks', '192.168.1.1', 'private'],
      ['loopback mapped into IPv6', () => 'http://[::ffff:127.0.0.1]/hooks', '::ffff:7f00:1', 'loopback, IPv4-mapped 127.0.0.1'],
      ['loopback written in decimal', () => 'http://2130706433/hooks', '127.0.0.1', 'loopback'],
      ['the unspecified address', () => 'http://0.0.0.0:8080/', '0.0.0.0', 'unspecified'],
      ['carrier-grade NAT', () => 'http://100.64.0.1/', '100.64.0.1', 'carrier-grade NAT'],
      ['a unique local IPv6 address', () => 'http://[fd00::1]/', 'fd00::1', 'unique local'],
      ['IPv6 link-local', () => 'http://[fe80::1]/', 'fe80::1', 'link-local'],
      ['multicast', () => 'http://224.0.0.1/', '224.0.0.1', 'multicast'],
      ['broadcast', () => 'http://255.255.255.255/', '255.255.255.255', 'broadcast'],
    ])('refuses %s (%s), naming the address and the setting', async (_what, url, address, range) => {
      const answer = await t.request('POST', '/api/webhooks', { url: url() });
      expect(answer.status).toBe(422);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({
        type: '/api/problems/webhook-address-not-allowed',
        code: 'WEBHOOK_ADDRESS_NOT_ALLOWED',
        status: 422,
        instance: '/api/webhooks',
        host: address,
        address,
      });
      expect(answer.body.detail).toContain(`${address} is on an internal network (${range})`);
      expect(answer.body.detail).toContain('WEBHOOK_ALLOW_PRIVATE_NETWORKS=true');
      expect(answer.body.detail).toContain('WEBHOOK_ALLOWED_HOSTS');
    });

    it('refuses a host name that resolves to an internal address (localhost), or that does not resolve', async () => {
      const local = await t.request('POST', '/api/webhooks', { url: `http://localhost:${receiver.port}/hooks` });
      expect(local.status).toBe(422);
      expect(local.body).toMatchObject({
        code: 'WEBHOOK_ADDRESS_NOT_ALLOWED',
        host: 'localhost',
        address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
      });
      expect(local.body.detail).toMatch(/localhost resolves to (127\.0\.0\.1|::1), on an internal network \(loopback\)/);
      // .invalid never resolves (RFC 6761): its addresses cannot be checked.
      const nowhere = await t.request('POST', '/api/webhooks', { url: 'https://receiver.invalid/hooks' });
      expect(nowhere.status).toBe(422);
      expect(nowhere.body).toMatchObject({ code: 'WEBHOOK_ADDRESS_NOT_ALLOWED', host: 'receiver.invalid', address: null });
      expect(nowhere.body.detail).toMatch(/receiver\.invalid does not resolve \(.+\), so its addresses cannot be checked/);
      // Nothing was written.
      expect((await t.request('GET', '/api/webhooks')).body.total).toBe(0);
    });

    it('still refuses other schemes as an invalid body, and accepts a public address without contacting it', async () => {
      const ftp = await t.request('POST', '/api/webhooks', { url: 'ftp://files.example/hooks' });
      expect(ftp.status).toBe(400);
      expect(ftp.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'url', pointer: '/url' }] });
      const file = await t.request('POST', '/api/webhooks', { url: 'file:///etc/passwd' });
      expect(file.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      // A literal public address is checked as it is: no DNS, no connection (the dispatcher is off here).
      const started = Date.now();
      const accepted = await t.request('POST', '/api/webhooks', { url: 'http://93.184.215.14/hooks' });
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ url: 'http://93.184.215.14/hooks' });
      const ipv6 = await t.request('POST', '/api/webhooks', { url: 'https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hooks' });
      expect(ipv6.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await t.request('DELETE', `/api/webhooks/${accepted.body.id}`)).status).toBe(200);
      expect((await t.request('DELETE', `/api/webhooks/${ipv6.body.id}`)).status).toBe(200);
    });
  });

  describe('with WEBHOOK_ALLOWED_HOSTS=localhost', () => {
    let t: TestApp;
    const receiver = new Receiver();

    beforeAll(async () => {
      await receiver.start();
      t = await startTestApp(database, { ...DEFAULT_POLICY, ...FAST_RETRIES, WEBHOOK_ALLOWED_HOSTS: 'localhost' });
    });

    afterAll(async () => {
      await t.close();
      await receiver.stop();
    });

    it('accepts localhost, and delivers to it, while 127.0.0.1 itself is still refused', async () => {
      const listed = await t.request('POST', '/api/webhooks', { url: `http://localhost:${receiver.port}/listed` });
      expect(listed.status).toBe(201);
      const literal = await t.request('POST', '/api/webhooks', { url: `http://127.0.0.1:${receiver.port}/literal` });
      expect(literal.status).toBe(422);
      expect(literal.body).toMatchObject({ code: 'WEBHOOK_ADDRESS_NOT_ALLOWED', address: '127.0.0.1' });
      await cancelTender(t);
      await eventually(() => expect(receiver.received).toEqual(['/listed']));
    });
  });

  describe('at delivery time', () => {
    /*
     * A subscription that was allowed when it was made is not sent to once the destination is refused:
     * the subscriptions are made by a first app that allows private networks, then the same database is
     * served by a second one with the default policy, whose dispatcher must not connect. For the name
     * (localhost), this is what DNS rebinding looks like to the service: a host accepted at subscription
     * resolves to loopback at delivery. (The unit tests of webhook-address.util make the resolver answer
     * a public address first, then 127.0.0.1.)
     */
    it('makes no connection to a loopback receiver: failed attempts, with the reason, then dead', async () => {
      const receiver = new Receiver();
      await receiver.start();
      const url = database.url();
      try {
        const allowing = await startTestApp(database, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }, url);
        const literal = await allowing.request('POST', '/api/webhooks', { url: `http://127.0.0.1:${receiver.port}/literal` });
        const named = await allowing.request('POST', '/api/webhooks', { url: `http://localhost:${receiver.port}/named` });
        expect([literal.status, named.status]).toEqual([201, 201]);
        await allowing.close();

        const t = await startTestApp(database, { ...DEFAULT_POLICY, ...FAST_RETRIES }, url);
        try {
          await cancelTender(t);
          const deadOf = (subscriptionId: string) =>
            eventually(async () => {
              const listed = await t.request('GET', `/api/notifications?subscriptionId=${subscriptionId}`, undefined, bearer('auditor'));
              expect(listed.body.items).toEqual([expect.objectContaining({ status: 'dead' })]);
              return listed.body.items[0] as { attempts: number; lastStatusCode: number | null; lastError: string };
            });
          const deadLiteral = await deadOf(literal.body.id as string);
          expect(deadLiteral).toMatchObject({ attempts: 3, lastStatusCode: null });
          expect(deadLiteral.lastError).toBe(
            'Not sent: address 127.0.0.1 is on an internal network (loopback); allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, or the host in WEBHOOK_ALLOWED_HOSTS.',
          );
          const deadNamed = await deadOf(named.body.id as string);
          expect(deadNamed).toMatchObject({ attempts: 3, lastStatusCode: null });
          expect(deadNamed.lastError).toMatch(/^Not sent: address (127\.0\.0\.1|::1) of localhost is on an internal network \(loopback\)/);
          expect(receiver.received).toEqual([]);
        } finally {
          await t.close();
        }
      } finally {
        await database.cleanup(url);
        await receiver.stop();
      }
    });
  });
});
