import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { createTenderMachine } from '../machines/tender/tender.machine';
import { tenderRules } from '../machines/tender/tender.rules';
import type { TenderContext } from '../machines/tender/tender.types';
import { ExportVerifier } from '../src/audit/export-format.util';
import { firstDifference, replayHistory, verifyHistory, type HistoryEvent } from '../src/audit/history.util';
import { checkOnVersion } from '../src/audit/migration.util';
import { parisCalendar } from '../src/calendar/paris-calendar';
import type { CliContext } from '../src/cli/cli-context';
import { exportCommand, migrateCommand, replayCommand, verifyCommand, verifyExportCommand } from '../src/cli/commands';
import { Clock } from '../src/clock/clock';
import { InstanceCommandsService } from '../src/instances/instance-commands.service';
import { DeadlineRepository } from '../src/persistence/repositories/deadline.repository';
import { InstanceRepository } from '../src/persistence/repositories/instance.repository';
import { chainHash, GENESIS_HASH } from '../src/engine/hash-chain.util';
import type { KindDefinition } from '../src/engine/kind-definition';
import { MachineCatalogue } from '../src/engine/machine-catalogue';
import { persistSnapshot } from '../src/engine/snapshot.util';
import { buildCatalogue, KIND_DEFINITIONS } from '../src/kinds/kind-catalogue';
import { tenderKindV1 } from '../src/kinds/tender/tender.kind';
import { Database } from '../src/persistence/database';
import { EventEntity } from '../src/persistence/entities/event.entity';
import { InstanceEntity } from '../src/persistence/entities/instance.entity';
import { toCommand } from '../src/instances/event-command';
import { COHORT_001_GROUP_1 } from '../machines/coaching-cohort/coaching-cohort.examples';
import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { completeDocuments, seed001TenderInput, seed001TenderInputV2 } from './support/seed-001';
import { testSiret } from './support/siret';
import { bearer, startTestApp, TEST_PRINCIPALS, testDatabases, type TestApp } from './support/test-app';

/*
 * Issue 6, the auditors' tools: state at an instant, verify (route and CLI), export and
 * verify-export, migrate --dry-run, and the CLI as a real child process. Tampering is done directly in
 * the database, field by field, and every verification must name the instance and the sequence.
 */

const ROOT = join(__dirname, '..');

// ---------------------------------------------------------------------------------------------
// A test-only tender@99, above the real versions: tender@1 with one rule tweaked. Under it a bid above
// 36,000 EUR incl. VAT does not count as admissible when bids close, so a tender whose bids are all above
// it ends unsuccessful, not bidsClosed.
const V99_LIMIT_CENTS = 3_600_000;
const noAdmissibleBidV99 = (context: TenderContext) =>
  context.bids.some((bid) => bid.admissible && !bid.withdrawnAt && bid.priceInclVatCents <= V99_LIMIT_CENTS)
    ? 'There is at least one admissible bid at or below 36,000 EUR.'
    : undefined;
const tenderKindV99: KindDefinition<TenderContext> = {
  ...tenderKindV1,
  version: 99,
  description: 'Test-only tender@99',
  machine: createTenderMachine(parisCalendar).provide({
    guards: { noAdmissibleBid: ({ context }: { context: TenderContext }) => noAdmissibleBidV99(context) === undefined },
  }),
  rules: { ...tenderRules, noAdmissibleBid: noAdmissibleBidV99 },
};

/** The service's catalogue (src/kinds/kind-catalogue.ts) plus tender@99. */
function catalogueWithTenderV99(): MachineCatalogue {
  const base = buildCatalogue();
  return new MachineCatalogue([...base.kinds().flatMap((kind) => base.versionsOf(kind)), tenderKindV99]);
}

/** The catalogue as it was before version 2 of any kind: what records of version 1 were created with. */
function catalogueOfVersion1(): MachineCatalogue {
  return new MachineCatalogue(KIND_DEFINITIONS.filter((definition) => definition.version === 1));
}

/** The catalogue as it was before tender@3: what records of tender@2 were created with. */
function catalogueUpToVersion2(): MachineCatalogue {
  return new MachineCatalogue(KIND_DEFINITIONS.filter((definition) => definition.version <= 2));
}

// ---------------------------------------------------------------------------------------------
// CLI handlers in-process: a context with captured output.
function cli(env: Record<string, string>, catalogue = buildCatalogue()) {
  const out: string[] = [];
  const err: string[] = [];
  const context: CliContext = {
    env,
    catalogue,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
  };
  return { context, stdout: () => out.join(''), stderr: () => err.join('') };
}

// The CLI as a real child process: compiled once with tsc into dist-test/ (inside the project, so that
// node_modules resolves). yargs 18 is ES-modules-only, which Node loads from CommonJS but Jest does not:
// this is where the argument parser itself is exercised.
let builtCli: string | undefined;
const buildDir = join(ROOT, 'dist-test', `audit-cli-${process.pid}`);

async function runBuiltCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [builtCli!, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

beforeAll(async () => {
  // tsc exits non-zero when any file of the project has a type error, but still emits: the CLI is usable.
  const tsc = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', buildDir],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  await new Promise((resolve) => tsc.on('close', resolve));
  const main = join(buildDir, 'src', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`the build produced no ${main}`);
  builtCli = main;
}, 120_000);

afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Tenders through the API.
const CREATED_AT = '2022-06-27T09:00:00+02:00';
const PUBLISHED_AT = '2022-07-04T09:00:00+02:00';
const CLOSED_AT = '2022-08-06T00:00:00+02:00';
const SCORED_AT = '2022-08-10T09:00:00+02:00';

interface TenderPlan {
  bids: number[];
  close?: boolean;
  score?: boolean;
  cancel?: boolean;
  parentId?: string;
  createdAt?: string;
}

/**
 * Records tenders through the service's HTTP API (a TestApp: on the catalogue's latest version), or
 * straight through an engine with a catalogue of its own, over the same database: an engine whose
 * latest tender is tender@1 records histories as the service did before tender@2 existed.
 */
type Recorder = TestApp | InstanceCommandsService;

/** An engine over the test app's database whose catalogue knows only the version 1 machines (or up to version 2). */
function engineOfVersion1(t: TestApp, catalogue = catalogueOfVersion1()): InstanceCommandsService {
  const database = t.app.get(Database);
  return new InstanceCommandsService(
    database,
    new InstanceRepository(database),
    new DeadlineRepository(database),
    catalogue,
    t.app.get(Clock),
  );
}

async function createTender(recorder: Recorder, plan: TenderPlan): Promise<string> {
  const admin = TEST_PRINCIPALS.administrator;
  const at = plan.createdAt ?? CREATED_AT;
  let id: string;
  let send: (body: Record<string, unknown>) => Promise<unknown>;
  if (recorder instanceof InstanceCommandsService) {
    // The engines of these tests stop at tender@1 or tender@2, whose terms have no essential data.
    id = (await recorder.create('tender', seed001TenderInputV2, admin, { at, parentId: plan.parentId })).id;
    send = (body) => recorder.apply(id, toCommand(body as Parameters<typeof toCommand>[0]), admin);
  } else {
    const created = await recorder.request('POST', '/api/instances', {
      kind: 'tender',
      input: seed001TenderInput,
      at,
      parentId: plan.parentId,
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    send = async (body) => {
      const response = await recorder.request('POST', `/api/instances/${id}/events`, body);
      expect(response.status).toBe(200);
      return response.body;
    };
  }
  if (plan.parentId) return id;
  await send({ type: 'PUBLISH', at: PUBLISHED_AT });
  for (const [index, price] of plan.bids.entries()) {
    await send({
      type: 'SUBMIT_BID',
      at: `2022-07-${String(20 + index).padStart(2, '0')}T14:00:00+02:00`,
      bidder: { name: `Bidder ${index + 1}`, identifier: testSiret(index + 1) },
      priceExclVatCents: Math.round(price / 1.2),
      priceInclVatCents: price,
      documents: completeDocuments,
    });
  }
  if (plan.close) await send({ type: 'CLOSE_BIDS', at: CLOSED_AT });
  if (plan.score) await send({ type: 'SCORE_BID', bidId: 'B1', scores: { technical: 80 }, at: SCORED_AT });
  if (plan.cancel) await send({ type: 'CANCEL', reason: 'Funding withdrawn', at: SCORED_AT });
  return id;
}

/** CREATE, PUBLISH, 2 bids, CLOSE_BIDS, SCORE_BID: 6 events. */
const SIX_EVENTS: TenderPlan = { bids: [3_800_000, 3_500_000], close: true, score: true };

async function history(t: TestApp, id: string): Promise<{ seq: number; type: string; at: string; hash: string }[]> {
  const response = await t.request('GET', `/api/instances/${id}/history?limit=1000`);
  expect(response.status).toBe(200);
  return response.body.items;
}

// ---------------------------------------------------------------------------------------------
describe('audit: pure replay, verification and export checks (no database)', () => {
  /** Builds a chained history the way the engine does. */
  function chained(instanceId: string, steps: { type: string; payload: Record<string, unknown>; at: string }[]): HistoryEvent[] {
    let previous = GENESIS_HASH;
    return steps.map((step, index) => {
      const seq = index + 1;
      const hash = chainHash(previous, { instanceId, seq, type: step.type, payload: step.payload, actor: 'marie', at: step.at });
      const event = {
        instanceId,
        seq,
        type: step.type,
        payload: step.payload,
        actor: 'marie',
        at: step.at,
        recordedAt: step.at,
        prevHash: previous,
        hash,
      };
      previous = hash;
      return event;
    });
  }

  const id = '00000000-0000-4000-8000-000000000001';
  const bid = (price: number, day: number) => ({
    type: 'SUBMIT_BID',
    at: `2022-07-${day}T12:00:00.000Z`,
    payload: {
      bidder: { name: `B${day}`, identifier: testSiret(day) },
      priceExclVatCents: Math.round(price / 1.2),
      priceInclVatCents: price,
      documents: completeDocuments,
    },
  });
  const steps = [
    {
      type: 'CREATE',
      at: '2022-06-27T07:00:00.000Z',
      payload: { input: { ...seed001TenderInput, bidDeadline: '2022-08-05T21:59:59.000Z', decisionDate: '2022-08-25T16:00:00.000Z' } },
    },
    { type: 'PUBLISH', at: '2022-07-04T07:00:00.000Z', payload: {} },
    bid(3_800_000, 20),
    { type: 'CLOSE_BIDS', at: '2022-08-05T22:00:00.000Z', payload: {} },
    { type: 'SCORE_BID', at: '2022-08-10T07:00:00.000Z', payload: { bidId: 'B1', scores: { technical: 80 } } },
  ];

  it('replays one history through any machine version, up to an instant or whole', () => {
    const events = chained(id, steps);
    const v1 = replayHistory(tenderKindV1, events);
    expect(v1.divergence).toBeUndefined();
    expect(v1.applied).toBe(5);
    expect(v1.snapshot!.value).toBe('bidsClosed');

    const onTheDay = replayHistory(tenderKindV1, events, { until: '2022-07-20T12:00:00.000Z' });
    expect(onTheDay).toMatchObject({ applied: 3, last: { seq: 3 } });
    expect(onTheDay.snapshot!.value).toBe('published');
    expect(replayHistory(tenderKindV1, events, { until: '2022-06-01T00:00:00Z' })).toEqual({
      snapshot: undefined,
      last: undefined,
      applied: 0,
    });

    // tender@99 closes it as unsuccessful (its only bid is above 36,000 EUR), then refuses SCORE_BID.
    const v99 = replayHistory(tenderKindV99, events);
    expect(v99.divergence).toMatchObject({ seq: 5, type: 'SCORE_BID' });
    expect(v99.divergence!.problem).toBe('seq 5 (SCORE_BID): the instance had already ended (state unsuccessful, done)');
    expect(v99.snapshot!.value).toBe('unsuccessful');
    expect(replayHistory(tenderKindV99, events.slice(0, 4)).snapshot!.value).toBe('unsuccessful');
  });

  it('verifies a chained history against its stored state, and names the first divergent seq', () => {
    const catalogue = buildCatalogue();
    const events = chained(id, steps);
    const replayed = replayHistory(tenderKindV1, events).snapshot!;
    const stored = {
      id,
      kind: 'tender',
      machineVersion: 1,
      version: 5,
      headHash: events[4].hash,
      snapshot: JSON.stringify(tenderKindV1.machine.getPersistedSnapshot(replayed)),
      state: 'bidsClosed',
    };
    // getPersistedSnapshot keeps an empty `children`; the engine's persistSnapshot drops it: a real difference.
    expect(verifyHistory(stored, events, catalogue)).toMatchObject({
      ok: false,
      firstDivergentSeq: 5,
      problem: expect.stringContaining('children'),
    });
    const clean = { ...stored, snapshot: JSON.stringify(persistSnapshot(tenderKindV1.machine, replayed)) };
    expect(verifyHistory(clean, events, catalogue)).toEqual({
      ok: true,
      instanceId: id,
      eventsChecked: 5,
      firstDivergentSeq: null,
      problem: null,
    });

    const retyped = events.map((event) => (event.seq === 3 ? { ...event, actor: 'mallory' } : event));
    expect(verifyHistory(clean, retyped, catalogue)).toMatchObject({
      ok: false,
      eventsChecked: 3,
      firstDivergentSeq: 3,
      problem: expect.stringContaining('hash'),
    });
    expect(verifyHistory(clean, [events[0], events[1], events[3], events[4]], catalogue)).toMatchObject({
      ok: false,
      firstDivergentSeq: 3,
    });
    expect(verifyHistory({ ...clean, version: 6 }, events, catalogue)).toMatchObject({ ok: false, firstDivergentSeq: 6 });
    expect(verifyHistory({ ...clean, kind: 'nothing' }, events, catalogue)).toMatchObject({
      ok: false,
      firstDivergentSeq: 1,
      problem: expect.stringContaining('no machine nothing@1'),
    });
    // A chain recomputed after a forged payload passes the hashes, but not the replay.
    const forged = chained(
      id,
      steps.map((step, index) => (index === 4 ? { ...step, payload: { bidId: 'B9', scores: { technical: 80 } } } : step)),
    );
    expect(verifyHistory({ ...clean, headHash: forged[4].hash }, forged, catalogue)).toMatchObject({
      ok: false,
      firstDivergentSeq: 5,
      problem: expect.stringContaining('rule scoresAreValid refuses it'),
    });
  });

  it('classifies a history on another version: unchanged, state changed, refused', () => {
    const events = chained(id, steps);
    const storedAt = (count: number) => {
      const snapshot = replayHistory(tenderKindV1, events.slice(0, count)).snapshot!;
      return {
        id,
        kind: 'tender',
        machineVersion: 1,
        version: count,
        headHash: events[count - 1].hash,
        snapshot: persistSnapshot(tenderKindV1.machine, snapshot),
      };
    };
    expect(checkOnVersion(tenderKindV99, storedAt(3), events.slice(0, 3))).toMatchObject({
      outcome: 'unchanged',
      storedState: 'published',
      pinned: 'tender@1',
      target: 'tender@99',
    });
    expect(checkOnVersion(tenderKindV99, storedAt(4), events.slice(0, 4))).toMatchObject({
      outcome: 'state-changed',
      storedState: 'bidsClosed',
      replayedState: 'unsuccessful',
    });
    expect(checkOnVersion(tenderKindV99, storedAt(5), events)).toMatchObject({
      outcome: 'refused',
      seq: 5,
      eventType: 'SCORE_BID',
      replayedState: 'unsuccessful',
    });
    expect(checkOnVersion(tenderKindV1, storedAt(5), events)).toMatchObject({ outcome: 'unchanged' });
  });

  it('finds the first difference between two JSON values', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeUndefined();
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 3 }] })).toEqual({ path: 'b[1].c', stored: 2, replayed: 3 });
    expect(firstDifference({ a: 1 }, { a: 1, z: null })).toEqual({ path: 'z', stored: undefined, replayed: null });
  });

  it('refuses an export that is not one: no header, no end record', () => {
    const verifier = new ExportVerifier(buildCatalogue());
    verifier.push('{"record":"instance"}');
    expect(verifier.finish()).toMatchObject({
      ok: false,
      failures: [
        { instanceId: null, line: 1, problem: expect.stringContaining('header') },
        { problem: expect.stringContaining('truncated') },
      ],
    });
    expect(new ExportVerifier(buildCatalogue()).finish()).toMatchObject({ ok: false, failures: [{ problem: 'the file is empty' }] });
  });
});

// ---------------------------------------------------------------------------------------------
describe.each(testDatabases())('audit: state at an instant, verify, export ($name)', (database) => {
  let t: TestApp;
  let tenderId: string;
  let childId: string;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp(database);
    dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    tenderId = await createTender(t, SIX_EVENTS);
    childId = await createTender(t, { bids: [], parentId: tenderId, createdAt: '2022-09-01T10:00:00+02:00' });
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const asAuditor = bearer('auditor');
  const stateAt = (id: string, at: string) =>
    t.request('GET', `/api/instances/${id}/state?at=${encodeURIComponent(at)}`, undefined, asAuditor);

  it('gives the current view for an instant after the last event, the same as GET /api/instances/:id', async () => {
    const current = await t.request('GET', `/api/instances/${tenderId}`);
    expect(current.body.children).toHaveLength(1);
    const later = await stateAt(tenderId, '2030-01-01T00:00:00Z');
    expect(later.status).toBe(200);
    expect(later.body).toEqual(current.body);
  });

  it('gives the record as it was at a past instant, by replaying the events up to it', async () => {
    const events = await history(t, tenderId);
    // Between the first and the second bid: published, one bid, the bid deadline pending.
    const view = await stateAt(tenderId, '2022-07-20T18:00:00+02:00');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: tenderId,
      kind: 'tender',
      machineVersion: 3,
      state: 'open.published',
      stage: 'published',
      status: 'active',
      version: 3,
      headHash: events[2].hash,
      children: [],
    });
    expect(view.body.context.bids).toHaveLength(1);
    expect(view.body.deadlines).toEqual([
      { event: 'CLOSE_BIDS', dueAt: '2022-08-05T21:59:59.000Z', label: expect.any(String), duty: false },
    ]);
    expect(view.body.nextEvents).toEqual(expect.arrayContaining(['SUBMIT_BID', 'CLOSE_BIDS']));

    // An event at exactly the instant is included; the instant may carry any offset.
    const atPublish = await stateAt(tenderId, '2022-07-04T07:00:00Z');
    expect(atPublish.body).toMatchObject({ state: 'open.published', version: 2 });
    const justBefore = await stateAt(tenderId, '2022-07-04T08:59:59.999+02:00');
    expect(justBefore.body).toMatchObject({
      state: 'open.draft',
      version: 1,
      headHash: events[0].hash,
      nextEvents: expect.arrayContaining(['PUBLISH']),
    });

    // The child exists only from its creation (1 September 2022) on.
    expect((await stateAt(tenderId, '2022-08-31T00:00:00+02:00')).body.children).toEqual([]);
    expect((await stateAt(tenderId, '2022-09-02T00:00:00+02:00')).body.children).toEqual([
      { id: childId, kind: 'tender', state: 'open.draft', stage: 'draft' },
    ]);
  });

  it('refuses a bad instant (400), an unknown instance (404) and an instant before creation (404 BEFORE_CREATION)', async () => {
    for (const bad of ['2022-08-05', 'yesterday', '2022-08-05T10:00:00', '2022-13-45T10:00:00Z']) {
      const response = await stateAt(tenderId, bad);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect((await t.request('GET', `/api/instances/${tenderId}/state`, undefined, asAuditor)).status).toBe(400);
    const unknown = await stateAt('6f1c1d7e-7d8e-4f7a-9a55-2d3c6f0b9e11', '2030-01-01T00:00:00Z');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('INSTANCE_NOT_FOUND');
    const before = await stateAt(tenderId, '2022-06-27T08:59:59+02:00');
    expect(before.status).toBe(404);
    expect(before.headers['content-type']).toContain('application/problem+json');
    expect(before.body).toMatchObject({ code: 'NOT_FOUND', reason: 'BEFORE_CREATION', createdAt: '2022-06-27T07:00:00.000Z' });
  });

  it('verifies an untouched history (route, for an auditor; CLI handlers)', async () => {
    const report = await t.request('GET', `/api/instances/${tenderId}/verify`, undefined, asAuditor);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({ ok: true, instanceId: tenderId, eventsChecked: 6, firstDivergentSeq: null, problem: null });
    expect((await t.request('GET', `/api/instances/${tenderId}/verify`, undefined, { authorization: '' })).status).toBe(401);
    expect((await t.request('GET', '/api/instances/6f1c1d7e-7d8e-4f7a-9a55-2d3c6f0b9e11/verify', undefined, asAuditor)).status).toBe(404);

    const one = cli({ DATABASE_URL: t.databaseUrl });
    expect(await verifyCommand(one.context, { id: tenderId })).toBe(0);
    expect(one.stdout()).toBe(`OK ${tenderId}: 6 events\n`);
    const all = cli({ DATABASE_URL: t.databaseUrl });
    expect(await verifyCommand(all.context, { all: true, json: true })).toBe(0);
    expect(JSON.parse(all.stdout())).toEqual({
      ok: true,
      instances: 2,
      events: 7,
      instancesOk: 2,
      failures: [],
      transparency: { ok: true, leaves: 7, treeSize: 7, checkpoint: expect.objectContaining({ size: expect.any(Number) }), problems: [] },
    });
    const usage = cli({ DATABASE_URL: t.databaseUrl });
    expect(await verifyCommand(usage.context, {})).toBe(2);
    expect(usage.stderr()).toContain('an instance id or --all');
  });

  it('the command line only reads: a read-only role can verify (PostgreSQL); a schema that is behind is refused, not migrated (SQLite)', async () => {
    if (database.name === 'postgres') {
      const url = new URL(t.databaseUrl);
      const schema = url.searchParams.get('schema')!;
      const role = `auditor_ro_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new DataSource({ type: 'postgres', url: process.env.TEST_POSTGRES_URL });
      await admin.initialize();
      try {
        await admin.query(`CREATE ROLE ${role} LOGIN`);
        await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
        await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO ${role}`);
        url.username = role;
        const run = cli({ DATABASE_URL: url.toString() });
        expect(await verifyCommand(run.context, { all: true, json: true })).toBe(0);
        expect(JSON.parse(run.stdout())).toMatchObject({ ok: true, instances: 2 });
        // The role may not write: the tool did not need to.
        const writer = new DataSource({ type: 'postgres', url: url.toString() });
        await writer.initialize();
        await expect(writer.query(`DELETE FROM "${schema}".events`)).rejects.toThrow(/permission denied/);
        await writer.destroy();
      } finally {
        await admin.query(`DROP OWNED BY ${role}`);
        await admin.query(`DROP ROLE ${role}`);
        await admin.destroy();
      }
      return;
    }
    // A consistent copy of the database, made to look one migration behind.
    const source = new BetterSqlite3(t.databaseUrl.slice('sqlite:'.length));
    const copy = join(dir, 'behind.sqlite');
    source.exec(`VACUUM INTO '${copy}'`);
    source.close();
    const behind = new BetterSqlite3(copy);
    behind.prepare('DELETE FROM migrations WHERE name = ?').run('InstancesCreatedIndex1764100000000');
    const applied = behind.prepare('SELECT count(*) AS n FROM migrations').get();
    behind.close();
    const run = cli({ DATABASE_URL: `sqlite:${copy}` });
    expect(await verifyCommand(run.context, { all: true })).toBe(2);
    expect(run.stderr()).toContain('migrations not applied: InstancesCreatedIndex1764100000000');
    const after = new BetterSqlite3(copy, { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM migrations').get()).toEqual(applied);
    after.close();
  });

  it('replays through the CLI handler: the same view as the route', async () => {
    const at = '2022-07-20T18:00:00+02:00';
    const run = cli({ DATABASE_URL: t.databaseUrl });
    expect(await replayCommand(run.context, { id: tenderId, at })).toBe(0);
    const route = await stateAt(tenderId, at);
    expect(JSON.parse(run.stdout())).toEqual(route.body);
    const whole = cli({ DATABASE_URL: t.databaseUrl });
    expect(await replayCommand(whole.context, { id: tenderId })).toBe(0);
    const { children: _children, ...current } = (await t.request('GET', `/api/instances/${tenderId}`)).body;
    expect(JSON.parse(whole.stdout())).toEqual(current);
    const bad = cli({ DATABASE_URL: t.databaseUrl });
    expect(await replayCommand(bad.context, { id: tenderId, at: 'noon' })).toBe(2);
    expect(bad.stderr()).toContain('VALIDATION_FAILED');
  });

  it('exports, then verifies the file alone (no database), and detects a modified, removed or truncated line', async () => {
    const file = join(dir, 'all.jsonl');
    const run = cli({ DATABASE_URL: t.databaseUrl });
    expect(await exportCommand(run.context, { all: true, out: file })).toBe(0);
    expect(run.stderr()).toContain('exported 2 instances (7 events)');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 2 + 7 + 1);
    const records = lines.map((line) => JSON.parse(line));
    expect(records[0]).toMatchObject({
      record: 'export',
      format: 'procurement-engine-audit-export',
      formatVersion: 1,
      genesisHash: GENESIS_HASH,
    });
    expect(records.at(-1)).toEqual({ record: 'end', instances: 2, events: 7 });
    const tenderLine = records.findIndex((record) => record.record === 'instance' && record.instanceId === tenderId);
    const view = (await t.request('GET', `/api/instances/${tenderId}`)).body;
    expect(records[tenderLine]).toMatchObject({
      kind: 'tender',
      machineVersion: 3,
      version: 6,
      headHash: view.headHash,
      state: 'open.bidsClosed',
      snapshot: { value: { open: 'bidsClosed' } },
    });
    const events = await history(t, tenderId);
    expect(records.slice(tenderLine + 1, tenderLine + 7)).toEqual(
      events.map((event, index) =>
        expect.objectContaining({
          record: 'event',
          instanceId: tenderId,
          kind: 'tender',
          machineVersion: 3,
          seq: index + 1,
          type: event.type,
          actor: 'marie.admin',
          at: event.at,
          recordedAt: expect.any(String),
          prevHash: index === 0 ? GENESIS_HASH : events[index - 1].hash,
          hash: event.hash,
        }),
      ),
    );

    // No database: an unreachable DATABASE_URL would fail if the command tried to open one.
    const offline = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const verified = cli(offline);
    expect(await verifyExportCommand(verified.context, { file })).toBe(0);
    expect(verified.stdout()).toContain(`verified 2 instances (7 events) from ${file}: 2 ok, 0 failed`);

    const variant = async (name: string, edit: (copy: string[]) => void) => {
      const copy = [...lines];
      edit(copy);
      const path = join(dir, `${name}.jsonl`);
      writeFileSync(path, `${copy.join('\n')}\n`);
      const check = cli(offline);
      const code = await verifyExportCommand(check.context, { file: path });
      return { code, stdout: check.stdout() };
    };
    const third = tenderLine + 3; // seq 3 of the tender: the first bid
    const paid = await variant('payload', (copy) => {
      copy[third] = copy[third].replace('"priceInclVatCents":3800000', '"priceInclVatCents":380000');
    });
    expect(paid.code).toBe(1);
    expect(paid.stdout).toContain(`FAIL ${tenderId} seq 3, line ${third + 1}: seq 3 (SUBMIT_BID): the stored hash`);
    expect(paid.stdout).toContain('1 ok, 1 failed');

    const snapshot = await variant('snapshot', (copy) => {
      copy[tenderLine] = copy[tenderLine].replace('"priceInclVatCents":3800000', '"priceInclVatCents":100');
    });
    expect(snapshot.code).toBe(1);
    expect(snapshot.stdout).toMatch(
      new RegExp(
        `FAIL ${tenderId} seq 6, line ${tenderLine + 1}: seq 6: the stored snapshot differs .* at context\\.bids\\[0\\]\\.priceInclVatCents: stored 100, replayed 3800000`,
      ),
    );

    const removed = await variant('removed', (copy) => copy.splice(third, 1));
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(`FAIL ${tenderId} seq 3`);
    expect(removed.stdout).toContain('the end record counts 2 instances and 7 events, the file holds 2 and 6');

    const truncated = await variant('truncated', (copy) => copy.pop());
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toContain('FAIL (file)');
    expect(truncated.stdout).toContain('truncated');

    const garbled = await variant('garbled', (copy) => {
      copy[third] = copy[third].slice(0, 20);
    });
    expect(garbled.code).toBe(1);
    expect(garbled.stdout).toContain(`FAIL ${tenderId} seq 3, line ${third + 1}: line ${third + 1}: the line is not valid JSON`);

    const one = cli({ DATABASE_URL: t.databaseUrl });
    const single = join(dir, 'one.jsonl');
    expect(await exportCommand(one.context, { id: childId, out: single })).toBe(0);
    expect(readFileSync(single, 'utf8').trimEnd().split('\n')).toHaveLength(4);
    const missing = cli(offline);
    expect(await verifyExportCommand(missing.context, { file: join(dir, 'nope.jsonl') })).toBe(2);
  });

  it('runs as a real child process: export, verify-export, replay, usage errors', async () => {
    const file = join(dir, 'child.jsonl');
    const exported = await runBuiltCli(['export', '--all', '--out', file], { DATABASE_URL: t.databaseUrl });
    expect(exported).toMatchObject({ code: 0, stderr: expect.stringContaining('exported 2 instances (7 events)') });
    const verified = await runBuiltCli(['verify-export', file, '--json'], {});
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toEqual({ ok: true, instances: 2, events: 7, instancesOk: 2, failures: [] });
    const replayed = await runBuiltCli(['replay', tenderId, '--at', '2022-07-20T18:00:00+02:00'], { DATABASE_URL: t.databaseUrl });
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ id: tenderId, state: 'open.published', version: 3 });
    const usage = await runBuiltCli(['verify', '--bogus'], { DATABASE_URL: t.databaseUrl });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Unknown argument');
    const none = await runBuiltCli([], {});
    expect(none.code).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
describe.each(testDatabases())('audit: tampering is detected and located ($name)', (database) => {
  let t: TestApp;
  let manager: Database['dataSource']['manager'];
  const ids: Record<string, string> = {};
  /** Which tampering, on which seq it must be found, and a word of the expected problem. */
  const expected: Record<string, { seq: number; problem: string }> = {
    type: { seq: 3, problem: 'the stored hash' },
    payload: { seq: 4, problem: 'the stored hash' },
    actor: { seq: 2, problem: 'the stored hash' },
    at: { seq: 5, problem: 'the stored hash' },
    swapped: { seq: 3, problem: 'prev_hash' },
    hash: { seq: 6, problem: 'the stored hash' },
    prevHash: { seq: 2, problem: 'prev_hash' },
    removedLast: { seq: 6, problem: 'only 5 events are stored' },
    removedMiddle: { seq: 4, problem: 'expected the event numbered 4 but found 5' },
    snapshot: { seq: 6, problem: 'the stored snapshot differs' },
    stateColumn: { seq: 6, problem: 'the stored state "closed"' },
    headHash: { seq: 6, problem: 'head_hash' },
    rechained: { seq: 6, problem: 'the stored snapshot differs from the replay of the 6 events at context.bids[1].priceInclVatCents' },
  };

  const updateEvent = (id: string, seq: number, changes: Partial<EventEntity>) =>
    manager.update(EventEntity, { instanceId: id, seq }, changes);

  beforeAll(async () => {
    t = await startTestApp(database);
    manager = t.app.get(Database).dataSource.manager;
    ids.clean = await createTender(t, SIX_EVENTS);
    for (const name of Object.keys(expected)) ids[name] = await createTender(t, SIX_EVENTS);

    await updateEvent(ids.type, 3, { type: 'WITHDRAW_BID' });
    const bid = await manager.findOneByOrFail(EventEntity, { instanceId: ids.payload, seq: 4 });
    await updateEvent(ids.payload, 4, { payload: bid.payload.replace('3500000', '3400000') });
    await updateEvent(ids.actor, 2, { actor: 'mallory' });
    await updateEvent(ids.at, 5, { at: '2022-08-06T00:00:01.000Z' });
    // Seq order: the two bids change places.
    await updateEvent(ids.swapped, 3, { seq: 1000 });
    await updateEvent(ids.swapped, 4, { seq: 3 });
    await updateEvent(ids.swapped, 1000, { seq: 4 });
    await updateEvent(ids.hash, 6, { hash: 'f'.repeat(64) });
    await updateEvent(ids.prevHash, 2, { prevHash: 'e'.repeat(64) });
    await manager.delete(EventEntity, { instanceId: ids.removedLast, seq: 6 });
    await manager.delete(EventEntity, { instanceId: ids.removedMiddle, seq: 4 });
    const row = await manager.findOneByOrFail(InstanceEntity, { id: ids.snapshot });
    await manager.update(
      InstanceEntity,
      { id: ids.snapshot },
      { snapshot: row.snapshot.replace('"admissible":true', '"admissible":false') },
    );
    await manager.update(InstanceEntity, { id: ids.stateColumn }, { state: 'closed' });
    await manager.update(InstanceEntity, { id: ids.headHash }, { headHash: 'a'.repeat(64) });

    // A forger who knows the hash rule: changes a payload, recomputes every later hash and head_hash.
    const rows = await manager.find(EventEntity, { where: { instanceId: ids.rechained }, order: { seq: 'ASC' } });
    let previous = rows[2].hash;
    for (const event of rows.slice(3)) {
      const payload = event.seq === 4 ? JSON.parse(event.payload.replace('3500000', '3400000')) : JSON.parse(event.payload);
      const hash = chainHash(previous, {
        instanceId: event.instanceId,
        seq: event.seq,
        type: event.type,
        payload,
        actor: event.actor,
        at: event.at,
      });
      await updateEvent(ids.rechained, event.seq, { payload: JSON.stringify(payload), prevHash: previous, hash });
      previous = hash;
    }
    await manager.update(InstanceEntity, { id: ids.rechained }, { headHash: previous });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('GET /api/instances/:id/verify names the instance and the first divergent sequence', async () => {
    const clean = await t.request('GET', `/api/instances/${ids.clean}/verify`, undefined, bearer('auditor'));
    expect(clean.body).toMatchObject({ ok: true, eventsChecked: 6 });
    for (const [name, { seq, problem }] of Object.entries(expected)) {
      const response = await t.request('GET', `/api/instances/${ids[name]}/verify`, undefined, bearer('auditor'));
      expect(response.status).toBe(200);
      expect({ name, ...response.body }).toEqual({
        name,
        ok: false,
        instanceId: ids[name],
        eventsChecked: expect.any(Number),
        firstDivergentSeq: seq,
        problem: expect.stringContaining(problem),
      });
    }
  });

  it('verify --all (CLI handler) lists every failing instance with its sequence and exits 1', async () => {
    const run = cli({ DATABASE_URL: t.databaseUrl });
    expect(await verifyCommand(run.context, { all: true })).toBe(1);
    const out = run.stdout();
    for (const [name, { seq, problem }] of Object.entries(expected)) {
      expect({ name, line: out.split('\n').find((line) => line.startsWith(`FAIL ${ids[name]} `)) }).toEqual({
        name,
        line: expect.stringMatching(new RegExp(`^FAIL ${ids[name]} seq ${seq}: .*${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
      });
    }
    expect(out).not.toContain(ids.clean);
    const count = Object.keys(expected).length;
    expect(out).toContain(`verified ${count + 1} instances`);
    expect(out).toContain(`1 ok, ${count} failed`);

    const single = cli({ DATABASE_URL: t.databaseUrl });
    expect(await verifyCommand(single.context, { id: ids.actor, json: true })).toBe(1);
    expect(JSON.parse(single.stdout())).toMatchObject({ ok: false, instanceId: ids.actor, firstDivergentSeq: 2 });
  });

  it('the state at an instant refuses a history that does not replay, naming the seq', async () => {
    const response = await t.request('GET', `/api/instances/${ids.type}/state?at=2030-01-01T00:00:00Z`, undefined, bearer('auditor'));
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'EVENT_NOT_ACCEPTED', seq: 3 });
  });

  it('verify --all as a real child process exits 1 and names them too, with a progress bar on request', async () => {
    const result = await runBuiltCli(['verify', '--all', '--progress'], { DATABASE_URL: t.databaseUrl });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAIL ${ids.swapped} seq 3:`);
    expect(result.stdout).toContain(`FAIL ${ids.removedLast} seq 6:`);
    expect(result.stderr).toMatch(/verify \[.*\] 100% \| \d+\/\d+ instances/);
    const clean = await runBuiltCli(['verify', ids.clean], { DATABASE_URL: t.databaseUrl });
    expect(clean).toMatchObject({ code: 0, stdout: `OK ${ids.clean}: 6 events\n` });
  });
});

// ---------------------------------------------------------------------------------------------
describe.each(testDatabases())('audit: migrate --dry-run to another machine version ($name)', (database) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(database);
    // Histories of tender@1, recorded as the service did when tender@1 was the latest tender.
    const v1 = engineOfVersion1(t);
    ids.unchanged = await createTender(v1, { bids: [3_800_000, 3_500_000], close: true, score: true });
    ids.published = await createTender(v1, { bids: [3_800_000] });
    ids.stateChanged = await createTender(v1, { bids: [3_800_000], close: true });
    ids.refused = await createTender(v1, { bids: [3_900_000], close: true, score: true });
  });

  afterAll(async () => {
    await t.close();
  });

  it('replays every tender on tender@99 and reports those that would end in another state', async () => {
    const run = cli({ DATABASE_URL: t.databaseUrl }, catalogueWithTenderV99());
    expect(await migrateCommand(run.context, { to: 'tender@99', dryRun: true, json: true })).toBe(1);
    const report = JSON.parse(run.stdout());
    expect(report).toMatchObject({ target: 'tender@99', instances: 4, unchanged: 2 });
    expect(report.changes).toHaveLength(2);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        {
          instanceId: ids.stateChanged,
          pinned: 'tender@1',
          target: 'tender@99',
          outcome: 'state-changed',
          storedState: 'bidsClosed',
          replayedState: 'unsuccessful',
        },
        expect.objectContaining({
          instanceId: ids.refused,
          outcome: 'refused',
          seq: 5,
          eventType: 'SCORE_BID',
          storedState: 'bidsClosed',
          replayedState: 'unsuccessful',
        }),
      ]),
    );

    const text = cli({ DATABASE_URL: t.databaseUrl }, catalogueWithTenderV99());
    expect(await migrateCommand(text.context, { to: 'tender@99', dryRun: true })).toBe(1);
    expect(text.stdout()).toContain(`STATE-CHANGED ${ids.stateChanged} (tender@1 → tender@99): bidsClosed → unsuccessful`);
    expect(text.stdout()).toContain(`REFUSED ${ids.refused} (tender@1 → tender@99) seq 5 SCORE_BID`);
    expect(text.stdout()).toContain('dry run on tender@99: 4 instances, 2 would end unchanged, 2 would differ');

    // On the version they are pinned to, nothing changes; nothing was written either.
    const same = cli({ DATABASE_URL: t.databaseUrl }, catalogueWithTenderV99());
    expect(await migrateCommand(same.context, { to: 'tender@1', dryRun: true })).toBe(0);
    expect((await t.request('GET', `/api/instances/${ids.stateChanged}`)).body).toMatchObject({ machineVersion: 1, state: 'bidsClosed' });
  });

  it('refuses to run without --dry-run, and names the versions it knows', async () => {
    const wet = cli({ DATABASE_URL: t.databaseUrl }, catalogueWithTenderV99());
    expect(await migrateCommand(wet.context, { to: 'tender@99' })).toBe(2);
    expect(wet.stderr()).toContain('only runs with --dry-run');
    const unknown = cli({ DATABASE_URL: t.databaseUrl });
    expect(await migrateCommand(unknown.context, { to: 'tender@99', dryRun: true })).toBe(2);
    expect(unknown.stderr()).toContain('no machine tender@99 in the catalogue; known: tender@1, tender@2, tender@3');
    const malformed = cli({ DATABASE_URL: t.databaseUrl });
    expect(await migrateCommand(malformed.context, { to: 'tender', dryRun: true })).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
describe.each(testDatabases())('audit: records of version 1 once version 2 exists ($name)', (database) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const asAuditor = bearer('auditor');
  const verify = async (id: string) => (await t.request('GET', `/api/instances/${id}/verify`, undefined, asAuditor)).body;
  const stateAt = async (id: string, at: string) =>
    (await t.request('GET', `/api/instances/${id}/state?at=${encodeURIComponent(at)}`, undefined, asAuditor)).body;

  beforeAll(async () => {
    t = await startTestApp(database);
    // Recorded on version 1 (the engine's catalogue has no version 2), then served by the full catalogue.
    const v1 = engineOfVersion1(t);
    const admin = TEST_PRINCIPALS.administrator;
    ids.published = await createTender(v1, { bids: [3_800_000] });
    ids.bidsClosed = await createTender(v1, { bids: [3_800_000, 3_500_000], close: true });
    ids.cancelled = await createTender(v1, { bids: [3_800_000], cancel: true });
    ids.unsuccessful = await createTender(v1, { bids: [], close: true });
    ids.pinned = await createTender(v1, { bids: [3_800_000], close: true });
    const convention = await v1.create('convention', SPRO_EP_CHATEAUROUX, admin, { at: '2024-07-15T09:00:00+02:00' });
    ids.convention = convention.id;
    await v1.apply(ids.convention, toCommand({ type: 'OPEN_FOR_SIGNATURE', at: '2024-07-15T10:00:00+02:00' }), admin);
    for (const party of SPRO_EP_CHATEAUROUX.parties!) {
      await v1.apply(ids.convention, toCommand({ type: 'SIGN', party: party.id, at: '2024-07-30T11:00:00+02:00' }), admin);
    }
    ids.cohort = (await v1.create('cohort', COHORT_001_GROUP_1, admin, { at: '2022-08-26T10:00:00+02:00' })).id;
    await v1.apply(ids.cohort, toCommand({ type: 'OPEN_RECRUITMENT', at: '2022-08-29T10:00:00+02:00' }), admin);
    // And one tender recorded while tender@2 was the latest (before tender@3).
    ids.current = await createTender(engineOfVersion1(t, catalogueUpToVersion2()), { bids: [3_800_000] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('keeps them pinned to version 1: views, verification and the state on a date replay version 1', async () => {
    expect((await t.request('GET', `/api/instances/${ids.bidsClosed}`)).body).toMatchObject({ machineVersion: 1, state: 'bidsClosed' });
    expect((await t.request('GET', `/api/instances/${ids.convention}`)).body).toMatchObject({ machineVersion: 1, state: 'inForce' });
    expect((await t.request('GET', `/api/instances/${ids.cohort}`)).body).toMatchObject({ machineVersion: 1, state: 'recruiting' });
    expect((await t.request('GET', `/api/instances/${ids.current}`)).body).toMatchObject({ machineVersion: 2, state: 'open.published' });
    for (const id of Object.values(ids)) {
      expect({ id, ...(await verify(id)) }).toMatchObject({ id, ok: true, firstDivergentSeq: null, problem: null });
    }
    // Between the two bids: published, in tender@1's words.
    expect(await stateAt(ids.bidsClosed, '2022-07-20T18:00:00+02:00')).toMatchObject({
      machineVersion: 1,
      state: 'published',
      stage: 'published',
      version: 3,
      nextEvents: ['SUBMIT_BID', 'WITHDRAW_BID', 'CLOSE_BIDS', 'CANCEL'],
    });
    expect(await stateAt(ids.cancelled, '2030-01-01T00:00:00Z')).toMatchObject({
      machineVersion: 1,
      state: 'cancelled',
      context: { cancellation: { fromState: 'published' } },
    });
    expect(await stateAt(ids.convention, '2024-07-20T00:00:00+02:00')).toMatchObject({ machineVersion: 1, state: 'openForSignature' });

    // A new event on a record of version 1 is decided by version 1, and the history still verifies.
    const scored = await t.request('POST', `/api/instances/${ids.pinned}/events`, {
      type: 'SCORE_BID',
      bidId: 'B1',
      scores: { technical: 80 },
      at: SCORED_AT,
    });
    expect(scored.status).toBe(200);
    expect(scored.body).toMatchObject({ machineVersion: 1, state: 'bidsClosed', version: 5 });
    expect(await verify(ids.pinned)).toMatchObject({ ok: true, eventsChecked: 5 });

    const all = cli({ DATABASE_URL: t.databaseUrl });
    expect(await verifyCommand(all.context, { all: true, json: true })).toBe(0);
    expect(JSON.parse(all.stdout())).toMatchObject({ ok: true, instances: Object.keys(ids).length, failures: [] });
  });

  it('a dry run to the real tender@2 says what would change for them (handler, and the built CLI as the README shows)', async () => {
    const run = cli({ DATABASE_URL: t.databaseUrl });
    expect(await migrateCommand(run.context, { to: 'tender@2', dryRun: true, json: true })).toBe(1);
    const report = JSON.parse(run.stdout());
    const tenders = ['published', 'bidsClosed', 'cancelled', 'unsuccessful', 'pinned', 'current'];
    // The unsuccessful tender ends as it did; the one recorded on tender@2 replays on itself.
    expect(report).toMatchObject({ target: 'tender@2', instances: tenders.length, unchanged: 2 });
    const byId = Object.fromEntries((report.changes as { instanceId: string }[]).map((change) => [change.instanceId, change]));
    expect(Object.keys(byId).sort()).toEqual([ids.published, ids.bidsClosed, ids.cancelled, ids.pinned].sort());
    expect(byId[ids.published]).toEqual({
      instanceId: ids.published,
      pinned: 'tender@1',
      target: 'tender@2',
      outcome: 'state-changed',
      storedState: 'published',
      replayedState: 'open.published',
    });
    expect(byId[ids.bidsClosed]).toMatchObject({ outcome: 'state-changed', storedState: 'bidsClosed', replayedState: 'open.bidsClosed' });
    // Same final state, but tender@2 records the state a tender was cancelled from by its own name.
    expect(byId[ids.cancelled]).toEqual({
      instanceId: ids.cancelled,
      pinned: 'tender@1',
      target: 'tender@2',
      outcome: 'context-changed',
      storedState: 'cancelled',
      replayedState: 'cancelled',
      detail: 'context.cancellation.fromState: stored "published", replayed "open.published"',
    });
    // tender@2 refuses none of these histories.
    expect(report.changes.filter((change: { outcome: string }) => change.outcome === 'refused')).toEqual([]);

    const built = await runBuiltCli(['migrate', '--dry-run', '--to', 'tender@2'], { DATABASE_URL: t.databaseUrl });
    expect(built.code).toBe(1);
    expect(built.stdout).toContain(`STATE-CHANGED ${ids.published} (tender@1 → tender@2): published → open.published`);
    expect(built.stdout).toContain(
      `CONTEXT-CHANGED ${ids.cancelled} (tender@1 → tender@2) in state cancelled: context.cancellation.fromState: stored "published", replayed "open.published"`,
    );
    expect(built.stdout).toContain('dry run on tender@2: 6 instances, 2 would end unchanged, 4 would differ');
    // Nothing was written: the records are still on tender@1.
    expect((await t.request('GET', `/api/instances/${ids.published}`)).body).toMatchObject({ machineVersion: 1, state: 'published' });
  });
});
