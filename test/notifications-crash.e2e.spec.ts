import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildService, freePort, startService, stop, waitForHealth } from './support/built-service';
import { TEST_TOKENS } from './support/test-app';

/**
 * A real service process is killed with SIGKILL while it delivers: one attempt is in flight (the
 * receiver holds the request unanswered), another message was committed a moment before. After a
 * restart every committed message arrives, with the id it had; the attempt cut short was never
 * recorded, so it is simply made again (at least once).
 */
describe('notifications survive SIGKILL between the commit and the delivery (real child process, SQLite)', () => {
  let build: ReturnType<typeof buildService>;
  let dir: string;

  beforeAll(() => {
    build = buildService('notifications-crash');
    dir = mkdtempSync(join(tmpdir(), 'engine-notifications-crash-'));
  }, 120_000);

  afterAll(() => {
    build?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every committed message after the restart, with the same webhook-id', async () => {
    const received: { id: string; headers: IncomingHttpHeaders }[] = [];
    const held: ServerResponse[] = [];
    let holding = true;
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push({ id: request.headers['webhook-id'] as string, headers: request.headers });
        if (holding) held.push(response);
        else response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const env = (port: number) => ({
      DATABASE_URL: `sqlite:${join(dir, 'engine.sqlite')}`,
      DATA_DIR: dir,
      PORT: String(port),
      SCHEDULER: 'off',
      // The receiver is on loopback.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_RETRY_MAX_MS: '100',
      WEBHOOK_TIMEOUT_MS: '60000',
      API_TOKENS: `marie.admin=administrator:${TEST_TOKENS.administrator}`,
    });
    const call = async (port: number, method: string, path: string, body?: unknown) => {
      const response = await fetch(`http://127.0.0.1:${port}/api${path}`, {
        method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${TEST_TOKENS.administrator}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as any;
    };
    const cancelTender = async (port: number) => {
      const created = await call(port, 'POST', '/instances', { kind: 'tender', input: { title: 'To cancel' } });
      await call(port, 'POST', `/instances/${created.id}/events`, { type: 'CANCEL', reason: 'Withdrawn' });
      return created.id as string;
    };
    const until = async (check: () => boolean | Promise<boolean>, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };

    try {
      let port = await freePort();
      let child = startService(build.main, env(port));
      await waitForHealth(port, child);
      await call(port, 'POST', '/webhooks', { url: hook });
      const first = await cancelTender(port);
      await until(() => received.length === 1, 'the first attempt');
      // The first attempt is held unanswered; a second message is committed, then the process dies.
      const second = await cancelTender(port);
      await stop(child, 'SIGKILL');
      for (const response of held) response.destroy();
      holding = false;

      port = await freePort();
      child = startService(build.main, env(port));
      try {
        await waitForHealth(port, child);
        await until(async () => {
          const listed = await call(port, 'GET', '/notifications');
          return listed.total === 2 && listed.items.every((item: { status: string }) => item.status === 'delivered');
        }, 'both notifications delivered');
        const listed = await call(port, 'GET', '/notifications');
        const byInstance = new Map<string, { messageId: string; attempts: number }>(
          listed.items.map((item: { instanceId: string; messageId: string; attempts: number }) => [item.instanceId, item]),
        );
        const firstId = byInstance.get(first)!.messageId;
        const secondId = byInstance.get(second)!.messageId;
        // The cut attempt was never recorded: the first message was sent again under the same id.
        expect(received.map((entry) => entry.id).filter((id) => id === firstId)).toHaveLength(2);
        expect(received.map((entry) => entry.id).filter((id) => id === secondId).length).toBeGreaterThanOrEqual(1);
        expect(byInstance.get(first)!.attempts).toBe(1);
      } finally {
        await stop(child);
      }
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  }, 90_000);
});
