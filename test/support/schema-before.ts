import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions, MIGRATIONS } from '../../src/persistence/database-options';

/**
 * A database at `url` migrated up to the migration before `migration` (the schema a migration's test
 * starts from), and the statement placeholders of its dialect (`?` or `$1…`).
 */
export async function schemaBefore(
  url: string,
  migration: (typeof MIGRATIONS)[number],
): Promise<{ old: DataSource; placeholders: (count: number) => string }> {
  const config = loadConfig({ DATABASE_URL: url }).database;
  if (config.type === 'postgres') {
    const admin = new DataSource({ type: 'postgres', url: process.env.TEST_POSTGRES_URL });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${config.schema}"`);
    await admin.destroy();
  }
  const old = new DataSource({ ...dataSourceOptions(config), migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration)) });
  await old.initialize();
  await old.runMigrations({ transaction: 'each' });
  const placeholders = (count: number) =>
    Array.from({ length: count }, (_, index) => (config.type === 'postgres' ? `$${index + 1}` : '?')).join(', ');
  return { old, placeholders };
}
