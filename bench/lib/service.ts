import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { InstanceCommandsService } from '../../src/instances/instance-commands.service';
import { seed001TenderInput } from '../../test/support/seed-001';

export const BENCH_TOKEN = 'bench-admin-token-0123456789abcdef';
export const BENCH_SCHEDULER_TOKEN = 'bench-scheduler-token-0123456789abcdef';
export const BENCH_ACTOR = 'bench.admin';
/** API_TOKENS for every service the benchmarks start. */
export const BENCH_API_TOKENS = `${BENCH_ACTOR}=administrator:${BENCH_TOKEN},bench.scheduler=scheduler:${BENCH_SCHEDULER_TOKEN}`;

export interface BenchService {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The command side (create, apply), the engine's write path without HTTP. */
  engine: InstanceCommandsService;
  databasePath: string;
  close(): Promise<void>;
}

/** The real service (createApp) on a SQLite file, scheduler off unless asked, not listening unless `listen`. */
export async function startService(
  dir: string,
  options: { databasePath?: string; env?: Record<string, string>; listen?: boolean } = {},
): Promise<BenchService> {
  const databasePath = options.databasePath ?? join(dir, 'engine.sqlite');
  const config = loadConfig({
    DATABASE_URL: `sqlite:${databasePath}`,
    DATA_DIR: join(dir, 'data'),
    SCHEDULER: 'off',
    API_TOKENS: BENCH_API_TOKENS,
    PORT: '0',
    // The service's default is durable (synchronous=FULL); SQLITE_DURABILITY=relaxed npm run bench measures the other mode.
    ...(process.env.SQLITE_DURABILITY ? { SQLITE_DURABILITY: process.env.SQLITE_DURABILITY } : {}),
    ...(process.env.SQLITE_CHECKPOINT_MS ? { SQLITE_CHECKPOINT_MS: process.env.SQLITE_CHECKPOINT_MS } : {}),
    ...options.env,
  });
  // Logged as in production (info: one line per request), to a file written asynchronously, so that
  // the terminal does not take part in the measure.
  const log = pino.destination({ dest: join(dir, 'service.log'), sync: false, minLength: 8 * 1024 });
  const app = await createApp(config, { logger: 'info', logDestination: log });
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.getHttpAdapter().getInstance().ready();
  const close = async () => {
    await app.close();
    log.end();
  };
  return { app, config, engine: app.get(InstanceCommandsService), databasePath, close };
}

/** How the service's SQLite syncs its commits, for the report. */
export function durabilityOf(service: BenchService): string {
  const database = service.config.database;
  return database.type === 'sqlite'
    ? `SQLite ${database.durability ?? 'durable'} (synchronous=${database.durability === 'relaxed' ? 'NORMAL' : 'FULL'})`
    : 'PostgreSQL';
}

export function listeningUrl(app: NestFastifyApplication): string {
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('the service is not listening on TCP');
  return `http://127.0.0.1:${address.port}`;
}

/** Seed 001's tender, the input of every tender the benchmarks create. */
export function tenderInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...seed001TenderInput, ...overrides };
}

/** An ordinary event: a new wording of a draft tender's object (no deadline, no related facts). */
export function updateDraft(n: number): { type: string; payload: Record<string, unknown> } {
  return { type: 'UPDATE_DRAFT', payload: { object: `Two groups of 10 to 12 women, revision ${n}` } };
}

export async function createDraftTenders(engine: InstanceCommandsService, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await engine.create('tender', tenderInput({ title: `Bench tender ${i}` }), BENCH_ACTOR)).id);
  return ids;
}
