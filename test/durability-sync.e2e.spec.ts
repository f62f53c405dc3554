import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildService } from './support/built-service';

/*
 * What a 2xx guarantees on SQLite, watched at the system calls: the service's database layer runs in a
 * child process under strace, which records every sync of the WAL and every acknowledgement the child
 * writes once a command has resolved. Durable (the default): each group commit syncs the WAL once,
 * before any of its commands is acknowledged, and that one sync serves the whole group. Relaxed: the
 * commits are acknowledged with no sync of the WAL at all (it is synced at checkpoints).
 */

const GROUPS = 6;
const PER_GROUP = 5;

function hasStrace(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CHILD = `
const { writeSync } = require('node:fs');
const { Database } = require(process.env.DATABASE_MODULE);
(async () => {
  const database = await Database.open({ type: 'sqlite', path: process.env.DB_PATH, durability: process.env.DURABILITY, checkpointIntervalMs: 0 });
  await database.dataSource.query('CREATE TABLE scratch (n integer NOT NULL)');
  writeSync(1, 'begin\\n');
  for (let g = 0; g < ${GROUPS}; g++) {
    // Sent in one turn of the event loop: one group commit.
    await Promise.all(Array.from({ length: ${PER_GROUP} }, async (_, k) => {
      await database.sqlTransaction((session) => session.run('INSERT INTO scratch (n) VALUES (?)', [g * 100 + k]));
      writeSync(1, 'ack ' + g + '\\n');
    }));
  }
  writeSync(1, 'end ' + JSON.stringify(database.groupCommits) + '\\n');
  await database.close();
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface Traced {
  /** In order: a WAL sync, or the acknowledgement of a command of group g. */
  steps: ({ kind: 'sync' } | { kind: 'ack'; group: number })[];
  groups: number;
}

const strace = hasStrace();
if (!strace) console.warn('The WAL sync test is SKIPPED: strace is not installed (apt-get install strace).');
const maybe = strace ? describe : describe.skip;

maybe('a 2xx on SQLite and the sync of the WAL (strace)', () => {
  let build: ReturnType<typeof buildService>;
  let dir: string;

  beforeAll(() => {
    build = buildService('durability-sync');
    dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
  }, 180_000);

  afterAll(() => {
    build?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  function traced(durability: 'durable' | 'relaxed'): Traced {
    const script = join(dir, `wal-sync-child-${durability}.js`);
    writeFileSync(script, CHILD);
    const log = join(dir, `${durability}.strace`);
    const db = join(dir, `${durability}.sqlite`);
    const run = spawnSync('strace', ['-f', '-qq', '-y', '-e', 'trace=fsync,fdatasync,write', '-o', log, process.execPath, script], {
      env: {
        ...process.env,
        DATABASE_MODULE: join(dirname(build.main), 'persistence', 'database.js'),
        DB_PATH: db,
        DURABILITY: durability,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = readFileSync(log, 'utf8').split('\n');
    // With -y, strace names each descriptor: write(1<pipe:[…]>, "ack 0\n", 6).
    const toStdout = (text: string) => new RegExp(`write\\(1(<[^>]*>)?, "${text}`);
    const begin = lines.findIndex((line) => toStdout('begin').test(line));
    const end = lines.findIndex((line) => toStdout('end').test(line));
    expect(begin).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(begin);
    const steps: Traced['steps'] = [];
    for (const line of lines.slice(begin + 1, end)) {
      if (/\bf(data)?sync\(\d+<[^>]*\.sqlite-wal>\)/.test(line)) steps.push({ kind: 'sync' });
      const ack = /write\(1(?:<[^>]*>)?, "ack (\d+)/.exec(line);
      if (ack) steps.push({ kind: 'ack', group: Number(ack[1]) });
    }
    const endLine = lines[end];
    const groups = Number(/\\"groups\\":(\d+)/.exec(endLine)?.[1] ?? NaN);
    return { steps, groups };
  }

  it('durable: every group commit syncs the WAL once, before any of its commands is acknowledged', () => {
    const { steps, groups } = traced('durable');
    expect(groups).toBe(GROUPS);
    expect(steps.filter((step) => step.kind === 'ack')).toHaveLength(GROUPS * PER_GROUP);
    // Per group: its WAL sync(s) come first, then its acknowledgements; one sync shared by the group.
    let syncsSinceAck = 0;
    const syncsPerGroup: number[] = [];
    let previousGroup = -1;
    for (const step of steps) {
      if (step.kind === 'sync') {
        syncsSinceAck++;
        continue;
      }
      if (step.group !== previousGroup) {
        expect(syncsSinceAck).toBeGreaterThanOrEqual(1); // synced before the first acknowledgement of the group
        syncsPerGroup.push(syncsSinceAck);
        previousGroup = step.group;
      } else {
        expect(syncsSinceAck).toBe(0); // the group's other commands wait for no other sync
      }
      syncsSinceAck = 0;
    }
    expect(syncsPerGroup).toEqual(Array.from({ length: GROUPS }, () => 1));
  }, 60_000);

  it('relaxed: commits are acknowledged without any sync of the WAL', () => {
    const { steps, groups } = traced('relaxed');
    expect(groups).toBe(GROUPS);
    expect(steps.filter((step) => step.kind === 'ack')).toHaveLength(GROUPS * PER_GROUP);
    expect(steps.filter((step) => step.kind === 'sync')).toHaveLength(0);
  }, 60_000);
});
