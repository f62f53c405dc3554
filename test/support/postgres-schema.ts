import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/persistence/database-options';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

/** The migrations recorded in a schema, by name, with how many times each was recorded. */
export async function recordedMigrations(schema: string): Promise<Record<string, number>> {
  const admin = new DataSource({ type: 'postgres', url: POSTGRES_URL });
  await admin.initialize();
  try {
    const rows: { name: string; count: string }[] = await admin.query(
      `SELECT name, count(*) AS count FROM "${schema}".migrations GROUP BY name ORDER BY name`,
    );
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
  } finally {
    await admin.destroy();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: POSTGRES_URL });
  await admin.initialize();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.destroy();
  }
}

export const EACH_MIGRATION_ONCE = Object.fromEntries(MIGRATIONS.map((migration) => [migration.name, 1]));
