import { InstanceCommandsService } from '../src/instances/instance-commands.service';
import { Database } from '../src/persistence/database';
import { TransparencyRepository } from '../src/persistence/repositories/transparency.repository';
import { storedEventLeafHash } from '../src/transparency/event-leaf';
import { MerkleFrontier, merkleTreeHash, treeHashAt } from '../src/transparency/merkle';
import { rebuildLogFromEvents } from './support/rebuild-log';
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

  /** The leaves as stored, checked against the events: same count, each leaf recomputed, root of the frontier read back and of the nodes. */
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
    const state = await db.sqlRead((session) => repository.tree(session));
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

  it('backfills the leaves of events recorded before the migration, in a deterministic order; the leaves move into the events and back', async () => {
    for (let i = 0; i < 5; i++) {
      const id = await create();
      expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
    }
    const before = await checkTree();
    const db = t.app.get(Database);
    const sql = db.dataSource;
    // Down to 1766000000000: the leaves table, every node and the state row, rebuilt from the events.
    await sql.undoLastMigration({ transaction: 'each' });
    expect(Number((await sql.query('SELECT COUNT(*) AS n FROM transparency_leaves'))[0].n)).toBe(10);
    expect(Number((await sql.query('SELECT COUNT(*) AS n FROM transparency_nodes WHERE level = 0'))[0].n)).toBe(10);
    const [row] = await sql.query<{ size: number | string; frontier: string }[]>('SELECT size, frontier FROM transparency_state');
    expect(Number(row.size)).toBe(10);
    expect(
      MerkleFrontier.fromJSON(JSON.parse(row.frontier) as { size: number; hashes: string[] })
        .root()
        .equals(before.root),
    ).toBe(true);
    expect(
      await treeHashAt(10, {
        node: async (level, index) => {
          const [node] = await sql.query<{ hash: string }[]>(
            `SELECT hash FROM transparency_nodes WHERE level = ${level} AND idx = ${index}`,
          );
          return Buffer.from(node.hash, 'hex');
        },
      }),
    ).toEqual(before.root);
    // And before the log: backfilled again, then moved into the events.
    await sql.undoLastMigration({ transaction: 'each' });
    await sql.runMigrations({ transaction: 'each' });
    expect(Number((await sql.query('SELECT COUNT(*) AS n FROM transparency_nodes WHERE level < 4'))[0].n)).toBe(0);
    // The service's memory of the tree is of the tree before the migrations ran behind its back.
    t.app.get(TransparencyRepository).forget();
    const after = await checkTree();
    expect(after.size).toBe(10);
    if (database.name === 'sqlite') expect(after.root.equals(before.root)).toBe(true);
    // Recorded after the backfill: appended after the backfilled leaves.
    await create();
    expect((await checkTree()).size).toBe(11);
  });

  it('backfills a log longer than one page of the migration (500 events), in the same order', async () => {
    const engine = t.app.get(InstanceCommandsService);
    const views = await Promise.all(Array.from({ length: 260 }, () => engine.create('tender', seed001TenderInput, 'tester')));
    await Promise.all(views.map((view) => engine.apply(view.id, { type: 'PUBLISH', payload: {} }, 'tester')));
    const before = await checkTree();
    expect(before.size).toBe(520);
    await rebuildLogFromEvents(t.app);
    const after = await checkTree();
    expect(after.size).toBe(520);
    if (database.name === 'sqlite') expect(after.root.equals(before.root)).toBe(true);
  });

  it('keeps nodes from level 4 up only, and hashes the lower ones from the leaves: a tree across several stored nodes', async () => {
    const engine = t.app.get(InstanceCommandsService);
    const ids = await Promise.all(Array.from({ length: 20 }, () => engine.create('tender', seed001TenderInput, 'tester')));
    await Promise.all(ids.map((view) => engine.apply(view.id, { type: 'PUBLISH', payload: {} }, 'tester')));
    const sql = t.app.get(Database).dataSource;
    const stored = await sql.query<{ level: number | string; idx: number | string }[]>(
      'SELECT level, idx FROM transparency_nodes ORDER BY level, idx',
    );
    // 40 leaves: subtrees of 16 at 0 and 1, of 32 at 0.
    expect(stored.map((node) => `${Number(node.level)}:${Number(node.idx)}`)).toEqual(['4:0', '4:1', '5:0']);
    const { size } = await checkTree();
    expect(size).toBe(40);
  });

  it('an append by another process on the same SQLite file: the next append finds the leaf index taken and appends after it', async () => {
    if (database.name !== 'sqlite') return;
    const a = await create();
    await create();
    const db = t.app.get(Database);
    const repository = t.app.get(TransparencyRepository);
    // This process's memory of the tree one leaf behind the file, as after another process appended the last leaf.
    const [first] = await db.sqlRead((session) => repository.leaves(session, 0, 1));
    const behind = MerkleFrontier.empty();
    behind.append(Buffer.from(first.leafHash, 'hex'));
    (repository as unknown as { frontier: MerkleFrontier }).frontier = behind;
    const published = await t.request('POST', `/api/instances/${a}/events`, { type: 'PUBLISH' });
    expect(published.status).toBe(200);
    const { size } = await checkTree();
    expect(size).toBe(3);
  });
});
