import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildService, freePort, startService, stop, waitForHealth } from '../support/built-service';
import { secretsThatSigned } from '../support/notifications';
import { dropSchema } from '../support/postgres-schema';
import { TEST_TOKENS } from '../support/test-app';

/**
 * A real service process delivers webhooks while commands keep producing messages, and is killed with
 * SIGKILL at random moments (messages pending, attempts in flight, receivers failing on purpose), then
 * restarted, at least five times. After the last restart: every message of the outbox was delivered
 * (or dead after its attempts), none lost; a message received twice was received across a crash, and
 * always under the same id with the same body. The figures are printed at the end.
 */
const KILLS = Math.max(5, Number(process.env.NOTIFICATION_CRASH_KILLS ?? 6));
const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

interface Receipt {
  id: string;
  bodyHash: string;
  answered: number;
  /** How many SIGKILLs had happened when the request arrived: which life of the service sent it. */
  life: number;
  signed: boolean;
}

interface StoredFigures {
  /** message ids of the outbox */
  messages: string[];
  deliveries: { messageId: string; status: string; attempts: number }[];
  /** instance id and seq of every CANCEL in the histories */
  cancels: { id: string; seq: number }[];
}

type Store = { url: string; read(): Promise<StoredFigures>; cleanup(): Promise<void> };

function sqliteStore(dir: string): Store {
  const path = join(dir, 'engine.sqlite');
  return {
    url: `sqlite:${path}`,
    read: () => {
      const db = new Sqlite(path, { readonly: true });
      try {
        return Promise.resolve({
          messages: (db.prepare('SELECT message_id AS id FROM outbox').all() as { id: string }[]).map((row) => row.id),
          deliveries: db
            .prepare('SELECT message_id AS messageId, status, attempts FROM webhook_deliveries')
            .all() as StoredFigures['deliveries'],
          cancels: db.prepare("SELECT instance_id AS id, seq FROM events WHERE type = 'CANCEL'").all() as StoredFigures['cancels'],
        });
      } finally {
        db.close();
      }
    },
    cleanup: () => Promise.resolve(),
  };
}

function postgresStore(url: string): Store {
  const schema = `notify_crash_${Date.now().toString(36)}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', schema);
  return {
    url: withSchema.toString(),
    read: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET search_path TO "${schema}"`);
        const messages = await client.query<{ id: string }>('SELECT message_id AS id FROM outbox');
        const deliveries = await client.query<{ messageId: string; status: string; attempts: number }>(
          'SELECT message_id AS "messageId", status, attempts FROM webhook_deliveries',
        );
        const cancels = await client.query<{ id: string; seq: number }>("SELECT instance_id AS id, seq FROM events WHERE type = 'CANCEL'");
        return { messages: messages.rows.map((row) => row.id), deliveries: deliveries.rows, cancels: cancels.rows };
      } finally {
        await client.end();
      }
    },
    cleanup: () => dropSchema(schema),
  };
}

const databases: [string, (dir: string) => Store][] = [['SQLite', sqliteStore]];
if (POSTGRES_URL) databases.push(['PostgreSQL', () => postgresStore(POSTGRES_URL)]);
else console.warn('TEST_POSTGRES_URL is not set: the notifications crash test runs on SQLite only');

describe.each(databases)('notifications under SIGKILL (real child process, %s)', (_name, makeStore) => {
  let build: ReturnType<typeof buildService>;
  let dir: string;

  beforeAll(() => {
    build = buildService('notifications-reliability');
    dir = mkdtempSync(join(tmpdir(), 'engine-notifications-reliability-'));
  }, 120_000);

  afterAll(() => {
    build?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`delivers every message of the outbox after ${KILLS} SIGKILLs, none lost, duplicates only across a crash and under one id`, async () => {
    const store = makeStore(dir);
    const receipts: Receipt[] = [];
    let kills = 0;
    let secret = '';
    // A receiver that refuses a quarter of the attempts (500) and answers the rest after up to 250 ms,
    // so that the kills find attempts in flight, retries waiting and messages not yet taken up.
    const receiver: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      const life = kills;
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answered = Math.random() < 0.25 ? 500 : 200;
        receipts.push({
          id: request.headers['webhook-id'] as string,
          bodyHash: createHash('sha256').update(body).digest('hex'),
          answered,
          life,
          signed: secretsThatSigned({ headers: request.headers, body }, [secret]).length === 1,
        });
        setTimeout(() => response.writeHead(answered).end(), Math.floor(Math.random() * 250));
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const env = (port: number) => ({
      DATABASE_URL: store.url,
      DATA_DIR: dir,
      PORT: String(port),
      SCHEDULER: 'off',
      REMINDER_OFFSETS: 'none',
      // The receiver is on loopback.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_DISPATCHER: 'on',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_MAX_ATTEMPTS: '8',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_TIMEOUT_MS: '5000',
      API_TOKENS: `marie.admin=administrator:${TEST_TOKENS.administrator}`,
    });
    let port = 0;
    const acknowledged: { id: string; seq: number }[] = [];
    let sent = 0;
    const post = async (path: string, body: unknown): Promise<{ id: string; version: number; secret?: string } | undefined> => {
      sent += 1;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKENS.administrator}` },
          body: JSON.stringify(body),
        });
        return response.ok ? ((await response.json()) as { id: string; version: number; secret?: string }) : undefined;
      } catch {
        return undefined; // the process died under this request: not acknowledged
      }
    };
    // One worker: create a draft tender and cancel it (one message, tenderCancelled, per cancellation).
    const worker = async (over: () => boolean) => {
      while (!over()) {
        const created = await post('/instances', { kind: 'tender', input: { title: 'Under SIGKILL' } });
        if (!created) continue;
        const cancelled = await post(`/instances/${created.id}/events`, { type: 'CANCEL', reason: 'Crash test' });
        if (cancelled) acknowledged.push({ id: created.id, seq: cancelled.version });
      }
    };

    try {
      for (let life = 0; life <= KILLS; life += 1) {
        port = await freePort();
        const child = startService(build.main, env(port));
        await waitForHealth(port, child);
        if (life === 0) {
          const subscription = await post('/webhooks', { url: hook });
          secret = subscription!.secret!;
        }
        if (life < KILLS) {
          const lifetime = 500 + Math.floor(Math.random() * 1_500);
          const until = Date.now() + lifetime;
          const workers = Array.from({ length: 4 }, () => worker(() => Date.now() >= until || child.exitCode !== null));
          await new Promise((resolve) => setTimeout(resolve, lifetime));
          await stop(child, 'SIGKILL');
          kills += 1;
          await Promise.all(workers);
        } else {
          // The last life: no more load; wait until nothing is pending, then stop cleanly. A delivery the last
          // killed process had claimed waits for its lease first (30 s plus the attempts' timeouts, 65 s here),
          // longer still on a loaded machine: four minutes at most.
          const deadline = Date.now() + 240_000;
          for (;;) {
            const figures = await store.read();
            const settled = figures.deliveries.filter((delivery) => delivery.status === 'delivered' || delivery.status === 'dead');
            if (figures.deliveries.length === figures.messages.length && settled.length === figures.deliveries.length) break;
            if (Date.now() > deadline) throw new Error(`still pending after 4 minutes: ${figures.deliveries.length - settled.length}`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          await stop(child, 'SIGTERM');
        }
      }

      const stored = await store.read();
      // Every acknowledged cancellation is in the history, and every cancellation has its message.
      const cancels = new Set(stored.cancels.map((cancel) => `${cancel.id}/${cancel.seq}`));
      expect(acknowledged.filter((ack) => !cancels.has(`${ack.id}/${ack.seq}`))).toEqual([]);
      expect(stored.messages).toHaveLength(stored.cancels.length);

      const delivered = stored.deliveries.filter((delivery) => delivery.status === 'delivered');
      const dead = stored.deliveries.filter((delivery) => delivery.status === 'dead');
      // Dead only after its attempts.
      expect(dead.filter((delivery) => delivery.attempts < 8)).toEqual([]);

      const accepted = new Map<string, Receipt[]>();
      for (const receipt of receipts.filter((entry) => entry.answered === 200)) {
        accepted.set(receipt.id, [...(accepted.get(receipt.id) ?? []), receipt]);
      }
      // Lost: a message of the outbox that the receiver never accepted and that is not dead.
      const deadIds = new Set(dead.map((delivery) => delivery.messageId));
      const lost = stored.messages.filter((id) => !accepted.has(id) && !deadIds.has(id));
      expect(lost).toEqual([]);
      // A delivered one was accepted by the receiver.
      expect(delivered.filter((delivery) => !accepted.has(delivery.messageId))).toEqual([]);
      // The receiver got nothing that is not in the outbox, every request was signed with the secret,
      // and one id always came with one body.
      const known = new Set(stored.messages);
      expect(receipts.filter((receipt) => !known.has(receipt.id))).toEqual([]);
      expect(receipts.filter((receipt) => !receipt.signed)).toEqual([]);
      const bodies = new Map<string, Set<string>>();
      for (const receipt of receipts) bodies.set(receipt.id, (bodies.get(receipt.id) ?? new Set()).add(receipt.bodyHash));
      expect([...bodies].filter(([, hashes]) => hashes.size !== 1)).toEqual([]);
      // A message accepted twice was accepted in two lives of the service: only a crash duplicates.
      const duplicated = [...accepted.values()].filter((list) => list.length > 1);
      const withinOneLife = duplicated.filter((list) => new Set(list.map((receipt) => receipt.life)).size !== list.length);
      expect(withinOneLife).toEqual([]);

      const refusedOnPurpose = receipts.filter((receipt) => receipt.answered !== 200).length;
      const duplicates = duplicated.reduce((sum, list) => sum + list.length - 1, 0);
      console.log(
        `notifications under SIGKILL (${_name}): ${kills} SIGKILLs, ${sent} commands sent, ${acknowledged.length} cancellations acknowledged; ` +
          `${stored.messages.length} messages created, ${delivered.length} delivered, ${dead.length} dead after 8 attempts, ` +
          `${duplicates} duplicated across a crash (${duplicated.length} messages, same id and body each time), ${lost.length} lost; ` +
          `${receipts.length} requests received, ${refusedOnPurpose} refused by the receiver on purpose`,
      );
      expect(kills).toBeGreaterThanOrEqual(5);
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await store.cleanup();
    }
  }, 560_000);
});
