import { Mutex } from 'async-mutex';
import { Client } from 'pg';
import { DataSource, MigrationExecutor, type EntityManager } from 'typeorm';
import { defaultCheckpointMs, type DatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from './database-options';
import { PostgresSession, SqliteSession, type BetterSqliteConnection, type SqlSession } from './sql-session';
import { WalCheckpointer } from './wal-checkpointer';

/** At most this many commands share one SQLite transaction. */
const MAX_GROUP = 256;

interface QueuedWork {
  work: (session: SqlSession) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The database and its transactions. SQLite has one connection shared by the whole process, so
 * transactions (and reads, which would otherwise see another transaction's uncommitted rows) take
 * turns behind a mutex; PostgreSQL gives each transaction its own pooled connection.
 */
export class Database {
  private readonly turn = new Mutex();
  private readonly sqlite: SqliteSession | undefined;
  private readonly queue: QueuedWork[] = [];
  private flushing = false;
  private readonly committed = { groups: 0, commands: 0 };
  private checkpointer: WalCheckpointer | undefined;
  private groupCommitObserver: ((commands: number) => void) | undefined;
  private checkpointObserver: ((durationMs: number) => void) | undefined;
  private readonly rollbackListeners: ((scope: 'savepoint' | 'transaction') => void)[] = [];
  private readonly beforeCommitListeners: ((session: SqlSession) => Promise<void>)[] = [];

  private constructor(
    readonly dataSource: DataSource,
    readonly type: DatabaseConfig['type'],
  ) {
    if (type === 'sqlite') {
      this.sqlite = new SqliteSession((dataSource.driver as unknown as { databaseConnection: BetterSqliteConnection }).databaseConnection);
    }
  }

  /**
   * Opens the database. The service migrates it to the current schema (`migrate`, the default); the
   * command-line tools only read, so they leave it as it is (a read-only PostgreSQL role will do) and
   * refuse, with a clear message, a database whose schema is behind.
   */
  static async open(config: DatabaseConfig, options: { migrate?: boolean } = {}): Promise<Database> {
    const migrate = options.migrate ?? true;
    const dataSource = new DataSource(dataSourceOptions(config));
    if (migrate && config.type === 'postgres') {
      await underMigrationLock(config, async (lock) => {
        if (config.schema) await lock.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema.replace(/"/g, '')}"`);
        await dataSource.initialize();
        await migrateOrClose(dataSource, true);
      });
    } else {
      await dataSource.initialize();
      await migrateOrClose(dataSource, migrate);
    }
    const database = new Database(dataSource, config.type);
    if (migrate && config.type === 'sqlite' && config.path !== ':memory:') {
      const intervalMs = config.checkpointIntervalMs ?? defaultCheckpointMs(config.durability);
      if (intervalMs > 0) {
        database.checkpointer = WalCheckpointer.start(config.path, intervalMs, (durationMs) => database.checkpointObserver?.(durationMs));
      }
    }
    return database;
  }

  /** SQLite group commit so far: transactions committed, and the commands they held. */
  get groupCommits(): { groups: number; commands: number } {
    return { ...this.committed };
  }

  /** Called after each SQLite group commit with the number of commands it held (metrics). */
  observeGroupCommits(observer: (commands: number) => void): void {
    this.groupCommitObserver = observer;
  }

  /** Called with the duration of each background WAL checkpoint (metrics). */
  observeCheckpoints(observer: (durationMs: number) => void): void {
    this.checkpointObserver = observer;
  }

  /**
   * Called after any transaction of `sqlTransaction`, or savepoint of a group commit, was rolled back:
   * what a repository keeps in memory of the rows written in it is then to be forgotten.
   */
  onRollback(listener: (scope: 'savepoint' | 'transaction') => void): void {
    this.rollbackListeners.push(listener);
  }

  /**
   * SQLite: called in each group's transaction after its last command, before its COMMIT (what a
   * repository writes once per group rather than once per command). A listener that fails rolls the
   * group back.
   */
  onBeforeGroupCommit(listener: (session: SqlSession) => Promise<void>): void {
    this.beforeCommitListeners.push(listener);
  }

  private rolledBack(scope: 'savepoint' | 'transaction'): void {
    for (const listener of this.rollbackListeners) listener(scope);
  }

  get serialised(): boolean {
    return this.type === 'sqlite';
  }

  /** Runs `work` in one transaction: all of it commits, or none of it. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) return this.dataSource.transaction(work);
    return this.turn.runExclusive(() => this.dataSource.transaction(work));
  }

  /**
   * Runs `work` in a transaction with plain SQL (the engine's hot path).
   *
   * SQLite: group commit. Commands that arrive while a transaction is being written wait and then
   * share the next one, each inside its own savepoint: a command that fails rolls back only its own
   * savepoint. Every command is acknowledged only after the COMMIT that contains it, so an
   * acknowledged command is exactly as durable as with one transaction each. The transaction takes
   * the write lock at once (BEGIN IMMEDIATE).
   *
   * PostgreSQL: one transaction per command on a pooled connection.
   */
  async sqlTransaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    if (this.sqlite) {
      return new Promise<T>((resolve, reject) => {
        this.queue.push({ work, resolve, reject } as QueuedWork);
        if (!this.flushing) void this.flush(this.sqlite!);
      });
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const result = await work(new PostgresSession((sql, params) => runner.query(sql, params, true)));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        this.rolledBack('transaction');
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  private async flush(sqlite: SqliteSession): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        // A group starts after the current turn of the event loop: the requests read from the network
        // in this turn, and the callers just answered by the previous group, join it first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.turn.runExclusive(async () => {
          const batch = this.queue.splice(0, MAX_GROUP);
          const outcomes: { item: QueuedWork; ok: boolean; value: unknown }[] = [];
          try {
            sqlite.exec('BEGIN IMMEDIATE');
          } catch (error) {
            for (const item of batch) item.reject(error);
            return;
          }
          for (const item of batch) {
            sqlite.exec('SAVEPOINT command');
            try {
              const value = await item.work(sqlite);
              sqlite.exec('RELEASE command');
              outcomes.push({ item, ok: true, value });
            } catch (error) {
              sqlite.exec('ROLLBACK TO command');
              sqlite.exec('RELEASE command');
              this.rolledBack('savepoint');
              outcomes.push({ item, ok: false, value: error });
            }
          }
          try {
            for (const listener of this.beforeCommitListeners) await listener(sqlite);
            sqlite.exec('COMMIT');
          } catch (error) {
            try {
              sqlite.exec('ROLLBACK');
            } catch {
              // the failed COMMIT already ended the transaction
            }
            this.rolledBack('transaction');
            for (const { item } of outcomes) item.reject(error);
            return;
          }
          this.committed.groups += 1;
          this.committed.commands += outcomes.length;
          this.groupCommitObserver?.(outcomes.length);
          for (const { item, ok, value } of outcomes) (ok ? item.resolve : item.reject)(value);
        });
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Plain SQL reads outside a transaction. */
  async sqlRead<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const sqlite = this.sqlite;
    if (sqlite) return this.turn.runExclusive(() => work(sqlite));
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(new PostgresSession((sql, params) => runner.query(sql, params, true)));
    } finally {
      await runner.release();
    }
  }

  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) return work(this.dataSource.manager);
    return this.turn.runExclusive(() => work(this.dataSource.manager));
  }

  /**
   * One consistent, read-only view of the database for a whole read (an instance row with its
   * events): SQLite takes the process's turn and reads inside a transaction (WAL snapshot);
   * PostgreSQL uses a REPEATABLE READ, READ ONLY transaction.
   */
  async consistentRead<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.serialised) return this.transaction(work);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });
  }

  async ping(): Promise<void> {
    await this.read((manager) => manager.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.turn.runExclusive(() => this.dataSource.destroy());
  }
}

async function migrateOrClose(dataSource: DataSource, migrate: boolean): Promise<void> {
  try {
    if (migrate) await dataSource.runMigrations({ transaction: 'each' });
    else await assertSchemaCurrent(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** First half of the advisory lock key that serialises migrations: "engine" in ASCII, truncated to 32 bits. */
export const MIGRATION_LOCK_CLASS = 0x656e6769;

/**
 * Runs `work` holding a PostgreSQL advisory lock for the schema (key: MIGRATION_LOCK_CLASS and a hash
 * of the schema name), so that nodes starting together migrate one after the other: the first
 * creates the schema (on the lock's connection) and applies the migrations, the next finds nothing left to do. The lock is taken
 * at session level on a connection of its own: if the node dies while migrating, PostgreSQL ends the
 * session and frees the lock, and no transaction of the migrations holds it.
 */
async function underMigrationLock(
  config: Extract<DatabaseConfig, { type: 'postgres' }>,
  work: (lock: Client) => Promise<void>,
): Promise<void> {
  const lock = new Client({ connectionString: config.url, connectionTimeoutMillis: config.connectTimeoutMs });
  // A lock connection that breaks surfaces in the unlock below; the event alone must not end the process.
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, config.schema ?? 'public']);
    try {
      await work(lock);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, config.schema ?? 'public']);
    }
  } finally {
    await lock.end();
  }
}

/** Without migrating: the schema must already be the one this version reads (TypeORM's read-only check). */
async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length > 0) {
    throw new Error(
      `The database's schema is older than this version reads (migrations not applied: ${pending.map((migration) => migration.name).join(', ')}). Start the service on it once (it migrates at start-up), then run this again.`,
    );
  }
}
