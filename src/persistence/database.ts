import { Mutex } from 'async-mutex';
import { DataSource, type EntityManager } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from './database-options';

/**
 * The database and its transactions. SQLite has one connection shared by the whole process, so
 * transactions (and reads, which would otherwise see another transaction's uncommitted rows) take
 * turns behind a mutex; PostgreSQL gives each transaction its own pooled connection.
 */
export class Database {
  private readonly turn = new Mutex();

  private constructor(
    readonly dataSource: DataSource,
    readonly type: DatabaseConfig['type'],
  ) {}

  static async open(config: DatabaseConfig): Promise<Database> {
    if (config.type === 'postgres' && config.schema) await ensureSchema(config);
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return new Database(dataSource, config.type);
  }

  get serialised(): boolean {
    return this.type === 'sqlite';
  }

  /** Runs `work` in one transaction: all of it commits, or none of it. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) return this.dataSource.transaction(work);
    return this.turn.runExclusive(() => this.dataSource.transaction(work));
  }

  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) return work(this.dataSource.manager);
    return this.turn.runExclusive(() => work(this.dataSource.manager));
  }

  async ping(): Promise<void> {
    await this.read((manager) => manager.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.turn.runExclusive(() => this.dataSource.destroy());
  }
}

async function ensureSchema(config: Extract<DatabaseConfig, { type: 'postgres' }>): Promise<void> {
  const bootstrap = new DataSource({ type: 'postgres', url: config.url });
  await bootstrap.initialize();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema!.replace(/"/g, '')}"`);
  } finally {
    await bootstrap.destroy();
  }
}
