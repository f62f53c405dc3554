import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The newest modification time of the files under `dir` (the sources a build is made from). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The service compiled, for tests that run it as a real child process: the project's own `dist/` when it
 * is newer than every source (`npm run build` made it, as `.ci/run` does before the tests), else a build
 * of its own in a folder inside the project (so that node_modules resolves), removed by `cleanup`. Returns
 * the path of its main.js. Tests write nothing next to it.
 */
export function buildService(name: string): { main: string; cleanup(): void } {
  const built = join(ROOT, 'dist', 'src', 'main.js');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    newestMtime(join(ROOT, 'machines')),
    statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs > sources) return { main: built, cleanup: () => undefined };
  const outDir = join(ROOT, 'dist-test', `${name}-${process.pid}`);
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  const main = join(outDir, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`build produced no ${main}`);
  return { main, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function startService(main: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The service logs a JSON line per request: a pipe nobody reads fills up and blocks its writes.
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

export async function waitForHealth(port: number, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('service did not become healthy in time');
}

export async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
