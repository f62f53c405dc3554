import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/app-config';
import { Database } from '../src/persistence/database';
import { MIGRATIONS } from '../src/persistence/database-options';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const describePostgres = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('Migration lock tests SKIPPED: set TEST_POSTGRES_URL to run them.');

function schemaUrl(schema: string): string {
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set('schema', schema);
  return url.toString();
}

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

describePostgres('migrations under an advisory lock (PostgreSQL)', () => {
  it('two nodes opening one empty schema together: one migrates, the other waits and finds nothing to do (ten times)', async () => {
    for (let round = 0; round < 10; round += 1) {
      const schema = `lock_${Date.now().toString(36)}_${round}`;
      const config = parseDatabaseUrl(schemaUrl(schema), '/tmp');
      try {
        const opened = await Promise.allSettled([Database.open(config), Database.open(config)]);
        for (const outcome of opened) if (outcome.status === 'fulfilled') await outcome.value.close();
        expect(opened.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'opened'))).toEqual(['opened', 'opened']);
        expect(await recordedMigrations(schema)).toEqual(EACH_MIGRATION_ONCE);
      } finally {
        await dropSchema(schema);
      }
    }
  });
});
