import { InstanceCommandsService } from '../src/instances/instance-commands.service';
import { Database } from '../src/persistence/database';
import { TransparencyRepository } from '../src/persistence/repositories/transparency.repository';
import { storedEventLeafHash } from '../src/transparency/event-leaf';
import { merkleTreeHash, treeHashAt } from '../src/transparency/merkle';
import { seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

/*
 * Stage 1 of the transparency log: every event gets its leaf in its own transaction. The tree's root
 * (from the stored frontier, and from the stored nodes) is the Merkle tree hash of the leaves recomputed
 * from the events; refused commands and rolled-back savepoints leave no leaf; the migration backfills
 * the leaves of events recorded before it.
 */

interface EventRow {
  instance_id: string;
  seq: number | string;
  type: string;
  payload: string;
  actor: string;
  at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' };

describe.each(testDatabases())('transparency log leaves ($name)', (database) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp(database, SIMULATED);
  });

  afterEach(async () => {
    await t.close();
  });

  const create = async (): Promise<string> => {
    const response = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  /** The leaves as stored, checked against the events: same count, each leaf recomputed, root of frontier and nodes. */
  async function checkTree(): Promise<{ size: number; root: Buffer }> {
    const db = t.app.get(Database);
    const repository = t.app.get(TransparencyRepository);
    const sql = db.dataSource;
    const events: EventRow[] = await sql.query(
      'SELECT instance_id, seq, type, payload, actor, at, recorded_at, prev_hash, hash FROM events',
    );
    const byEvent = new Map(events.map((row) => [`${row.instance_id}#${Number(row.seq)}`, row]));
    const leaves = await db.sqlRead((session) => repository.leaves(session, 0, 1_000_000));
    expect(leaves.length).toBe(events.length);
    expect(leaves.map((leaf) => leaf.index)).toEqual(leaves.map((_, i) => i));
    const recomputed = leaves.map((leaf) => {
      const row = byEvent.get(`${leaf.instanceId}#${leaf.seq}`)!;
      expect(row).toBeDefined();
      const hash = storedEventLeafHash({
        instanceId: row.instance_id,
        seq: Number(row.seq),
        type: row.type,
        payload: row.payload,
        actor: row.actor,
        at: row.at,
        recordedAt: row.recorded_at,
        prevHash: row.prev_hash,
        hash: row.hash,
      });
      expect(hash.toString('hex')).toBe(leaf.leafHash);
      return hash;
    });
    const root = merkleTreeHash(recomputed);
    const state = await db.sqlRead((session) => repository.state(session));
    expect(state.size).toBe(events.length);
    expect(state.frontier.root().equals(root)).toBe(true);
    const fromNodes = await db.sqlRead((session) =>
      treeHashAt(state.size, {
        node: async (level, index) => {
          const found = await repository.nodes(session, [{ level, index }]);
          return found.get(`${level}:${index}`)!;
        },
      }),
    );
    expect(fromNodes.equals(root)).toBe(true);
    return { size: state.size, root };
  }

  it('appends one leaf per event, in the event’s transaction; a refused command leaves none', async () => {
    const a = await create();
    const b = await create();
    expect((await t.request('POST', `/api/instances/${a}/events`, { type: 'PUBLISH' })).status).toBe(200);
    const refused = await t.request('POST', `/api/instances/${b}/events`, { type: 'NO_SUCH_EVENT' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const again = await t.request('POST', `/api/instances/${a}/events`, { type: 'PUBLISH' });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect((await t.request('POST', `/api/instances/${b}/events`, { type: 'PUBLISH' })).status).toBe(200);
    const { size } = await checkTree();
    expect(size).toBe(4);
  });

  it('keeps commit order under concurrent commands; a command rolled back (its savepoint, or its transaction) leaves no leaf', async () => {
    const engine = t.app.get(InstanceCommandsService);
    const failing = {
      start: () => Promise.resolve(),
      finish: () => Promise.reject(new Error('rolled back after the event was appended')),
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => engine.create('tender', seed001TenderInput, 'tester', i % 3 === 1 ? { hook: failing } : {})),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(8);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(4);
    const ids = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.id] : []));
    await Promise.all(ids.map((id) => engine.apply(id, { type: 'PUBLISH', payload: {} }, 'tester')));
    const { size } = await checkTree();
    expect(size).toBe(16);
  });

  it('backfills the leaves of events recorded before the migration, in a deterministic order', async () => {
    for (let i = 0; i < 5; i++) {
      const id = await create();
      expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
    }
    const before = await checkTree();
    const sql = t.app.get(Database).dataSource;
    await sql.undoLastMigration({ transaction: 'each' });
    await sql.runMigrations({ transaction: 'each' });
    const after = await checkTree();
    expect(after.size).toBe(10);
    if (database.name === 'sqlite') expect(after.root.equals(before.root)).toBe(true);
    // Recorded after the backfill: appended after the backfilled leaves.
    await create();
    expect((await checkTree()).size).toBe(11);
  });
});
