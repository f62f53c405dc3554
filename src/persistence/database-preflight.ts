import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { DEFAULT_DATABASE_CONNECT_TIMEOUT_MS, StartupError, withoutPassword, type DatabaseConfig } from '../config/app-config';

/**
 * Before the service is assembled: can the database be reached and used? Each failure is one
 * StartupError naming the problem and the database (its URL without the password), so that a start
 * on a wrong URL, a stopped server or an unwritable folder ends with one line instead of a trace.
 */
export async function checkDatabaseReachable(config: DatabaseConfig): Promise<void> {
  if (config.type === 'sqlite') checkSqliteWritable(config.path);
  else await checkPostgresReachable(config.url, config.connectTimeoutMs ?? DEFAULT_DATABASE_CONNECT_TIMEOUT_MS);
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

function checkSqliteWritable(path: string): void {
  if (path === ':memory:') return;
  const directory = dirname(path);
  try {
    createDirectory(directory);
  } catch (error) {
    throw new StartupError(`Database: cannot create the directory ${directory} for the SQLite file ${path} (${reason(error)})`);
  }
  try {
    accessSync(directory, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new StartupError(`Database: cannot write the SQLite file ${path} or its directory (${reason(error)})`);
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir spins for ever under some pseudo file systems
 * (/proc), where the first failing level fails cleanly this way.
 */
function createDirectory(directory: string): void {
  if (existsSync(directory)) {
    if (!statSync(directory).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return;
  }
  const parent = dirname(directory);
  if (parent !== directory) createDirectory(parent);
  mkdirSync(directory);
}

/** PostgreSQL's SQLSTATE codes and Node's network codes that mean something to whoever starts the service. */
function postgresProblem(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is PostgreSQL running and listening there?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${code})`;
    case '3D000':
      return 'the database does not exist (create it first)';
    case '28P01':
    case '28000':
      return 'authentication refused';
    case '57P03':
      return 'PostgreSQL is starting up or shutting down';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      if (/timeout/i.test(message)) return `no answer within ${timeoutMs} ms (DATABASE_CONNECT_TIMEOUT_MS)`;
      return message.replace(/\s+/g, ' ');
    }
  }
}

async function checkPostgresReachable(url: string, timeoutMs: number): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A connection that breaks later reports it as an event; the query below sees it anyway.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(`Database: cannot use PostgreSQL at ${withoutPassword(url)}: ${postgresProblem(error, timeoutMs)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
