import { parseDatabaseUrl } from '../src/config/app-config';
import { Database } from '../src/persistence/database';
import { dropSchema, EACH_MIGRATION_ONCE, recordedMigrations } from './support/postgres-schema';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const describePostgres = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('Migration lock tests SKIPPED: set TEST_POSTGRES_URL to run them.');

function schemaUrl(schema: string): string {
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set('schema', schema);
  return url.toString();
}

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
