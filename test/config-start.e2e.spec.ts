import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stop, waitForHealth } from './support/built-service';
import { dropSchema, EACH_MIGRATION_ONCE, recordedMigrations } from './support/postgres-schema';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const SECRET = 'do-not-print-this-token-0123456789';

/** Runs the built service with `env` only (and PATH) until it exits. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** A refused start: exit code 2, and stderr is one line, with no stack frame. */
async function refusedStart(env: Record<string, string>): Promise<string> {
  const outcome = await start({ DATA_DIR: join(ROOT, 'dist', 'no-data'), ...env });
  expect(outcome.code).toBe(2);
  const lines = outcome.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  // No stack frame ("    at f (file.js:1:2)"), whatever the message says.
  expect(outcome.stderr).not.toMatch(/^\s+at |\(\S+:\d+:\d+\)|\.js:\d+/m);
  return lines[0];
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}, 180_000);

describe('a start refused for its configuration or its database', () => {
  it('bad PORT', async () => {
    expect(await refusedStart({ PORT: 'eighty' })).toBe('Configuration: PORT must be an integer from 0 to 65535, got "eighty"');
  });

  it('bad API_TOKENS: the entry by position and name, never the token', async () => {
    const line = await refusedStart({ API_TOKENS: `ops=administrator:${SECRET},cron=superuser:${SECRET}x` });
    expect(line).toBe(
      'Configuration: API_TOKENS entry 2 (cron) must have a role among administrator, scheduler, auditor, global-auditor ("superuser" is not one)',
    );
    expect(line).not.toContain(SECRET);
  });

  it('bad organisations: DEFAULT_ORGANISATION, or one after @ in API_TOKENS', async () => {
    expect(await refusedStart({ DEFAULT_ORGANISATION: 'région ara' })).toBe(
      'Configuration: DEFAULT_ORGANISATION must have no white space, comma, plus, colon nor at sign, got "région ara"',
    );
    const line = await refusedStart({ API_TOKENS: `ops=administrator@region+:${SECRET}` });
    expect(line).toMatch(/^Configuration: API_TOKENS entry 1 \(ops\) must name organisations of 1 to 200 characters/);
    expect(line).not.toContain(SECRET);
  });

  it('bad CLOCK_START', async () => {
    expect(await refusedStart({ CLOCK: 'simulated', CLOCK_START: '2022-02-30T09:00:00+01:00' })).toMatch(
      /^Configuration: CLOCK_START must be an ISO 8601 instant with an offset such as 2022-06-27T09:00:00\+02:00, got "2022-02-30T09:00:00\+01:00" \(no such date/,
    );
  });

  it('bad WEBHOOK_ALLOWED_HOSTS: each bad entry named', async () => {
    expect(await refusedStart({ WEBHOOK_ALLOWED_HOSTS: 'hooks.internal.example, 10.0.0.0/8 ,bad host' })).toBe(
      'Configuration: WEBHOOK_ALLOWED_HOSTS must be host names or IP addresses separated by commas, such as hooks.internal.example,10.0.0.5 (no scheme, port, path or range), got "10.0.0.0/8", "bad host"',
    );
  });

  it('several bad at once: one line listing each', async () => {
    expect(await refusedStart({ PORT: '-1', CLOCK: 'sundial', REQUIRE_IF_MATCH: 'perhaps' })).toBe(
      'Configuration: PORT must be an integer from 0 to 65535, got "-1"; CLOCK must be one of real, simulated, got "sundial"; REQUIRE_IF_MATCH must be true or false (also on/off, yes/no, 1/0), got "perhaps"',
    );
  });

  it('unreachable PostgreSQL, named without its password', async () => {
    const line = await refusedStart({ DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/test' });
    expect(line).toBe(
      'Database: cannot use PostgreSQL at postgres://postgres@127.0.0.1:1/test: connection refused (is PostgreSQL running and listening there?)',
    );
  });

  it('an SQLite file whose directory cannot be created', async () => {
    expect(await refusedStart({ DATABASE_URL: 'sqlite:/dev/null/engine.sqlite' })).toBe(
      'Database: cannot create the directory /dev/null for the SQLite file /dev/null/engine.sqlite (ENOTDIR)',
    );
  });

  it('a data folder where the token file cannot be made (refused while the modules are set up)', async () => {
    expect(
      await refusedStart({ DATABASE_URL: `sqlite:${join(ROOT, 'dist', 'no-data', 'engine.sqlite')}`, DATA_DIR: '/dev/null/data' }),
    ).toBe(
      'Configuration: DATA_DIR /dev/null/data: cannot create or read the token file /dev/null/data/api-tokens (ENOTDIR); set API_TOKENS or a DATA_DIR this user can write',
    );
  });

  it('a token file other users may read: refused, with the mode and the fix', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tokens-mode-'));
    try {
      const path = join(folder, 'api-tokens');
      writeFileSync(path, `ops=administrator:${SECRET}\n`);
      chmodSync(path, 0o644);
      expect(await refusedStart({ DATABASE_URL: `sqlite:${join(folder, 'engine.sqlite')}`, DATA_DIR: folder })).toBe(
        `Configuration: ${path} is readable or writable by other users (mode 0644); chmod 600 it`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('OpenID Connect settings that cannot work', async () => {
    expect(await refusedStart({ OIDC_ISSUER: 'https://keycloak.example/realms/achats' })).toBe(
      'Configuration: OIDC_AUDIENCE must be set when OIDC_ISSUER is: the audience (client id) the provider issues tokens for',
    );
    expect(await refusedStart({ OIDC_ISSUER: 'keycloak', OIDC_AUDIENCE: 'engine' })).toBe(
      'Configuration: OIDC_ISSUER must be the provider\'s issuer URL, such as https://keycloak.example/realms/achats, got "keycloak"',
    );
    expect(
      await refusedStart({ OIDC_ISSUER: 'https://keycloak.example/realms/achats', OIDC_AUDIENCE: 'engine', OIDC_ROLE_MAP: 'agent-achat' }),
    ).toBe(
      'Configuration: OIDC_ROLE_MAP must be provider-role=role entries separated by commas, each role among administrator, scheduler, auditor, global-auditor, such as agent-achat=administrator,controle=auditor, got "agent-achat"',
    );
  });

  (POSTGRES_URL ? it : it.skip)('a PostgreSQL database that does not exist', async () => {
    const url = new URL(POSTGRES_URL!);
    url.pathname = `/no_such_db_${Date.now().toString(36)}`;
    expect(await refusedStart({ DATABASE_URL: url.toString() })).toBe(
      `Database: cannot use PostgreSQL at ${url.toString()}: the database does not exist (create it first)`,
    );
  });
});

(POSTGRES_URL ? describe : describe.skip)('two nodes starting together on one empty schema (PostgreSQL)', () => {
  it('both start, and each migration is applied once', async () => {
    const schema = `nodes_${Date.now().toString(36)}`;
    const url = new URL(POSTGRES_URL!);
    url.searchParams.set('schema', schema);
    const ports = [await freePort(), await freePort()];
    const nodes = ports.map((port) =>
      spawn(process.execPath, [MAIN], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          DATABASE_URL: url.toString(),
          API_TOKENS: `ops=administrator:${SECRET}`,
          SCHEDULER: 'off',
        },
        stdio: 'ignore',
      }),
    );
    try {
      await Promise.all(nodes.map((node, index) => waitForHealth(ports[index], node, 60_000)));
      expect(await recordedMigrations(schema)).toEqual(EACH_MIGRATION_ONCE);
    } finally {
      await Promise.all(nodes.map((node) => stop(node)));
      await dropSchema(schema);
    }
  });
});
