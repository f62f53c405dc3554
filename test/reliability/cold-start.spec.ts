import { buildService, freePort, startService, stop, waitForHealth } from '../support/built-service';
import { dropSchema, EACH_MIGRATION_ONCE, recordedMigrations } from '../support/postgres-schema';
import { TEST_TOKENS } from '../support/test-app';

/**
 * Two real service processes started at the same moment on one empty PostgreSQL schema, ten times:
 * each time both become healthy and every migration is recorded once (the advisory lock makes the
 * second wait for the first; without it, one in four such starts crashed on a migration race).
 */
const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const ROUNDS = Number(process.env.COLD_START_ROUNDS ?? 10);
if (!POSTGRES_URL) console.warn('Cold start of two nodes SKIPPED: set TEST_POSTGRES_URL to run it.');

(POSTGRES_URL ? describe : describe.skip)('two nodes cold-starting together on one empty schema (real child processes, PostgreSQL)', () => {
  let build: ReturnType<typeof buildService>;

  beforeAll(() => {
    build = buildService('cold-start');
  }, 120_000);

  afterAll(() => build?.cleanup());

  it(`both start and each migration is applied once, ${ROUNDS} times`, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const schema = `cold_${Date.now().toString(36)}_${round}`;
      const url = new URL(POSTGRES_URL!);
      url.searchParams.set('schema', schema);
      const ports = [await freePort(), await freePort()];
      const nodes = ports.map((port) =>
        startService(build.main, {
          PORT: String(port),
          DATABASE_URL: url.toString(),
          API_TOKENS: `ops=administrator:${TEST_TOKENS.administrator}`,
          SCHEDULER: 'off',
          WEBHOOK_DISPATCHER: 'off',
        }),
      );
      try {
        const started = await Promise.allSettled(nodes.map((node, index) => waitForHealth(ports[index], node, 60_000)));
        outcomes.push(started.map((outcome) => (outcome.status === 'fulfilled' ? 'healthy' : String(outcome.reason))).join(' + '));
        expect(await recordedMigrations(schema)).toEqual(EACH_MIGRATION_ONCE);
      } finally {
        await Promise.all(nodes.map((node) => stop(node)));
        await dropSchema(schema);
      }
    }
    expect(outcomes).toEqual(Array.from({ length: ROUNDS }, () => 'healthy + healthy'));
    console.log(`two nodes cold-starting on one empty schema: ${outcomes.length} rounds, every one healthy + healthy, each migration once`);
  }, 900_000);
});
