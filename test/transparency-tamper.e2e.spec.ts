import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../src/cli/cli-context';
import { exportCommand, verifyCommand, verifyExportCommand } from '../src/cli/commands';
import {
  checkpointCommand,
  inclusionProofsCommand,
  transparencyKeyCommand,
  verifyConsistencyCommand,
} from '../src/cli/transparency-command';
import { chainHash } from '../src/engine/hash-chain.util';
import { MachineCatalogue } from '../src/engine/machine-catalogue';
import { Database } from '../src/persistence/database';
import { storedEventLeafHash } from '../src/transparency/event-leaf';
import { rebuildLogFromEvents } from './support/rebuild-log';
import { seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';
import { consistencyHolds, exportedLeaf, inclusionHolds, openSignedCheckpoint } from './support/tlog-verifier';

/*
 * Tampering after a checkpoint: each edit of the database is detected against the signed checkpoint,
 * through the API (proofs checked by the independent verifier of test/support/tlog-verifier.ts) and by
 * the command line offline (verify-export with the proofs, verify-consistency). Each edit is tried
 * twice: with the log's tables left as they were, and with the tree rebuilt from the edited events
 * and a new checkpoint signed with the log's own key (an operator who holds everything but the
 * checkpoint already published).
 */

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' };
const hex = (values: string[]): Buffer[] => values.map((v) => Buffer.from(v, 'hex'));
type Line = Record<string, unknown>;
const linesOf = (text: string): Line[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);

interface EventRow {
  instance_id: string;
  seq: number;
  type: string;
  payload: string;
  actor: string;
  at: string;
}

type Tamper = (sql: (text: string, params?: unknown[]) => Promise<any>, ids: { a: string; b: string }, before: Before) => Promise<void>;
interface Before {
  /** a's row after its CREATE, before PUBLISH. */
  created: { version: number; state: string; stage: string; status: string; snapshot: string; head_hash: string; updated_at: string };
}

const TAMPERS: [string, Tamper][] = [
  ['an edited payload', (sql, { a }) => sql(`UPDATE events SET payload = '{"note":"backdated"}' WHERE instance_id = '${a}' AND seq = 2`)],
  ['an edited actor', (sql, { a }) => sql(`UPDATE events SET actor = 'mallory' WHERE instance_id = '${a}' AND seq = 2`)],
  ['an edited at', (sql, { a }) => sql(`UPDATE events SET at = '2022-06-27T06:00:00.000Z' WHERE instance_id = '${a}' AND seq = 2`)],
  [
    'an edited recordedAt',
    (sql, { a }) => sql(`UPDATE events SET recorded_at = '2022-06-01T00:00:00.000Z' WHERE instance_id = '${a}' AND seq = 2`),
  ],
  [
    'the last event deleted and the record rolled back (consistent truncation)',
    async (sql, { b }, before) => {
      // b was created and published after a: its PUBLISH is the last leaf.
      const [row] = (await sql(`SELECT hash FROM events WHERE instance_id = '${b}' AND seq = 1`)) as { hash: string }[];
      await sql(`DELETE FROM events WHERE instance_id = '${b}' AND seq = 2`);
      const c = before.created;
      await sql(
        `UPDATE instances SET version = 1, state = '${c.state}', stage = '${c.stage}', status = '${c.status}', head_hash = '${row.hash}', snapshot = '${c.snapshot.replace(/'/g, "''")}' WHERE id = '${b}'`,
      );
    },
  ],
  [
    // a's PUBLISH is leaf 1 of 4: the leaves after it stay where they were.
    'an event deleted in the middle of the log (its leaf with it)',
    (sql, { a }) => sql(`DELETE FROM events WHERE instance_id = '${a}' AND seq = 2`),
  ],
  [
    'an edited payload with the leaf hash kept in its row recomputed to match',
    async (sql, { a }) => {
      await sql(`UPDATE events SET payload = '{"note":"backdated"}' WHERE instance_id = '${a}' AND seq = 2`);
      const [row] = (await sql(
        `SELECT instance_id, seq, type, payload, actor, at, recorded_at, prev_hash, hash FROM events WHERE instance_id = '${a}' AND seq = 2`,
      )) as (EventRow & { recorded_at: string; prev_hash: string; hash: string })[];
      const leaf = storedEventLeafHash({
        ...row,
        instanceId: row.instance_id,
        seq: Number(row.seq),
        recordedAt: row.recorded_at,
        prevHash: row.prev_hash,
      });
      await sql(`UPDATE events SET leaf_hash = '${leaf.toString('hex')}' WHERE instance_id = '${a}' AND seq = 2`);
    },
  ],
  [
    'a full rewrite: payload changed, chain recomputed by the published v1 rule, snapshot edited',
    async (sql, { a }) => {
      const rows = (await sql(
        `SELECT instance_id, seq, type, payload, actor, at FROM events WHERE instance_id = '${a}' ORDER BY seq`,
      )) as EventRow[];
      let previous = '0'.repeat(64);
      for (const row of rows) {
        const payload = Number(row.seq) === 2 ? { note: 'rewritten' } : (JSON.parse(row.payload) as unknown);
        const hash = chainHash(previous, {
          instanceId: row.instance_id,
          seq: Number(row.seq),
          type: row.type,
          payload,
          actor: row.actor,
          at: row.at,
        });
        await sql(
          `UPDATE events SET payload = '${JSON.stringify(payload).replace(/'/g, "''")}', prev_hash = '${previous}', hash = '${hash}' WHERE instance_id = '${a}' AND seq = ${Number(row.seq)}`,
        );
        previous = hash;
      }
      const [instance] = (await sql(`SELECT snapshot FROM instances WHERE id = '${a}'`)) as { snapshot: string }[];
      const snapshot = instance.snapshot.replace('Ville', 'Commune');
      await sql(`UPDATE instances SET head_hash = '${previous}', snapshot = '${snapshot.replace(/'/g, "''")}' WHERE id = '${a}'`);
    },
  ],
];

describe.each(testDatabases())('tampering detected against a signed checkpoint ($name)', (database) => {
  let t: TestApp;
  let folder: string;
  let env: Record<string, string>;
  const ids = { a: '', b: '' };
  let before: Before;
  let key: string;
  let c1: { origin: string; size: number; root: Buffer };

  const cli = () => {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = {
      env,
      catalogue: t.app.get(MachineCatalogue),
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
    };
    return { context, stdout: () => out.join(''), stderr: () => err.join('') };
  };
  const sql = (text: string, params?: unknown[]) => t.app.get(Database).dataSource.query(text, params);
  const auditor = bearer('auditor');

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tlog-tamper-'));
    const url = database.url();
    env = {
      DATABASE_URL: url,
      DATA_DIR: folder,
      TRANSPARENCY_KEY_FILE: join(folder, 'key'),
      TRANSPARENCY_CHECKPOINT_S: '0',
      TRANSPARENCY_CHECKPOINT_EVENTS: '0',
    };
    t = await startTestApp(database, { ...SIMULATED, ...env });
    const create = async () => (await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
    ids.a = await create();
    expect((await t.request('POST', `/api/instances/${ids.a}/events`, { type: 'PUBLISH' })).status).toBe(200);
    ids.b = await create();
    const [created] = (await sql(
      `SELECT version, state, stage, status, snapshot, head_hash, updated_at FROM instances WHERE id = '${ids.b}'`,
    )) as Before['created'][];
    before = { created };
    expect((await t.request('POST', `/api/instances/${ids.b}/events`, { type: 'PUBLISH' })).status).toBe(200);

    // The auditor's copies: the checkpoint as published, and the key from the command line.
    const note = (await t.request('POST', '/api/transparency/checkpoint', undefined, bearer('scheduler'))).body as unknown as string;
    writeFileSync(join(folder, 'c1.checkpoint'), note);
    const k = cli();
    expect(await transparencyKeyCommand(k.context)).toBe(0);
    key = k.stdout().trim();
    expect(key).toBe(((await t.request('GET', '/api/transparency/key', undefined, auditor)).body as unknown as string).trim());
    c1 = openSignedCheckpoint(note, key);
    expect(c1.size).toBe(4);
    const c = cli();
    expect(await checkpointCommand(c.context)).toBe(0);
    expect(c.stdout()).toBe(note);
  });

  afterEach(async () => {
    await t.close();
    await database.cleanup(env.DATABASE_URL);
    rmSync(folder, { recursive: true, force: true });
  });

  /** export + inclusion-proofs for c1 + verify-export: its exit code and output. */
  async function verifyOffline(): Promise<{ code: number; output: string }> {
    const e = cli();
    expect(await exportCommand(e.context, { all: true, out: join(folder, 'export.jsonl') })).toBe(0);
    const p = cli();
    const proofs = await inclusionProofsCommand(p.context, {
      checkpoint: join(folder, 'c1.checkpoint'),
      out: join(folder, 'proofs.jsonl'),
    });
    if (proofs !== 0) return { code: proofs, output: p.stdout() + p.stderr() };
    const v = cli();
    const code = await verifyExportCommand(v.context, {
      file: join(folder, 'export.jsonl'),
      checkpoint: join(folder, 'c1.checkpoint'),
      key,
      proofs: join(folder, 'proofs.jsonl'),
    });
    return { code, output: v.stdout() };
  }

  /** Through the API: each event of each record, its leaf recomputed from the export, proved against c1. */
  async function everyEventProvedByTheApi(): Promise<boolean> {
    let ok = true;
    let proved = 0;
    for (const id of [ids.a, ids.b]) {
      const history = (await t.request('GET', `/api/instances/${id}/history`, undefined, auditor)).body.items as {
        seq: number;
        leafIndex: number;
      }[];
      const exported = linesOf((await t.request('GET', `/api/instances/${id}/history.jsonl`, undefined, auditor)).body);
      for (const line of exported.filter((l) => l.record === 'event')) {
        const leafIndex = history.find((e) => e.seq === line.seq)!.leafIndex;
        const proof = await t.request('GET', `/api/transparency/proof/inclusion?index=${leafIndex}&size=${c1.size}`, undefined, auditor);
        if (proof.status !== 200 || !inclusionHolds(exportedLeaf(line), leafIndex, c1.size, hex(proof.body.hashes), c1.root)) ok = false;
        else proved++;
      }
    }
    // Every leaf of c1's tree is an event still there.
    return ok && proved === c1.size;
  }

  it('verifies before any edit, through the API and offline', async () => {
    expect(await everyEventProvedByTheApi()).toBe(true);
    const offline = await verifyOffline();
    expect(offline.output).toContain('transparency log: 4 events proved in the signed tree of size 4, 0 recorded after it, 0 failed');
    expect(offline.code).toBe(0);
    const all = cli();
    expect(await verifyCommand(all.context, { all: true })).toBe(0);
    expect(all.stdout()).toContain('transparency log: 4 leaves recomputed from the events, latest checkpoint at size 4: ok');
  });

  describe.each(TAMPERS)('%s', (_, tamper) => {
    it('is detected with the log’s tables left as they were', async () => {
      await tamper(sql, ids, before);
      expect(await everyEventProvedByTheApi()).toBe(false);
      const offline = await verifyOffline();
      expect(offline.code).toBe(1);
      expect(offline.output).toMatch(/FAIL /);
      // verify --all: the leaves recomputed from the events disagree with the stored tree and the checkpoint.
      const all = cli();
      expect(await verifyCommand(all.context, { all: true })).toBe(1);
      expect(all.stdout()).toMatch(/^FAIL transparency log: /m);
      expect(all.stdout()).toContain('transparency log: ');
      expect(all.stdout()).toContain(': FAILED');
    });

    it('is detected with the tree rebuilt from the edited events and a new checkpoint signed with the log’s key', async () => {
      await tamper(sql, ids, before);
      // Whoever edits the database also rebuilds the log from the edited events.
      await rebuildLogFromEvents(t.app);
      const note = (await t.request('POST', '/api/transparency/checkpoint', undefined, bearer('scheduler'))).body as unknown as string;
      writeFileSync(join(folder, 'c2.checkpoint'), note);
      const c2 = openSignedCheckpoint(note, key);
      expect(c2.root.equals(c1.root)).toBe(false);

      expect(await everyEventProvedByTheApi()).toBe(false);
      const offline = await verifyOffline();
      expect(offline.code).not.toBe(0);

      const consistency = await t.request('GET', `/api/transparency/proof/consistency?from=${c1.size}&to=${c2.size}`, undefined, auditor);
      if (consistency.status === 200) {
        expect(consistencyHolds(c1.size, c2.size, c1.root, c2.root, hex(consistency.body.hashes))).toBe(false);
        writeFileSync(join(folder, 'consistency.json'), JSON.stringify(consistency.body));
        const v = cli();
        const code = await verifyConsistencyCommand(v.context, {
          old: join(folder, 'c1.checkpoint'),
          new: join(folder, 'c2.checkpoint'),
          key,
          proof: join(folder, 'consistency.json'),
        });
        expect(code).toBe(1);
        expect(v.stdout()).toMatch(/^FAIL /);
      } else {
        // The tree is now smaller than the published checkpoint: no proof can be given.
        expect(consistency.status).toBe(400);
        expect(c2.size).toBeLessThan(c1.size);
      }
    });
  });

  it('verify-consistency accepts a genuine extension', async () => {
    expect((await t.request('POST', `/api/instances/${ids.a}/events`, { type: 'CANCEL', reason: 'Withdrawn' })).status).toBe(200);
    const note = (await t.request('POST', '/api/transparency/checkpoint', undefined, bearer('scheduler'))).body as unknown as string;
    writeFileSync(join(folder, 'c2.checkpoint'), note);
    const c2 = openSignedCheckpoint(note, key);
    const proof = await t.request('GET', `/api/transparency/proof/consistency?from=${c1.size}&to=${c2.size}`, undefined, auditor);
    expect(consistencyHolds(c1.size, c2.size, c1.root, c2.root, hex(proof.body.hashes))).toBe(true);
    writeFileSync(join(folder, 'consistency.json'), JSON.stringify(proof.body));
    const v = cli();
    const args = { old: join(folder, 'c1.checkpoint'), new: join(folder, 'c2.checkpoint'), key, proof: join(folder, 'consistency.json') };
    expect(await verifyConsistencyCommand(v.context, args)).toBe(0);
    expect(v.stdout()).toBe(`consistent: the tree of size 4 is a prefix of the tree of size 5\n`);
    const offline = await verifyOffline();
    expect(offline.output).toContain('4 events proved in the signed tree of size 4, 1 recorded after it, 0 failed');
    expect(offline.code).toBe(0);
    expect(readFileSync(join(folder, 'key'), 'utf8')).toMatch(/^PRIVATE\+KEY\+/);
  });
});
