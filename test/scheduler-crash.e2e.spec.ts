import Sqlite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildService, freePort, startService, stop, waitForHealth } from './support/built-service';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { testSiret } from './support/siret';
import { TEST_TOKENS } from './support/test-app';

/**
 * A real service process is killed with SIGKILL while it catches up on overdue deadlines, again and
 * again; after the last restart every deadline has been applied exactly once, stamped with its due
 * instant, and the histories have no gap.
 */
describe('deadlines survive SIGKILL while they fire (real child process, SQLite)', () => {
  const TENDERS = 400;
  const KILLS = 6;
  let build: ReturnType<typeof buildService>;
  let dir: string;

  beforeAll(() => {
    build = buildService('crash');
    dir = mkdtempSync(join(tmpdir(), 'engine-crash-'));
  }, 120_000);

  afterAll(() => {
    build?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no deadline and applies none twice', async () => {
    const databaseUrl = `sqlite:${join(dir, 'engine.sqlite')}`;
    const env = (clockStart: string, port: number) => ({
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      PORT: String(port),
      CLOCK: 'simulated',
      CLOCK_START: clockStart,
      SCHEDULER: 'on',
      API_TOKENS: `marie.admin=administrator:${TEST_TOKENS.administrator}`,
    });

    // 1. Set up tenders in July 2022 whose bid deadlines fall between 10 July and 20 August.
    let port = await freePort();
    let child = startService(build.main, env('2022-07-01T09:00:00+02:00', port));
    await waitForHealth(port, child);
    const dueAtById = new Map<string, string>();
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:${port}/api${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKENS.administrator}` },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; deadlines: { dueAt: string }[] };
    };
    for (let index = 0; index < TENDERS; index += 1) {
      const deadline = new Date(Date.parse('2022-07-10T10:00:00Z') + index * 2 * 3_600_000).toISOString();
      const created = await post('/instances', {
        kind: 'tender',
        input: { ...seed001TenderInput, bidDeadline: deadline, decisionDate: '2022-08-30T10:00:00Z' },
      });
      const published = await post(`/instances/${created.id}/events`, { type: 'PUBLISH' });
      if (index % 2 === 0) {
        await post(`/instances/${created.id}/events`, {
          type: 'SUBMIT_BID',
          bidder: { name: 'Bidder', identifier: testSiret(index) },
          priceExclVatCents: 3_000_000,
          priceInclVatCents: 3_600_000,
          documents: completeDocuments,
        });
      }
      dueAtById.set(created.id, published.deadlines[0].dueAt);
    }
    await stop(child, 'SIGKILL');

    // 2. Back in September: the start-up catch-up fires them all; kill it mid-way, several times.
    const db = new Sqlite(join(dir, 'engine.sqlite'), { readonly: true, fileMustExist: true });
    const closings = () => (db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'CLOSE_BIDS'").get() as { n: number }).n;
    const partialKills: number[] = [];
    for (let kill = 0; kill < KILLS && closings() < TENDERS; kill += 1) {
      port = await freePort();
      const before = closings();
      child = startService(build.main, env('2022-09-01T09:00:00+02:00', port));
      // Kill after a few more deadlines have been applied, never waiting for more than remain.
      const target = Math.min(before + 5 + Math.floor(Math.random() * 25), TENDERS - 1);
      while (closings() < target && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
      await stop(child, 'SIGKILL');
      const after = closings();
      if (after > before && after < TENDERS) partialKills.push(after);
    }
    expect(partialKills.length).toBeGreaterThanOrEqual(5);

    // 3. A last, undisturbed start finishes the work.
    port = await freePort();
    child = startService(build.main, env('2022-09-01T09:00:00+02:00', port));
    await waitForHealth(port, child);
    try {
      expect(closings()).toBe(TENDERS);
      const rows = db.prepare("SELECT instance_id AS id, at, actor FROM events WHERE type = 'CLOSE_BIDS'").all() as {
        id: string;
        at: string;
        actor: string;
      }[];
      expect(new Set(rows.map((row) => row.id)).size).toBe(TENDERS);
      for (const row of rows) {
        expect(row.actor).toBe('scheduler');
        expect(row.at).toBe(dueAtById.get(row.id));
      }
      const gaps = db
        .prepare(
          'SELECT i.id FROM instances i WHERE i.version <> (SELECT COUNT(*) FROM events e WHERE e.instance_id = i.id) OR i.version <> (SELECT MAX(seq) FROM events e WHERE e.instance_id = i.id)',
        )
        .all();
      expect(gaps).toEqual([]);
      const states = db.prepare('SELECT state, COUNT(*) AS n FROM instances GROUP BY state ORDER BY state').all();
      expect(states).toEqual([
        { state: 'open.bidsClosed', n: TENDERS / 2 },
        { state: 'unsuccessful', n: TENDERS / 2 },
      ]);
      // No timer is left; each tender with bids keeps its duty to decide by the decision date (tender@3).
      expect((db.prepare('SELECT COUNT(*) AS n FROM deadlines WHERE duty = 0').get() as { n: number }).n).toBe(0);
      expect(db.prepare('SELECT event, COUNT(*) AS n FROM deadlines WHERE duty = 1 GROUP BY event').all()).toEqual([
        { event: 'ATTRIBUTE', n: TENDERS / 2 },
      ]);
    } finally {
      db.close();
      await stop(child, 'SIGTERM');
    }
  }, 180_000);
});
