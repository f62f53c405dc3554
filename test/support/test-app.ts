import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database URL for one test app. */
  url(): string;
  /** Removes what url() created. */
  cleanup(url: string): Promise<void>;
}

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
let warned = false;

const sqlite: TestDatabase = {
  name: 'sqlite',
  url: () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'engine-test-')), 'engine.sqlite')}`,
  cleanup: (url) => Promise.resolve(rmSync(join(url.slice('sqlite:'.length), '..'), { recursive: true, force: true })),
};

const postgres: TestDatabase = {
  name: 'postgres',
  url: () => {
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const url = new URL(POSTGRES_URL!);
    url.searchParams.set('schema', schema);
    return url.toString();
  },
  cleanup: async (url) => {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    const admin = new DataSource({ type: 'postgres', url: parsed.toString() });
    await admin.initialize();
    try {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.destroy();
    }
  },
};

/** SQLite always; PostgreSQL when TEST_POSTGRES_URL is set (CI sets it), else a visible skip notice. */
export function testDatabases(): TestDatabase[] {
  if (POSTGRES_URL) return [sqlite, postgres];
  if (!warned) {
    warned = true;
    console.warn('PostgreSQL end-to-end tests SKIPPED: set TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them.');
  }
  return [sqlite];
}

/** Principals of every test app; each request acts as one of them (see `request`). */
export const TEST_TOKENS = {
  administrator: 'admin-token-0123456789abcdef',
  scheduler: 'scheduler-token-0123456789abcdef',
  auditor: 'auditor-token-0123456789abcdef',
  'global-auditor': 'global-auditor-token-0123456789abcdef',
} as const;
export const TEST_PRINCIPALS = {
  administrator: 'marie.admin',
  scheduler: 'scheduler',
  auditor: 'audrey.auditor',
  'global-auditor': 'gaston.global',
} as const;
export type TestRole = keyof typeof TEST_TOKENS;

export const API_TOKENS = (Object.keys(TEST_TOKENS) as TestRole[])
  .map((role) => `${TEST_PRINCIPALS[role]}=${role}:${TEST_TOKENS[role]}`)
  .join(',');

export function bearer(role: TestRole): Record<string, string> {
  return { authorization: `Bearer ${TEST_TOKENS[role]}` };
}

/** The role a route needs: moving the clock and firing deadlines are the scheduler's; the rest the administrator's. */
function defaultRole(method: string, path: string): TestRole {
  if (method === 'POST' && (path.startsWith('/api/clock') || path.startsWith('/api/deadlines/fire-due'))) return 'scheduler';
  return 'administrator';
}

function withAuthorization(method: string, path: string, headers: Record<string, string>): Record<string, string> {
  if (headers.authorization === '') {
    const { authorization: _none, ...rest } = headers;
    return rest;
  }
  return headers.authorization ? headers : { ...headers, ...bearer(defaultRole(method, path)) };
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  databaseUrl: string;
  request<T = any>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

export interface TestResponse<T> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export async function startTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  databaseUrl?: string,
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const url = databaseUrl ?? database.url();
  // Quiet unless a test asks: errors only (LOG_LEVEL in `env` overrides, `silent` for none).
  const config = loadConfig({
    DATABASE_URL: url,
    DATA_DIR: join(tmpdir(), 'engine-test-data'),
    SCHEDULER: 'off',
    WEBHOOK_DISPATCHER: 'off',
    // The tests' receivers listen on loopback (test/webhook-addresses.e2e.spec.ts sets it back to false).
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // No reminders unless a test asks (REMINDER_OFFSETS): they would add messages to every record with deadlines.
    REMINDER_OFFSETS: 'none',
    API_TOKENS,
    LOG_LEVEL: 'error',
    ...env,
  });
  const app = await createApp(config, { logDestination: options.logDestination });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    databaseUrl: url,
    async request(method, path, body, headers = {}) {
      const response = await app.inject({
        method,
        url: path,
        payload: body === undefined ? undefined : JSON.stringify(body),
        // Acts as the principal the route needs, unless the caller gives its own authorization (or '' for none).
        headers: withAuthorization(method, path, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }),
      });
      const text = response.body;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep text
      }
      return { status: response.statusCode, body: parsed as never, headers: response.headers };
    },
    async close() {
      await app.close();
      if (!databaseUrl) await database.cleanup(url);
    },
  };
}
