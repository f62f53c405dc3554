import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort, waitForHealth } from './support/built-service';

const ROOT = join(__dirname, '..');

/**
 * A production tree made cheaply: the project's package.json, scripts, configuration and sources
 * copied into a temporary folder, and a node_modules folder of symbolic links to every installed
 * package except typescript (and no .bin), so that, from that folder, the compiler cannot be found
 * as after `npm prune --omit=dev`. PATH keeps no node_modules/.bin either.
 */
function productionTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'engine-prestart-'));
  for (const item of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src', 'machines']) {
    cpSync(join(ROOT, item), join(dir, item), { recursive: true });
  }
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === 'typescript' || name === '.bin' || name.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

const env = (dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules'))
    .join(delimiter),
  HOME: process.env.HOME ?? dir,
  DATA_DIR: join(dir, 'data'),
  ...extra,
});

function prestart(dir: string) {
  const run = spawnSync(process.execPath, [join(dir, 'scripts', 'prestart.js')], { cwd: dir, env: env(dir), encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm start on a built tree without the TypeScript compiler', () => {
  let dir: string;

  beforeAll(() => {
    dir = productionTree();
    // A fresh clone: no dist/. With the compiler there (linked for this step only), prestart builds it.
    const typescript = join(dir, 'node_modules', 'typescript');
    symlinkSync(join(ROOT, 'node_modules', 'typescript'), typescript);
    const build = prestart(dir);
    unlinkSync(typescript);
    expect(build).toMatchObject({ status: 0, stdout: expect.stringContaining('dist/ has not been built; building it') });
    expect(existsSync(join(dir, 'dist', 'src', 'main.js'))).toBe(true);
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the compiler cannot be resolved from the tree', () => {
    expect(() => require.resolve('typescript', { paths: [dir] })).toThrow();
  });

  it('starts what was built: prestart builds nothing and the service answers /api/health', async () => {
    const port = await freePort();
    // npm and the service in a process group of their own, so that stopping it stops them all.
    const child: ChildProcess = spawn('npm', ['start', '--silent'], {
      cwd: dir,
      env: env(dir, { PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'data', 'engine.sqlite')}` }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForHealth(port, child, 60_000);
      expect(output).not.toContain('building');
      expect(output).not.toContain('TypeScript compiler');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
    }
  });

  it('a source newer than dist/ with no compiler: one line saying so, exit 2', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'main.ts'), later, later);
    const run = prestart(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'npm start: dist/ is older than the sources and the TypeScript compiler is not installed (run npm install with dev dependencies, then npm run build)\n',
    );
  });

  it('no dist/ and no compiler: one line, exit 2', () => {
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    const run = prestart(dir);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^npm start: dist\/ has not been built and the TypeScript compiler/),
    ]);
  });
});
