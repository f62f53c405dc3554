import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Database } from './database';
import { WalCheckpointer } from './wal-checkpointer';

/** Rows of `scratch` in the database file itself, leaving the WAL aside (a copy without its -wal file). */
function rowsInMainFile(path: string, dir: string): number {
  const copy = join(dir, `copy-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
  copyFileSync(path, copy);
  const db = new BetterSqlite3(copy, { readonly: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'scratch'").get();
    return table ? (db.prepare('SELECT count(*) AS n FROM scratch').get() as { n: number }).n : 0;
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WAL checkpoints from a worker thread (SQLite)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
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
