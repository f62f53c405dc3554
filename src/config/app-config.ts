import { join, resolve } from 'node:path';
import { checkInstant } from '../common/time/instant';

export type DatabaseConfig =
  /** `checkpointIntervalMs`: how often a worker thread checkpoints the WAL (0: SQLite's own checkpoints only). */
  { type: 'sqlite'; path: string; checkpointIntervalMs?: number } | { type: 'postgres'; url: string; schema?: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  clock: { mode: 'real' | 'simulated'; start?: Date };
  scheduler: { enabled: boolean; pollIntervalMs: number; batchSize: number };
  bodyLimitBytes: number;
  http: HttpTimeouts;
  apiTokens?: string;
  /** Structured JSON logs (LOG_LEVEL). */
  log: { level: LogLevelName };
  /** Prometheus metrics: on the API port (`/api/metrics`, auditors and schedulers) or on a port of their own (METRICS_PORT). */
  metrics: { port?: number };
  /** Browser origins allowed by CORS (CORS_ORIGINS, comma-separated); none: CORS off. */
  corsOrigins: string[];
  /** Security headers (@fastify/helmet) on every response (SECURITY_HEADERS). */
  securityHeaders: boolean;
  /** Requests per token per window (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS); max 0: no limit. */
  rateLimit: { max: number; windowMs: number };
  /** After SIGTERM: readiness answers 503 for `drainMs` before the server stops taking requests (SHUTDOWN_DRAIN_MS). */
  shutdown: { drainMs: number };
  /** Events must carry If-Match (REQUIRE_IF_MATCH): a request without it gets 428. */
  requireIfMatch: boolean;
}

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const LOG_LEVELS: readonly LogLevelName[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevelFrom(raw: string | undefined): LogLevelName {
  if (raw === undefined || raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return raw as LogLevelName;
}

/**
 * How long a client may take, so that one that stalls cannot hold a connection (and a socket) for
 * ever: to send a whole request, to send its headers, and to start its next request on a kept-alive
 * connection. Node notices an expired request at its next check of the connections, every
 * `connectionsCheckingIntervalMs` (derived: a quarter of the shortest timeout, at most a second).
 */
export interface HttpTimeouts {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  connectionsCheckingIntervalMs: number;
}

export class ConfigError extends Error {}

/** The WAL is checkpointed (and synced) from a worker thread this often by default. */
export const DEFAULT_CHECKPOINT_MS = 25;

/** Parses `DATABASE_URL`: `sqlite:<path>`, or `postgres://…` (optional `?schema=`). */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { type: 'sqlite', path: join(dataDir, 'engine.sqlite') };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL sqlite:<path> needs a file path');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return { type: 'postgres', url: parsed.toString(), schema };
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(':')[0]}:…)`);
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

function httpTimeoutsFrom(env: NodeJS.ProcessEnv): HttpTimeouts {
  const requestTimeoutMs = intFrom(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  const headersTimeoutMs = intFrom(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 3_600_000);
  const keepAliveTimeoutMs = intFrom(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 3_600_000);
  // The headers are part of the request: Node refuses a headers timeout longer than the request's.
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  const connectionsCheckingIntervalMs = Math.min(1_000, Math.ceil(Math.min(requestTimeoutMs, headersTimeoutMs) / 4));
  return { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, connectionsCheckingIntervalMs };
}

/** The environment, read and validated once at start-up; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const clockMode = env.CLOCK ?? 'real';
  if (clockMode !== 'real' && clockMode !== 'simulated') throw new ConfigError('CLOCK must be real or simulated');
  let start: Date | undefined;
  if (env.CLOCK_START) {
    const checked = checkInstant(env.CLOCK_START);
    if (checked.problem !== undefined) throw new ConfigError(`CLOCK_START must be an ISO 8601 instant with an offset: ${checked.problem}`);
    start = new Date(checked.instant);
  }
  const database = parseDatabaseUrl(env.DATABASE_URL, dataDir);
  if (database.type === 'sqlite') database.checkpointIntervalMs = intFrom(env, 'SQLITE_CHECKPOINT_MS', DEFAULT_CHECKPOINT_MS, 0, 60_000);
  return {
    port: intFrom(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    database,
    dataDir,
    clock: { mode: clockMode, start },
    scheduler: {
      enabled: (env.SCHEDULER ?? 'on') !== 'off',
      pollIntervalMs: intFrom(env, 'SCHEDULER_POLL_MS', 250, 10, 3_600_000),
      batchSize: intFrom(env, 'SCHEDULER_BATCH', 200, 1, 100_000),
    },
    bodyLimitBytes: intFrom(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
    http: httpTimeoutsFrom(env),
    apiTokens: env.API_TOKENS,
    log: { level: logLevelFrom(env.LOG_LEVEL) },
    metrics: { port: env.METRICS_PORT ? intFrom(env, 'METRICS_PORT', 0, 1, 65535) : undefined },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    securityHeaders: (env.SECURITY_HEADERS ?? 'on') !== 'off',
    rateLimit: {
      max: intFrom(env, 'RATE_LIMIT_MAX', 0, 0, 1_000_000),
      windowMs: intFrom(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1_000, 86_400_000),
    },
    shutdown: { drainMs: intFrom(env, 'SHUTDOWN_DRAIN_MS', 0, 0, 600_000) },
    requireIfMatch: (env.REQUIRE_IF_MATCH ?? 'off') === 'on',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
