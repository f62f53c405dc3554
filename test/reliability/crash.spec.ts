import Sqlite from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildService, freePort, startService, stop, waitForHealth } from '../support/built-service';
import { seed001TenderInput } from '../support/seed-001';
import { TEST_TOKENS } from '../support/test-app';

/**
 * A real service process under a steady load of commands and of deadlines falling due is killed with
 * SIGKILL at random moments and restarted. After the last restart: every command that got a 2xx is
 * in the history, `verify --all` passes, and no deadline was applied twice or lost.
 */
describe('crash under load (real child process, SQLite)', () => {
  const KILLS = Number(process.env.CRASH_KILLS ?? 6);
  let build: ReturnType<typeof buildService>;
  let dir: string;

  beforeAll(() => {
    build = buildService('reliability');
    dir = mkdtempSync(join(tmpdir(), 'engine-reliability-'));
  }, 120_000);

  afterAll(() => {
    build?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged command and applies each deadline once', async () => {
    const env = (port: number) => ({
      DATABASE_URL: `sqlite:${join(dir, 'engine.sqlite')}`,
      DATA_DIR: dir,
      PORT: String(port),
      SCHEDULER: 'on',
      SCHEDULER_POLL_MS: '50',
      API_TOKENS: `marie.admin=administrator:${TEST_TOKENS.administrator}`,
    });
    const acknowledged: { id: string; seq: number; type: string }[] = [];
    const published = new Map<string, string>();
    let attempts = 0;
    let port = 0;

    async function post(path: string, body: unknown): Promise<{ id: string; version: number; deadlines: { dueAt: string }[] } | undefined> {
      attempts += 1;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKENS.administrator}` },
          body: JSON.stringify(body),
        });
        if (!response.ok) return undefined;
        return (await response.json()) as { id: string; version: number; deadlines: { dueAt: string }[] };
      } catch {
        return undefined; // the process died under this request: not acknowledged
      }
    }

    /** One worker: create a tender due in 0.3 to 3 s, publish it, keep editing other drafts. */
    async function worker(stopAt: () => boolean): Promise<void> {
      while (!stopAt()) {
        const due = new Date(Date.now() + 300 + Math.floor(Math.random() * 2_700)).toISOString();
        const created = await post('/instances', {
          kind: 'tender',
          input: { ...seed001TenderInput, bidDeadline: due, decisionDate: new Date(Date.now() + 86_400_000).toISOString() },
        });
        if (!created) continue;
        acknowledged.push({ id: created.id, seq: 1, type: 'CREATE' });
        const edited = await post(`/instances/${created.id}/events`, { type: 'UPDATE_DRAFT', object: 'under load' });
        if (edited) acknowledged.push({ id: created.id, seq: edited.version, type: 'UPDATE_DRAFT' });
        const publishing = await post(`/instances/${created.id}/events`, { type: 'PUBLISH' });
        if (publishing) {
          acknowledged.push({ id: created.id, seq: publishing.version, type: 'PUBLISH' });
          published.set(created.id, publishing.deadlines[0].dueAt);
        }
      }
    }

    let crashes = 0;
    for (let round = 0; round <= KILLS; round += 1) {
      port = await freePort();
      const child = startService(build.main, env(port));
      await waitForHealth(port, child);
      const lifetime = round === KILLS ? 2_000 : 400 + Math.floor(Math.random() * 1_200);
      const until = Date.now() + lifetime;
      const workers = Array.from({ length: 6 }, () => worker(() => Date.now() >= until || child.exitCode !== null));
      if (round < KILLS) {
        await new Promise((resolve) => setTimeout(resolve, lifetime));
        await stop(child, 'SIGKILL');
        crashes += 1;
        await Promise.all(workers);
      } else {
        await Promise.all(workers);
        // Let every deadline that was created fall due and fire, then stop cleanly.
        const lastDue = Math.max(...[...published.values()].map((dueAt) => Date.parse(dueAt)));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastDue - Date.now()) + 1_500));
        await stop(child, 'SIGTERM');
      }
    }

    const db = new Sqlite(join(dir, 'engine.sqlite'), { readonly: true });
    try {
      const event = db.prepare('SELECT type FROM events WHERE instance_id = ? AND seq = ?');
      const lost = acknowledged.filter((ack) => (event.get(ack.id, ack.seq) as { type: string } | undefined)?.type !== ack.type);
      expect(lost).toEqual([]);

      const closings = db
        .prepare("SELECT instance_id AS id, COUNT(*) AS n, MIN(at) AS at FROM events WHERE type = 'CLOSE_BIDS' GROUP BY instance_id")
        .all() as { id: string; n: number; at: string }[];
      const twice = closings.filter((row) => row.n !== 1);
      expect(twice).toEqual([]);
      const closedAt = new Map(closings.map((row) => [row.id, row.at]));
      // Every tender published (acknowledged or not) had its deadline applied, stamped with its due instant.
      const publishedRows = db
        .prepare(
          "SELECT i.id, i.state FROM instances i WHERE EXISTS (SELECT 1 FROM events e WHERE e.instance_id = i.id AND e.type = 'PUBLISH')",
        )
        .all() as { id: string; state: string }[];
      const missed = publishedRows.filter((row) => !closedAt.has(row.id) || row.state !== 'unsuccessful');
      expect(missed).toEqual([]);
      for (const [id, dueAt] of published) expect(closedAt.get(id)).toBe(dueAt);
      expect((db.prepare('SELECT COUNT(*) AS n FROM deadlines').get() as { n: number }).n).toBe(0);

      const verify = spawnSync(process.execPath, [join(build.main, '..', 'cli', 'main.js'), 'verify', '--all', '--no-progress'], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'engine.sqlite')}`, DATA_DIR: dir },
        encoding: 'utf8',
      });
      expect(verify.stdout + verify.stderr).toMatch(/ok|pass/i);
      expect(verify.status).toBe(0);

      console.log(
        `crash under load: ${attempts} commands sent, ${acknowledged.length} acknowledged, ${crashes} SIGKILLs survived, ` +
          `${publishedRows.length} deadlines applied once each, ${lost.length} acknowledged commands lost, verify --all: exit ${verify.status}`,
      );
    } finally {
      db.close();
    }
  }, 300_000);
});
