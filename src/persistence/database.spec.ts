import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Database } from './database';

describe('Database.sqlTransaction on SQLite (group commit)', () => {
  let dir: string;
  let path: string;
  let database: Database;
  let observer: BetterSqlite3.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    path = join(dir, 'engine.sqlite');
    database = await Database.open({ type: 'sqlite', path });
    await database.dataSource.query('CREATE TABLE scratch (n integer PRIMARY KEY)');
    // Another connection to the same file sees only what was committed.
    observer = new BetterSqlite3(path, { readonly: true });
  });

  afterEach(async () => {
    observer.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (n: number) =>
    database.sqlTransaction(async (session) => (await session.run('INSERT INTO scratch (n) VALUES (?)', [n])).changes);
  const committedRows = () => (observer.prepare('SELECT n FROM scratch ORDER BY n').all() as { n: number }[]).map((row) => row.n);

  it('commits commands sent together in one transaction, and answers each only once it is committed', async () => {
    const before = database.groupCommits;
    const seenAtAnswer: number[][] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        insert(n).then(() => {
          seenAtAnswer.push(committedRows());
        }),
      ),
    );
    const after = database.groupCommits;
    expect(after.commands - before.commands).toBe(20);
    expect(after.groups - before.groups).toBe(1);
    // Every answer came after the COMMIT that holds all twenty.
    for (const seen of seenAtAnswer) expect(seen).toHaveLength(20);
  });

  it('groups commands that arrive in separate callbacks of one turn of the event loop, as requests read from the network do', async () => {
    const before = database.groupCommits;
    await new Promise<void>((resolve, reject) => {
      let answered = 0;
      // Immediate callbacks queued together run in one turn, each on its own stack.
      for (let n = 0; n < 10; n++) {
        setImmediate(() => {
          insert(n).then(() => (++answered === 10 ? resolve() : undefined), reject);
        });
      }
    });
    expect(database.groupCommits.commands - before.commands).toBe(10);
    expect(database.groupCommits.groups - before.groups).toBe(1);
  });

  it('rolls back only the command that failed in a group', async () => {
    const before = database.groupCommits;
    const failing = () =>
      database.sqlTransaction(async (session) => {
        await session.run('INSERT INTO scratch (n) VALUES (?)', [100]);
        await session.run('INSERT INTO scratch (n) VALUES (?)', [1]); // 1 is taken by a command before it: constraint error
      });
    const results = await Promise.allSettled([insert(1), insert(2), failing(), insert(3)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(database.groupCommits.groups - before.groups).toBe(1);
    // 100 was written by the failing command before it failed: rolled back with it.
    expect(committedRows()).toEqual([1, 2, 3]);
  });

  it('does not hold a lone caller back for others: each of its commands commits on its own', async () => {
    const before = database.groupCommits;
    for (let n = 0; n < 5; n++) {
      await insert(n);
      expect(committedRows()).toContain(n);
    }
    expect(database.groupCommits.groups - before.groups).toBe(5);
  });
});

describe('SQLite durability (SQLITE_DURABILITY)', () => {
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'durability-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // PRAGMA synchronous answers 2 for FULL (the WAL synced at every commit) and 1 for NORMAL.
  const synchronousOf = async (durability?: 'durable' | 'relaxed') => {
    const database = await Database.open({ type: 'sqlite', path: join(dir, `${durability ?? 'default'}.sqlite`), durability });
    try {
      const [row] = await database.dataSource.query<{ synchronous: number }[]>('PRAGMA synchronous');
      return row.synchronous;
    } finally {
      await database.close();
    }
  };

  it('syncs the WAL at every commit by default, and at checkpoints only when relaxed', async () => {
    expect(await synchronousOf()).toBe(2);
    expect(await synchronousOf('durable')).toBe(2);
    expect(await synchronousOf('relaxed')).toBe(1);
  });
});
