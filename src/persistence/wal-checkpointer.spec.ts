import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { ConsoleLogger, Logger } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import { Database } from './database';
import { WalCheckpointer } from './wal-checkpointer';

/**
 * Rows of `scratch` in the database file itself, leaving the WAL aside (a copy without its -wal file);
 * -1 when the copy was taken while a checkpoint was writing pages into the file (a torn copy).
 */
function rowsInMainFile(path: string, dir: string): number {
  const copy = join(dir, `copy-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
  copyFileSync(path, copy);
  const db = new BetterSqlite3(copy, { readonly: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'scratch'").get();
    return table ? (db.prepare('SELECT count(*) AS n FROM scratch').get() as { n: number }).n : 0;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CORRUPT') return -1;
    throw error;
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the service logs, line by line (Nest's logger, redirected for the test). */
const logged: { level: 'log' | 'error' | 'warn'; message: string }[] = [];
const loggedLines = (level: 'log' | 'error') =>
  logged.filter((line) => line.level === level && line.message.startsWith('WAL checkpoints')).map((line) => line.message);

async function waitFor(condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await sleep(20)) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms`);
  }
}

describe('WAL checkpoints from a worker thread (SQLite)', () => {
  let dir: string;

  beforeAll(() => {
    Logger.overrideLogger({
      log: (message) => logged.push({ level: 'log', message: String(message) }),
      error: (message) => logged.push({ level: 'error', message: String(message) }),
      warn: (message) => logged.push({ level: 'warn', message: String(message) }),
    });
  });

  afterAll(() => {
    Logger.overrideLogger(new ConsoleLogger());
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
    logged.length = 0;
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function writeRows(database: Database, count: number): Promise<void> {
    await database.dataSource.query('CREATE TABLE scratch (n integer PRIMARY KEY)');
    for (let n = 0; n < count; n++) {
      await database.sqlTransaction((session) => session.run('INSERT INTO scratch (n) VALUES (?)', [n]));
    }
  }

  it('copies committed transactions into the database file within a few intervals, with no further commit', async () => {
    const path = join(dir, 'engine.sqlite');
    const database = await Database.open({ type: 'sqlite', path, checkpointIntervalMs: 20 });
    try {
      await writeRows(database, 30);
      let found = 0;
      for (let attempt = 0; attempt < 50 && found < 30; attempt++) {
        await sleep(20);
        found = rowsInMainFile(path, dir);
      }
      expect(found).toBe(30);
    } finally {
      await database.close();
    }
  });

  it('leaves them in the WAL until SQLite checkpoints by itself when turned off (0)', async () => {
    const path = join(dir, 'engine.sqlite');
    const database = await Database.open({ type: 'sqlite', path, checkpointIntervalMs: 0 });
    try {
      await writeRows(database, 30);
      await sleep(200);
      // 30 small commits are far below SQLite's own threshold (1,000 pages).
      expect(rowsInMainFile(path, dir)).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('logs a worker that cannot open its file and restarts it until it can; committed rows then reach the file', async () => {
    // A database prepared elsewhere, moved into place only after the worker has failed to open it.
    const prepared = join(dir, 'prepared.sqlite');
    await (await Database.open({ type: 'sqlite', path: prepared, checkpointIntervalMs: 0 })).close();
    const path = join(dir, 'engine.sqlite');
    const checkpointer = WalCheckpointer.start(path, 20);
    let database: Database | undefined;
    try {
      await waitFor(() => loggedLines('error').length >= 2);
      expect(loggedLines('error')[0]).toBe(
        `WAL checkpoints of ${path} stopped: the worker failed: cannot open ${path}: SQLITE_CANTOPEN unable to open database file; ` +
          "restarting it in 100 ms (until then only SQLite's own checkpoints run)",
      );
      // The wait doubles from one failure to the next.
      expect(loggedLines('error')[1]).toContain('restarting it in 200 ms');

      renameSync(prepared, path);
      database = await Database.open({ type: 'sqlite', path, checkpointIntervalMs: 0 });
      await writeRows(database, 30);
      // Far below SQLite's own threshold: only the restarted worker copies them into the file.
      await waitFor(() => rowsInMainFile(path, dir) === 30);
      // The worker says it runs after its first checkpoint; the file may show the rows a moment before.
      await waitFor(() => loggedLines('log').length > 0);
      expect(loggedLines('log')).toEqual([`WAL checkpoints of ${path} run again`]);
    } finally {
      await checkpointer.stop();
      await database?.close();
    }
  });

  it('logs a worker that dies and starts another, which checkpoints what is committed afterwards', async () => {
    const path = join(dir, 'engine.sqlite');
    const database = await Database.open({ type: 'sqlite', path, checkpointIntervalMs: 0 });
    const checkpointer = WalCheckpointer.start(path, 20);
    try {
      await sleep(100);
      // The thread dies as it would on a fatal error (nothing in the service ends it on purpose but stop()).
      await (checkpointer as unknown as { worker: Worker }).worker.terminate();
      await waitFor(() => loggedLines('error').length === 1);
      // terminate() usually ends the thread with code 1, but 0 when it lands as the thread is leaving its loop (seen under load).
      const [line] = loggedLines('error');
      expect(line.replace(/code [01];/, 'code N;')).toBe(
        `WAL checkpoints of ${path} stopped: the worker exited with code N; restarting it in 100 ms (until then only SQLite's own checkpoints run)`,
      );
      await writeRows(database, 30);
      await waitFor(() => rowsInMainFile(path, dir) === 30);
      // The worker says it runs after its first checkpoint; the file may show the rows a moment before.
      await waitFor(() => loggedLines('log').length > 0);
      expect(loggedLines('log')).toEqual([`WAL checkpoints of ${path} run again`]);
    } finally {
      await checkpointer.stop();
      await database.close();
    }
  });

  it('stops at once while a restart is pending, and starts nothing afterwards', async () => {
    const checkpointer = WalCheckpointer.start(join(dir, 'missing.sqlite'), 10);
    await waitFor(() => loggedLines('error').length === 1);
    const started = Date.now();
    await expect(checkpointer.stop()).resolves.toBe(0);
    // Without waiting for the pending restart, nor for a worker that does not answer (5 s).
    expect(Date.now() - started).toBeLessThan(1_000);
    await sleep(300);
    expect(loggedLines('error')).toHaveLength(1);
  });

  it('stops cleanly, running checkpoints while it lived, and also when its worker could not start', async () => {
    const path = join(dir, 'engine.sqlite');
    const database = await Database.open({ type: 'sqlite', path, checkpointIntervalMs: 0 });
    await database.close();
    const running = WalCheckpointer.start(path, 10);
    await sleep(100);
    expect(await running.stop()).toBeGreaterThan(0);

    const broken = WalCheckpointer.start(join(dir, 'missing', 'nothing.sqlite'), 10);
    await sleep(200);
    await expect(broken.stop()).resolves.toBe(0);
  });
});
