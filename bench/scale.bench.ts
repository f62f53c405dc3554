import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from '../src/persistence/database-options';
import { cloneInstance } from './lib/dataset';
import { type BenchContext, type BenchmarkOutput, row } from './lib/report';
import { BENCH_ACTOR, BENCH_API_TOKENS, BENCH_TOKEN, startService, tenderInput } from './lib/service';
import { loadSettings } from './lib/settings';
import { median, sleep } from './lib/stats';

/** Bump when the template or the way datasets are made changes: cached files are then made again. */
const DATASET_VERSION = 1;
const FAR_DEADLINE = '2099-03-31T21:59:59.000Z';
const FAR_DECISION = '2099-04-30T16:00:00.000Z';

/** The cache key: the dataset version and the schema (migrations) the service expects. */
function datasetKey(): string {
  const schema = MIGRATIONS.map((migration) => migration.name).join(',');
  return createHash('sha256').update(`${DATASET_VERSION}:${schema}`).digest('hex').slice(0, 10);
}

/**
 * A SQLite file with `count` stored instances, made once and kept in bench/.cache/ (git-ignored):
 * one real tender made through the engine (created, published, its bid deadline pending in 2099),
 * copied `count - 1` times with better-sqlite3 in big transactions.
 */
async function dataset(context: BenchContext, count: number): Promise<string> {
  const cacheDir = join(context.root, 'bench', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `scale-${datasetKey()}-${count}.sqlite`);
  if (existsSync(path)) {
    context.log(`dataset of ${count.toLocaleString('en-GB')} instances: cached (${path})`);
    return path;
  }
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const start = performance.now();
  const service = await startService(context.tmpDir('template'), { databasePath: building });
  const template = await service.engine.create(
    'tender',
    tenderInput({ bidDeadline: FAR_DEADLINE, decisionDate: FAR_DECISION }),
    BENCH_ACTOR,
  );
  await service.engine.apply(template.id, { type: 'PUBLISH', payload: {} }, BENCH_ACTOR);
  await service.close();
  context.log(`dataset of ${count.toLocaleString('en-GB')} instances: generating once into ${path}`);
  let lastLog = performance.now();
  cloneInstance(building, template.id, count - 1, {
    offline: true,
    batch: 20_000,
    onProgress: (done) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        context.log(`  ${done.toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')}`);
      }
    },
  });
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  renameSync(building, path);
  context.log(`  generated in ${((performance.now() - start) / 1000).toFixed(1)} s, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`);
  return path;
}

function sampleIds(path: string, count: number): string[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const byRowid = db.prepare('SELECT id FROM instances WHERE rowid = ?');
    return [1, Math.ceil(count / 4), Math.ceil(count / 2), Math.ceil((3 * count) / 4), count]
      .map((rowid) => (byRowid.get(rowid) as { id: string } | undefined)?.id)
      .filter((id): id is string => id !== undefined);
  } finally {
    db.close();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface StartUp {
  startupMs: number;
  rssAfterStartMiB: number;
  rssMiB: number;
  peakRssMiB: number;
  listMs: number;
  requestMs: Record<string, number>;
}

/** Starts `node dist/src/main.js` on the dataset, waits for /api/health, sends a few requests, reads its RSS. */
async function startOnce(context: BenchContext, main: string, path: string, ids: string[]): Promise<StartUp> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, [main], {
    cwd: context.root,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: `sqlite:${path}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: context.tmpDir('data'),
      API_TOKENS: BENCH_API_TOKENS,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const base = `http://127.0.0.1:${port}/api`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${stderr.slice(-500)}`);
      if (performance.now() - start > 120_000) throw new Error('the service did not become healthy within 120 s');
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
    const startupMs = performance.now() - start;
    const afterStart = rssMiB(child.pid!);
    const requestMs: Record<string, number> = {};
    const get = async (name: string, url: string) => {
      const begin = performance.now();
      const response = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
      requestMs[name] = Math.round((performance.now() - begin) * 10) / 10;
    };
    await get('machines', '/machines');
    for (const [k, id] of ids.entries()) await get(`instance${k}`, `/instances/${id}`);
    await get('history', `/instances/${ids[0]}/history`);
    await get('agenda', '/deadlines?limit=20');
    await get('list', '/instances?limit=20');
    const after = rssMiB(child.pid!);
    return { startupMs, rssAfterStartMiB: afterStart.rss, rssMiB: after.rss, peakRssMiB: after.peak, listMs: requestMs.list, requestMs };
  } finally {
    await stop(child);
  }
}

/**
 * 5. Scale: resident memory and start-up time of the built service (a child process running
 * dist/src/main.js) on 10,000 and on 1,000,000 stored instances; the large one against the small one.
 */
export async function runScaleBenchmark(context: BenchContext): Promise<BenchmarkOutput> {
  const settings = loadSettings();
  const main = join(context.root, 'dist', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first (npm run bench does)`);
  const sizes = [settings.scaleSmall, settings.scaleLarge];
  const paths = [];
  for (const size of sizes) paths.push(await dataset(context, size));
  const ids = paths.map((path, k) => sampleIds(path, sizes[k]));

  const runs: StartUp[][] = [[], []];
  for (let run = 0; run < settings.scaleRuns; run++) {
    for (let k = 0; k < sizes.length; k++) {
      const result = await startOnce(context, main, paths[k], ids[k]);
      runs[k].push(result);
      context.log(
        `${sizes[k].toLocaleString('en-GB')} instances: start-up ${Math.round(result.startupMs)} ms, RSS ${result.rssMiB.toFixed(0)} MiB, list page ${result.listMs} ms`,
      );
    }
  }
  // Start-up: the fastest of the runs (a busy neighbour only ever adds time); memory: the median.
  const [small, large] = runs.map((results) => ({
    startupMs: Math.min(...results.map((r) => r.startupMs)),
    startupMedianMs: median(results.map((r) => r.startupMs)),
    rssMiB: median(results.map((r) => r.rssMiB)),
    rssAfterStartMiB: median(results.map((r) => r.rssAfterStartMiB)),
    listMs: median(results.map((r) => r.listMs)),
    runs: results,
  }));
  const label = (size: number) => `${size.toLocaleString('en-GB')} instances`;
  const details = {
    runs: settings.scaleRuns,
    datasets: paths.map((path, k) => ({ instances: sizes[k], path, mib: Math.round(statSync(path).size / 2 ** 20) })),
    small,
    large,
  };
  return {
    rows: [
      row({
        benchmark: 'scale',
        measure: `RSS after start-up and ${ids[1].length + 4} requests (median), ${label(sizes[1])}`,
        value: large.rssMiB,
        unit: 'MiB',
        baseline: { label: label(sizes[0]), value: small.rssMiB, unit: 'MiB' },
        target: { op: '<=', limit: 1.2 },
        details,
      }),
      row({
        benchmark: 'scale',
        measure: `start-up time (spawn to healthy, best of ${settings.scaleRuns}), ${label(sizes[1])}`,
        value: large.startupMs,
        unit: 'ms',
        baseline: { label: label(sizes[0]), value: small.startupMs, unit: 'ms' },
        target: { op: '<=', limit: 1.2 },
      }),
      row({
        benchmark: 'scale',
        measure: `GET /api/instances?limit=20 (info, median), ${label(sizes[1])}`,
        value: large.listMs,
        unit: 'ms',
        baseline: { label: label(sizes[0]), value: small.listMs, unit: 'ms' },
      }),
    ],
    notes: [
      `${settings.scaleRuns} start-ups per dataset, alternating (RSS: median; start-up: fastest); datasets cached in bench/.cache/ (delete them to regenerate)`,
    ],
  };
}
