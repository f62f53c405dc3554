import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { buildService, freePort, startService, stop, waitForHealth } from './support/built-service';
import { seed001TenderInput } from './support/seed-001';
import { TEST_TOKENS } from './support/test-app';

const DRAIN_MS = 1_000;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function status(port: number, path: string): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { connection: 'close' } })).status;
  } catch {
    return undefined; // not accepting connections
  }
}

/** The whole HTTP response read from a raw socket, once the server has sent it. */
function responseOf(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

/**
 * A real service process stops on SIGTERM: readiness turns 503 at once while it drains, then it takes
 * no new connection, lets the request in flight finish, and exits 0 with its stop line.
 */
describe('graceful stop (real child process, SQLite)', () => {
  let build: ReturnType<typeof buildService>;
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    build = buildService('shutdown');
    dir = mkdtempSync(join(tmpdir(), 'engine-shutdown-'));
  }, 120_000);

  afterAll(async () => {
    if (child) await stop(child, 'SIGKILL');
    build?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('drains, finishes the request in flight, closes and exits 0', async () => {
    const port = await freePort();
    child = startService(build.main, {
      DATABASE_URL: `sqlite:${join(dir, 'engine.sqlite')}`,
      DATA_DIR: dir,
      PORT: String(port),
      API_TOKENS: `marie.admin=administrator:${TEST_TOKENS.administrator}`,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      LOG_LEVEL: 'info',
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    await waitForHealth(port, child);
    expect(await status(port, '/api/health/ready')).toBe(200);

    // A request in flight: its headers are in, half its body is not.
    const body = JSON.stringify({ kind: 'tender', input: seed001TenderInput });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const response = responseOf(socket);
    socket.write(
      `POST /api/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TEST_TOKENS.administrator}\r\n` +
        `X-Request-Id: in-flight-1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    child.kill('SIGTERM');
    // Draining: not ready any more, still alive, still answering.
    expect(await until('readiness 503', async () => ((await status(port, '/api/health/ready')) === 503 ? 503 : undefined))).toBe(503);
    expect(await status(port, '/api/health/live')).toBe(200);
    // Then no new connection is taken...
    await until('the listener to close', async () => ((await status(port, '/api/health/live')) === undefined ? true : undefined));
    expect(child.exitCode).toBeNull();
    // ...while the request in flight still completes.
    socket.end(body.slice(20));
    const answer = await response;
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer).toContain('x-request-id: in-flight-1');

    expect(await exited).toEqual({ code: 0, signal: null });
    const records = stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.find((record) => record.msg === 'listening')).toMatchObject({
      level: 'info',
      address: `http://127.0.0.1:${port}/api`,
      database: 'sqlite',
      clock: 'real',
    });
    expect(records.find((record) => record.requestId === 'in-flight-1' && record.msg === 'request')).toMatchObject({
      route: '/api/instances',
      status: 201,
      principal: 'marie.admin',
    });
    expect(records.at(-1)).toMatchObject({ level: 'info', msg: 'stopped', signal: 'SIGTERM' });
    for (const line of stdout.split('\n')) expect(line).not.toContain(TEST_TOKENS.administrator);
  }, 60_000);
});
