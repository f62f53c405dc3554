import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import 'reflect-metadata';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { DeadlineEntity } from './entities/deadline.entity';
import { EventEntity } from './entities/event.entity';
import { InstanceEntity } from './entities/instance.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { InstancesCreatedIndex1764100000000 } from './migrations/1764100000000-instances-created-index';
import { IdempotencyKeys1765100000000 } from './migrations/1765100000000-idempotency-keys';
import { SimulatedClock1765200000000 } from './migrations/1765200000000-simulated-clock';
import { InstanceListFilters1765300000000 } from './migrations/1765300000000-instance-list-filters';
import { SummaryIndexes1765400000000 } from './migrations/1765400000000-summary-indexes';
import { DeadlineDuties1765500000000 } from './migrations/1765500000000-deadline-duties';
import { Outbox1765700000000 } from './migrations/1765700000000-outbox';
import { EmailAndReminders1765800000000 } from './migrations/1765800000000-email-and-reminders';
import { Organisations1765900000000 } from './migrations/1765900000000-organisations';
import { Transparency1766000000000 } from './migrations/1766000000000-transparency';
import { LeavesInEvents1766100000000 } from './migrations/1766100000000-leaves-in-events';

export const ENTITIES = [InstanceEntity, EventEntity, DeadlineEntity];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  InstancesCreatedIndex1764100000000,
  IdempotencyKeys1765100000000,
  SimulatedClock1765200000000,
  InstanceListFilters1765300000000,
  SummaryIndexes1765400000000,
  DeadlineDuties1765500000000,
  Outbox1765700000000,
  EmailAndReminders1765800000000,
  Organisations1765900000000,
  Transparency1766000000000,
  LeavesInEvents1766100000000,
];

/**
 * One definition serves the app and the migration CLI. SQLite runs in WAL mode. Durable (the default):
 * synchronous=FULL, the WAL is synced at every commit, so a committed transaction survives a power cut;
 * group commit shares that sync among the commands of a group. Relaxed: synchronous=NORMAL, a commit
 * survives a process crash, and the WAL is synced at checkpoints (see docs/performance.md).
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: migrationsFor(database),
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (database.type === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: true,
      timeout: 10_000,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma(database.durability === 'relaxed' ? 'synchronous = NORMAL' : 'synchronous = FULL');
        db.pragma('busy_timeout = 10000');
      },
    };
  }
  // search_path makes the schema apply to hand-written SQL too (the scheduler's claim query).
  const options = database.schema ? `-c search_path="${database.schema.replace(/"/g, '')}"` : undefined;
  return {
    ...common,
    type: 'postgres',
    url: database.url,
    schema: database.schema,
    extra: { max: 10, connectionTimeoutMillis: database.connectTimeoutMs, ...(options ? { options } : {}) },
  };
}

/** The migrations, the organisations' one giving the existing rows the configured default organisation. */
function migrationsFor(database: DatabaseConfig): typeof MIGRATIONS {
  const configured = database.defaultOrganisation;
  if (configured === undefined) return MIGRATIONS;
  class ConfiguredOrganisations extends Organisations1765900000000 {
    protected override defaultOrganisation(): string {
      return configured!;
    }
  }
  return MIGRATIONS.map((migration) => (migration === Organisations1765900000000 ? ConfiguredOrganisations : migration));
}
