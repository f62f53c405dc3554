import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { COHORT_001_GROUP_1 } from '../machines/coaching-cohort/coaching-cohort.examples';
import { loadConfig } from '../src/config/app-config';
import { Database } from '../src/persistence/database';
import { InstanceListFilters1765300000000 } from '../src/persistence/migrations/1765300000000-instance-list-filters';
import { schemaBefore } from './support/schema-before';
import { seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases } from './support/test-app';

/** The columns of the instances table before the list filters' migration. */
const OLD_INSTANCE_COLUMNS = [
  'id',
  'kind',
  'machine_version',
  'state',
  'stage',
  'status',
  'snapshot',
  'version',
  'parent_id',
  'head_hash',
  'created_at',
  'updated_at',
];
const EVENT_COLUMNS = ['instance_id', 'seq', 'type', 'payload', 'actor', 'at', 'recorded_at', 'prev_hash', 'hash'];
const DEADLINE_COLUMNS = ['instance_id', 'kind', 'event', 'payload', 'due_at', 'label', 'instance_version'];

/** More rows than the migration fills per batch, to cross a batch boundary. */
const COPIES = 1_500;

type Row = Record<string, unknown>;

describe.each(testDatabases())('the list filters’ migration on a database made by the previous schema ($name)', (database) => {
  const urls: string[] = [];

  afterAll(async () => {
    for (const url of urls) await database.cleanup(url);
  });

  it('adds the label and search columns, fills them from each stored snapshot, and the filters find the old records', async () => {
    // Real records, written by the service: their rows are what an older version had stored.
    const source = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' });
    const create = async (kind: string, input: unknown, parentId?: string) =>
      (await source.request('POST', '/api/instances', { kind, input, ...(parentId ? { parentId } : {}) })).body.id as string;
    const tender = await create('tender', seed001TenderInput);
    expect((await source.request('POST', `/api/instances/${tender}/events`, { type: 'PUBLISH' })).status).toBe(200);
    const convention = await create('convention', SPRO_EP_CHATEAUROUX);
    const cohort = await create('cohort', COHORT_001_GROUP_1, tender);
    const read = source.app.get(Database).dataSource;
    const instances = await read.query<Row[]>(`SELECT ${OLD_INSTANCE_COLUMNS.join(', ')} FROM instances`);
    const events = await read.query<Row[]>(`SELECT ${EVENT_COLUMNS.join(', ')} FROM events`);
    const deadlines = await read.query<Row[]>(`SELECT ${DEADLINE_COLUMNS.join(', ')} FROM deadlines`);
    await source.close();

    // A database migrated up to the migration before this one, holding those rows, copies of the
    // tender's row, and one row whose snapshot is not JSON (a damaged row).
    const url = database.url();
    urls.push(url);
    const config = loadConfig({ DATABASE_URL: url }).database;
    const { old, placeholders } = await schemaBefore(url, InstanceListFilters1765300000000);
    const insert = async (table: string, columns: string[], row: Row) =>
      old.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`,
        columns.map((column) => row[column]),
      );
    for (const row of instances) await insert('instances', OLD_INSTANCE_COLUMNS, row);
    for (const row of events) await insert('events', EVENT_COLUMNS, row);
    for (const row of deadlines) await insert('deadlines', DEADLINE_COLUMNS, row);
    const tenderRow = instances.find((row) => row.id === tender)!;
    await old.transaction(async (manager) => {
      for (let copy = 0; copy < COPIES; copy += 1) {
        const row: Row = { ...tenderRow, id: randomUUID(), created_at: '2020-01-01T00:00:00.000Z' };
        await manager.query(
          `INSERT INTO instances (${OLD_INSTANCE_COLUMNS.join(', ')}) VALUES (${placeholders(OLD_INSTANCE_COLUMNS.length)})`,
          OLD_INSTANCE_COLUMNS.map((column) => row[column]),
        );
      }
    });
    const damaged = randomUUID();
    await insert('instances', OLD_INSTANCE_COLUMNS, {
      ...tenderRow,
      id: damaged,
      snapshot: 'not json',
      created_at: '2019-01-01T00:00:00.000Z',
    });
    await old.destroy();

    // The service starts on it: the migration runs, and the list finds the old records by their label and parties.
    const migrated = await startTestApp(database, {}, url);
    try {
      const list = async (query: string) => (await migrated.request('GET', `/api/instances?${query}`)).body;
      const recent = await list('createdFrom=2021-01-01T00:00:00Z');
      expect(recent.items.map((item: Row) => [item.id, item.label])).toEqual([
        [cohort, COHORT_001_GROUP_1.group],
        [convention, SPRO_EP_CHATEAUROUX.title],
        [tender, seed001TenderInput.title],
      ]);
      expect((await list('q=remobilisation&limit=1')).total).toBe(COPIES + 1);
      expect((await list('q=chateauroux')).items.map((item: Row) => item.id)).toEqual([convention]);
      expect((await list('q=gresilles')).items.map((item: Row) => item.id)).toEqual([cohort]);
      expect((await list(`party=${encodeURIComponent("chambre de commerce et d'industrie")}`)).items.map((item: Row) => item.id)).toEqual([
        convention,
      ]);
      expect((await list('party=dijon&limit=1')).total).toBe(COPIES + 1);
      const oldest = await list('createdTo=2020-01-01T00:00:00Z');
      expect(oldest.items).toEqual([expect.objectContaining({ id: damaged, label: null })]);
      expect((await migrated.request('GET', `/api/instances/${tender}/verify`)).body).toMatchObject({ ok: true });
      if (config.type === 'postgres') {
        // The test database's role may install pg_trgm: the search columns get their trigram indexes.
        const indexes = await migrated.app
          .get(Database)
          .dataSource.query<{ indexdef: string }[]>('SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', [
            config.schema,
            'instances',
          ]);
        expect(indexes.map((index) => index.indexdef).filter((definition) => definition.includes('gin_trgm_ops'))).toHaveLength(2);
      }
      // Later events keep the columns up to date.
      expect(
        (
          await migrated.request('POST', `/api/instances/${convention}/events`, {
            type: 'UPDATE_DRAFT',
            title: 'Convention SPRO-EP, Indre',
          })
        ).status,
      ).toBe(200);
      expect((await list('q=indre')).items.map((item: Row) => item.id)).toEqual([convention]);
      expect((await list('q=chateauroux')).items).toEqual([]);
    } finally {
      await migrated.close();
    }
  });
});

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

/** PostgreSQL only: CREATE EXTENSION fails, and the migration goes on without trigram indexes. */
(POSTGRES_URL ? describe : describe.skip)('the list filters’ migration without pg_trgm (postgres)', () => {
  const name = `engine_no_trgm_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  let admin: DataSource;

  beforeAll(async () => {
    admin = new DataSource({ type: 'postgres', url: POSTGRES_URL });
    await admin.initialize();
    // A database of its own, where the extension is not installed and cannot be: it has no public
    // schema to install it in (as where an administrator removed it). The service's role may create
    // its own schema there.
    await admin.query(`CREATE ROLE ${name} LOGIN`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.query(`GRANT CONNECT, CREATE ON DATABASE ${name} TO ${name}`);
    const owner = new DataSource({ type: 'postgres', url: databaseUrl(POSTGRES_URL!, { database: name }) });
    await owner.initialize();
    await owner.query('DROP SCHEMA public');
    await owner.destroy();
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${name}`);
    await admin.destroy();
  });

  it('migrates without the trigram indexes, and the search still answers', async () => {
    const url = databaseUrl(POSTGRES_URL!, { database: name, user: name, schema: 'engine' });
    const [database] = testDatabases().filter((candidate) => candidate.name === 'postgres');
    const t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' }, url);
    try {
      const sql = t.app.get(Database).dataSource;
      expect(await sql.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")).toEqual([]);
      const indexes = await sql.query<{ indexname: string }[]>(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'engine' AND tablename = 'instances'",
      );
      expect(indexes.map((index) => index.indexname)).not.toContain('ix_instances_search_label');
      expect((await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).status).toBe(201);
      expect((await t.request('GET', '/api/instances?q=REMOBILISATION&party=creativ')).body.total).toBe(1);
    } finally {
      await t.close();
    }
  });
});

function databaseUrl(base: string, parts: { database: string; user?: string; schema?: string }): string {
  const url = new URL(base);
  url.pathname = `/${parts.database}`;
  if (parts.user) url.username = parts.user;
  if (parts.schema) url.searchParams.set('schema', parts.schema);
  return url.toString();
}
