/**
 * Plain parametrised SQL for the engine's hot path. Statements are written with `?` placeholders;
 * PostgreSQL gets them numbered. Identifiers and values never go into the text.
 */
export interface SqlSession {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The first row, if any. */
  one<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
}

interface BetterSqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

export interface BetterSqliteConnection {
  prepare(sql: string): BetterSqliteStatement;
  exec(sql: string): unknown;
}

/** better-sqlite3: synchronous prepared statements, cached by text. */
export class SqliteSession implements SqlSession {
  private readonly statements = new Map<string, BetterSqliteStatement>();

  constructor(private readonly connection: BetterSqliteConnection) {}

  private statement(sql: string): BetterSqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return Promise.resolve(this.statement(sql).all(...params) as T[]);
  }

  one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return Promise.resolve(this.statement(sql).get(...params) as T | undefined);
  }

  run(sql: string, params: unknown[] = []): Promise<{ changes: number }> {
    return Promise.resolve(this.statement(sql).run(...params));
  }

  /** Transaction control (BEGIN, SAVEPOINT, COMMIT...), also through cached prepared statements. */
  exec(sql: string): void {
    this.statement(sql).run();
  }
}

export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

export interface StructuredResult {
  records: unknown[];
  affected?: number;
}

/** PostgreSQL through one connection of TypeORM's pool (a query runner, structured results). */
export class PostgresSession implements SqlSession {
  constructor(private readonly query: (sql: string, params: unknown[]) => Promise<StructuredResult>) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.query(numberedPlaceholders(sql), params)).records as T[];
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: unknown[] = []): Promise<{ changes: number }> {
    return { changes: (await this.query(numberedPlaceholders(sql), params)).affected ?? 0 };
  }
}
