/**
 * `npm run bench`: builds the service, compiles bench/ (bench/tsconfig.json → bench/.cache/dist), then
 * runs every benchmark module in turn, prints one table and writes bench/results/latest.json.
 *
 *   npm run bench                      every benchmark
 *   npm run bench -- engine http       only those (names as in BENCHMARKS, or any other *.bench.ts)
 *
 * Knobs are environment variables, see bench/lib/settings.ts and docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { type BenchContext, type BenchmarkRow, formatTable, normaliseOutput } from './lib/report';
import { loadSettings } from './lib/settings';

/** A benchmark module: compiled `<file>.js` next to this runner, exporting `exportName`. */
export interface BenchmarkModule {
  name: string;
  file: string;
  exportName: string;
  /** Written by someone else and maybe absent: skipped with a note instead of failing. */
  optional?: boolean;
}

/** The run order. Any other `*.bench.ts` found in bench/ runs after these (export `run…Benchmark`). */
export const BENCHMARKS: BenchmarkModule[] = [
  { name: 'engine', file: 'engine.bench', exportName: 'runEngineBenchmark' },
  { name: 'http', file: 'http.bench', exportName: 'runHttpBenchmark' },
  { name: 'deadlines', file: 'deadlines.bench', exportName: 'runDeadlinesBenchmark' },
  { name: 'replay', file: 'replay.bench', exportName: 'runReplayBenchmark', optional: true },
  { name: 'scale', file: 'scale.bench', exportName: 'runScaleBenchmark' },
];

const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('no package.json above the benchmark runner');
    dir = parent;
  }
  return dir;
}

/** Modules in run order: the known ones, then any other `bench/*.bench.ts`. */
export function discoverModules(sourceDir: string, known: BenchmarkModule[] = BENCHMARKS): BenchmarkModule[] {
  const extra = existsSync(sourceDir)
    ? readdirSync(sourceDir)
        .filter((file) => file.endsWith('.bench.ts'))
        .map((file) => file.slice(0, -'.ts'.length))
        .filter((file) => !known.some((module) => module.file === file))
        .map((file) => ({ name: file.replace(/\.bench$/, ''), file, exportName: '' }))
    : [];
  return [...known, ...extra];
}

type BenchFunction = (context: BenchContext) => Promise<unknown>;

function loadModule(dir: string, module: BenchmarkModule): BenchFunction | string {
  // The source decides (a compiled file may outlive its source); the compiled file is what runs.
  if (!existsSync(join(ROOT, 'bench', `${module.file}.ts`))) return `bench/${module.file}.ts is missing: skipped`;
  const path = join(dir, `${module.file}.js`);
  if (!existsSync(path)) return `bench/${module.file}.ts was not compiled (is it outside bench/tsconfig.json?): skipped`;
  const exports = require(path) as Record<string, unknown>;
  const name = module.exportName || Object.keys(exports).find((key) => /^run\w*Benchmark$/.test(key) && typeof exports[key] === 'function');
  const fn = name ? exports[name] : undefined;
  if (typeof fn !== 'function') return `bench/${module.file}.ts exports no ${module.exportName || 'run…Benchmark'} function: skipped`;
  return fn as BenchFunction;
}

/** The commit measured, and whether the working tree had uncommitted changes. */
function gitState(): { commit: string; dirty: boolean } | undefined {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--', 'src', 'machines').length > 0 };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const settings = loadSettings();
  const modules = discoverModules(join(ROOT, 'bench')).filter((module) => only.length === 0 || only.includes(module.name));
  if (only.length > 0 && modules.length === 0) throw new Error(`no benchmark named ${only.join(', ')}`);

  const tmpRoot = mkdtempSync(join(tmpdir(), 'engine-bench-'));
  const rows: BenchmarkRow[] = [];
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  const startedAt = new Date();
  let failed = false;

  try {
    for (const module of modules) {
      const loaded = loadModule(__dirname, module);
      if (typeof loaded === 'string') {
        notes.push(`${module.name}: ${loaded}`);
        console.error(`[${module.name}] ${loaded}`);
        continue;
      }
      const context: BenchContext = {
        root: ROOT,
        log: (message) => console.error(`[${module.name}] ${message}`),
        tmpDir: (prefix) => mkdtempSync(join(tmpRoot, `${module.name}-${prefix}-`)),
      };
      const start = performance.now();
      try {
        const output = normaliseOutput(module.name, await loaded(context));
        rows.push(...output.rows);
        for (const note of [...output.rows.flatMap((r) => r.notes ?? []), ...(output.notes ?? [])]) notes.push(`${module.name}: ${note}`);
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        notes.push(`${module.name}: FAILED: ${message.split('\n')[0]}`);
        console.error(`[${module.name}] FAILED: ${message}`);
      }
      timings[module.name] = Math.round((performance.now() - start) / 100) / 10;
      console.error(`[${module.name}] done in ${timings[module.name]} s`);
    }
  } finally {
    rmSync(tmpRoot, { recursive: true, force: true });
  }

  const cpu = cpus();
  const machine = {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    platform: `${platform()} ${release()}`,
    node: process.version,
  };
  const finishedAt = new Date();
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    seconds: timings,
    git: gitState(),
    machine,
    settings,
    rows,
    notes,
  };

  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

  const met = rows.filter((r) => r.met === true).length;
  const missed = rows.filter((r) => r.met === false).length;
  console.log('');
  const git = report.git ? `, commit ${report.git.commit}${report.git.dirty ? ' + uncommitted changes' : ''}` : '';
  console.log(
    `Benchmarks on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}${git}, ${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(0)} s`,
  );
  console.log('');
  console.log(formatTable(rows));
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  console.log(`Targets: ${met} met, ${missed} missed. Written to bench/results/latest.json`);
  if (failed) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
