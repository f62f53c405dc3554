import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type BenchContext, type BenchmarkOutput, row } from './lib/report';
import { BENCH_ACTOR, createDraftTenders, durabilityOf, startService, tenderInput, updateDraft } from './lib/service';
import { loadSettings } from './lib/settings';

/** Group size of the "group commit" floor. */
const GROUP = 50;
const HASH_PLACEHOLDER = 'f'.repeat(64);
const OUTBOX_PARAMS = JSON.stringify({ title: 'Bench tender', reason: 'Benchmark', cancelledFrom: 'draft' });

function openSqlite(path: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 10000');
  return db;
}

/**
 * The baseline: the service's driver (better-sqlite3, WAL, synchronous=NORMAL) with nothing in between,
 * one event-shaped row per transaction.
 */
function insertBaseline(path: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): { one(n: number): void; close(): void } {
  const db = openSqlite(path, synchronous);
  db.exec(`CREATE TABLE events (
    instance_id varchar(36) NOT NULL, seq integer NOT NULL, type varchar(64) NOT NULL, payload text NOT NULL,
    actor varchar(200) NOT NULL, at varchar(30) NOT NULL, recorded_at varchar(30) NOT NULL,
    prev_hash varchar(64) NOT NULL, hash varchar(64) NOT NULL, PRIMARY KEY (instance_id, seq))`);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const ids = Array.from({ length: 200 }, () => randomUUID());
  let next = 0;
  const oneRow = db.transaction((payloadNumber: number) => {
    const n = next++;
    const now = new Date().toISOString();
    insert.run(
      ids[n % ids.length],
      Math.floor(n / ids.length) + 1,
      'UPDATE_DRAFT',
      JSON.stringify(updateDraft(payloadNumber).payload),
      BENCH_ACTOR,
      now,
      now,
      HASH_PLACEHOLDER,
      HASH_PLACEHOLDER,
    );
  });
  return { one: oneRow, close: () => db.close() };
}

/**
 * A floor for the current data model (informational): the SQL statements one apply on a warm instance
 * issues, run straight through better-sqlite3 on the service's own file (no TypeORM, no XState, no
 * validation): in a transaction and a savepoint, compare-and-set the row on its version (the state
 * unchanged, as with UPDATE_DRAFT), append the event. The row is read once, then remembered, as the
 * engine does.
 */
function rawApply(path: string): {
  one(id: string, n: number): void;
  group(ids: string[], n: number): void;
  groupWithOutbox(ids: string[], n: number): void;
  close(): void;
} {
  const db = openSqlite(path);
  const selectRow = db.prepare('SELECT snapshot, version, head_hash FROM instances WHERE id = ?');
  const update = db.prepare('UPDATE instances SET snapshot = ?, version = ?, head_hash = ?, updated_at = ? WHERE id = ? AND version = ?');
  const insertEvent = db.prepare(
    'INSERT INTO events (instance_id, seq, type, payload, actor, at, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOutbox = db.prepare(
    'INSERT INTO outbox (message_id, instance_id, kind, seq, effect_index, type, params, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const savepoint = db.prepare('SAVEPOINT command');
  const release = db.prepare('RELEASE command');
  const rows = new Map<string, { snapshot: string; version: number; head_hash: string }>();
  const body = (id: string, n: number, withOutbox = false) => {
    let row = rows.get(id);
    if (!row) rows.set(id, (row = selectRow.get(id) as { snapshot: string; version: number; head_hash: string }));
    savepoint.run();
    const now = new Date().toISOString();
    const seq = row.version + 1;
    if (update.run(row.snapshot, seq, HASH_PLACEHOLDER, now, id, row.version).changes !== 1)
      throw new Error(`floor: ${id} moved under the floor`);
    insertEvent.run(
      id,
      seq,
      'UPDATE_DRAFT',
      JSON.stringify(updateDraft(n).payload),
      BENCH_ACTOR,
      now,
      now,
      row.head_hash,
      HASH_PLACEHOLDER,
    );
    // An effect of the event (as tenderCancelled's params: the title and the reason).
    if (withOutbox) insertOutbox.run(randomUUID(), id, 'tender', seq, 0, 'tenderCancelled', OUTBOX_PARAMS, now, now);
    release.run();
    row.version = seq;
    row.head_hash = HASH_PLACEHOLDER;
  };
  const inOne = db.transaction((id: string, n: number) => body(id, n)).immediate;
  const inGroup = db.transaction((ids: string[], n: number) => {
    for (let k = 0; k < ids.length; k++) body(ids[k], n + k);
  }).immediate;
  const inGroupWithOutbox = db.transaction((ids: string[], n: number) => {
    for (let k = 0; k < ids.length; k++) body(ids[k], n + k, true);
  }).immediate;
  return { one: inOne, group: inGroup, groupWithOutbox: inGroupWithOutbox, close: () => db.close() };
}

interface Tally {
  count: number;
  ms: number;
}

/** Runs `step` (which reports how many events it did) until `ms` have passed, adding to `tally`. */
async function slice(tally: Tally, ms: number, step: (n: number) => Promise<number> | number): Promise<void> {
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    for (let k = 0; k < 10; k++) tally.count += await step(tally.count);
  }
  tally.ms += performance.now() - start;
}

/** Like `slice`, with `inFlight` workers, each on its own instances (no version conflicts, as over HTTP). */
async function concurrentSlice(
  tally: Tally,
  ms: number,
  inFlight: number,
  ids: string[],
  apply: (id: string, n: number) => Promise<unknown>,
): Promise<void> {
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      const mine = ids.filter((_id, index) => index % inFlight === worker);
      for (let k = 0; performance.now() < end; k++) {
        await apply(mine[k % mine.length], tally.count);
        tally.count++;
      }
    }),
  );
  tally.ms += performance.now() - start;
}

const perSecond = (tally: Tally) => (tally.count * 1000) / tally.ms;

/**
 * One paired round: the measure and its baseline back to back, the baseline first in even rounds and
 * second in odd ones, so that a machine speeding up or slowing down favours neither; their rates' ratio.
 */
async function pairedRatio(round: number, measure: () => Promise<number>, baseline: () => Promise<number>): Promise<number> {
  if (round % 2 === 0) {
    const baselineRate = await baseline();
    return (await measure()) / baselineRate;
  }
  const measureRate = await measure();
  return measureRate / (await baseline());
}

/**
 * `inFlight` workers, each creating a draft tender and applying one event to it, until `ms` have
 * passed; `tally` counts events (two per pair: the creation and the event).
 */
async function pairSlice(tally: Tally, ms: number, inFlight: number, pair: (n: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await pair(tally.count);
        tally.count += 2;
      }
    }),
  );
  tally.ms += performance.now() - start;
}

/**
 * 1. Persisted events per second through InstanceCommandsService.apply (no HTTP) on a temporary SQLite file,
 * sequentially and with many events in flight, against better-sqlite3 inserting one row per transaction.
 * The phases are interleaved in rounds, so that a noisy neighbour hits the baseline and the engine alike.
 */
export async function runEngineBenchmark(context: BenchContext): Promise<BenchmarkOutput> {
  const settings = loadSettings();
  const rounds = settings.engineRounds;
  const sliceMs = (settings.engineSeconds * 1000) / rounds;
  const dir = context.tmpDir('engine');
  const service = await startService(dir);
  const baseline = insertBaseline(join(dir, 'baseline.sqlite'));
  const fullSync = insertBaseline(join(dir, 'baseline-full.sqlite'), 'FULL');
  let raw: ReturnType<typeof rawApply> | undefined;
  try {
    const engine = service.engine;
    context.log(`creating ${settings.instances} draft tenders`);
    const ids = await createDraftTenders(engine, settings.instances);
    // The floor writes behind the engine's back: it gets instances of its own, which the engine never touches again.
    const rawIds = await createDraftTenders(engine, settings.instances);
    const apply = (id: string, n: number) => engine.apply(id, updateDraft(n), BENCH_ACTOR);
    raw = rawApply(service.databasePath);
    const inFlight = Math.min(settings.inFlight, ids.length);
    const groups = Array.from({ length: Math.ceil(rawIds.length / GROUP) }, (_, g) => rawIds.slice(g * GROUP, (g + 1) * GROUP));

    // Warm-up (JIT, SQLite cache): every phase for a moment.
    for (let i = 0; i < Math.max(ids.length, 500); i++) await apply(ids[i % ids.length], i);
    for (let i = 0; i < 2000; i++) baseline.one(i);
    for (let i = 0; i < 200; i++) fullSync.one(i);
    for (let i = 0; i < 500; i++) raw.one(rawIds[i % rawIds.length], i);

    const tallies = {
      baseline: { count: 0, ms: 0 },
      sequential: { count: 0, ms: 0 },
      concurrent: { count: 0, ms: 0 },
      raw: { count: 0, ms: 0 },
      grouped: { count: 0, ms: 0 },
      fullSync: { count: 0, ms: 0 },
      withEffect: { count: 0, ms: 0 },
      withoutEffect: { count: 0, ms: 0 },
      rawOutbox: { count: 0, ms: 0 },
      rawPlain: { count: 0, ms: 0 },
    };
    const outboxFloorRatios: number[] = [];
    // The outbox's cost: a creation and a CANCEL (whose effect, tenderCancelled, is one outbox row
    // written in the event's transaction, then taken up by the dispatcher) against a creation and an
    // UPDATE_DRAFT (no effect: no outbox statement), back to back in each round.
    const cancelPair = async (n: number) => {
      const created = await engine.create('tender', tenderInput({ title: `Bench pair ${n}` }), BENCH_ACTOR);
      await engine.apply(created.id, { type: 'CANCEL', payload: { reason: 'Benchmark' } }, BENCH_ACTOR);
    };
    const draftPair = async (n: number) => {
      const created = await engine.create('tender', tenderInput({ title: `Bench pair ${n}` }), BENCH_ACTOR);
      await engine.apply(created.id, updateDraft(n), BENCH_ACTOR);
    };
    const effectRatios: number[] = [];
    context.log(
      `${rounds} rounds of: sequential, baseline and ${inFlight} in flight (in turn first), raw SQL floor, grouped floor (${Math.round(sliceMs)} ms each), synchronous=FULL, create + CANCEL and create + UPDATE_DRAFT (in turn first)`,
    );
    // The baseline and the 50 in flight run back to back (in turn first), so that each round gives a
    // ratio measured at one speed of the machine.
    const pairedRatios: number[] = [];
    const rate = async (tally: Tally, run: () => Promise<void>) => {
      const before = { ...tally };
      await run();
      return ((tally.count - before.count) * 1000) / (tally.ms - before.ms);
    };
    for (let round = 0; round < rounds; round++) {
      await slice(tallies.sequential, sliceMs, async (n) => (await apply(ids[n % ids.length], n), 1));
      const runBaseline = () => rate(tallies.baseline, () => slice(tallies.baseline, sliceMs, (n) => (baseline.one(n), 1)));
      const runConcurrent = () => rate(tallies.concurrent, () => concurrentSlice(tallies.concurrent, sliceMs, inFlight, ids, apply));
      pairedRatios.push(await pairedRatio(round, runConcurrent, runBaseline));
      const r = raw;
      await slice(tallies.raw, sliceMs, (n) => (r.one(rawIds[n % rawIds.length], n), 1));
      await slice(tallies.grouped, sliceMs, (n) => {
        const group = groups[Math.floor(n / GROUP) % groups.length];
        r.group(group, n);
        return group.length;
      });
      await slice(tallies.fullSync, sliceMs / 2, (n) => (fullSync.one(n), 1));
      const runWith = () => rate(tallies.withEffect, () => pairSlice(tallies.withEffect, sliceMs / 2, inFlight, cancelPair));
      const runWithout = () => rate(tallies.withoutEffect, () => pairSlice(tallies.withoutEffect, sliceMs / 2, inFlight, draftPair));
      effectRatios.push(await pairedRatio(round, runWith, runWithout));
      // The outbox statement alone: the floor's SQL in groups, with and without one outbox row per apply.
      const groupSlice = (tally: Tally, withOutbox: boolean) =>
        slice(tally, sliceMs / 2, (n) => {
          const group = groups[Math.floor(n / GROUP) % groups.length];
          if (withOutbox) r.groupWithOutbox(group, n);
          else r.group(group, n);
          return group.length;
        });
      const runRawOutbox = () => rate(tallies.rawOutbox, () => groupSlice(tallies.rawOutbox, true));
      const runRawPlain = () => rate(tallies.rawPlain, () => groupSlice(tallies.rawPlain, false));
      outboxFloorRatios.push(await pairedRatio(round, runRawOutbox, runRawPlain));
    }
    const baselineSpec = { label: 'better-sqlite3 direct, 1 row/transaction', value: perSecond(tallies.baseline), unit: 'rows/s' };
    const common = { instances: ids.length, rounds, baselineRows: tallies.baseline.count };
    context.log(
      `baseline ${Math.round(perSecond(tallies.baseline))} rows/s; engine ${Math.round(perSecond(tallies.sequential))} events/s sequential, ${Math.round(perSecond(tallies.concurrent))} in flight; ratio per round ${pairedRatios.map((ratio) => ratio.toFixed(2)).join(', ')}; with an effect against without, per round ${effectRatios.map((ratio) => ratio.toFixed(2)).join(', ')}; floor with an outbox row against without ${outboxFloorRatios.map((ratio) => ratio.toFixed(2)).join(', ')}`,
    );

    return {
      rows: [
        row({
          benchmark: 'engine',
          measure: `InstanceCommandsService.apply, ${inFlight} in flight`,
          value: perSecond(tallies.concurrent),
          unit: 'events/s',
          baseline: baselineSpec,
          target: { op: '>=', limit: 0.5 },
          pairedRatios,
          notes: [
            `ratio: the median of ${rounds} paired rounds (value and baseline are the totals over all rounds)`,
            `the service's database: ${durabilityOf(service)}; the baseline stays synchronous=NORMAL`,
          ],
          details: { ...common, inFlight, events: tallies.concurrent.count, ms: Math.round(tallies.concurrent.ms), pairedRatios },
        }),
        row({
          benchmark: 'engine',
          measure: 'sequential (info): InstanceCommandsService.apply, one caller',
          value: perSecond(tallies.sequential),
          unit: 'events/s',
          baseline: baselineSpec,
          notes: [
            'a lone caller waits for the COMMIT of each of its events, so it pays one commit per event (the first floor row shows what that SQL alone reaches); the target applies to commands in flight, as a service serves them',
          ],
          details: {
            ...common,
            events: tallies.sequential.count,
            ms: Math.round(tallies.sequential.ms),
            meanMsPerEvent: tallies.sequential.ms / tallies.sequential.count,
          },
        }),
        row({
          benchmark: 'engine',
          measure: 'floor (info): the SQL of one apply, raw, 1 per transaction',
          value: perSecond(tallies.raw),
          unit: 'events/s',
          baseline: baselineSpec,
          notes: [
            'the floor rows run the statements one apply on a warm instance issues (savepoint, compare-and-set, append) straight through better-sqlite3, with no engine code: an upper bound for the current data model',
          ],
          details: { ...common, events: tallies.raw.count },
        }),
        row({
          benchmark: 'engine',
          measure: `floor (info): the same SQL, ${GROUP} applies per transaction`,
          value: perSecond(tallies.grouped),
          unit: 'events/s',
          baseline: baselineSpec,
          details: { ...common, events: tallies.grouped.count, group: GROUP },
        }),
        row({
          benchmark: 'engine',
          measure: `outbox (info): create + CANCEL (one outbox row), ${inFlight} in flight`,
          value: perSecond(tallies.withEffect),
          unit: 'events/s',
          baseline: { label: 'create + UPDATE_DRAFT (no effect)', value: perSecond(tallies.withoutEffect), unit: 'events/s' },
          pairedRatios: effectRatios,
          notes: [
            "what an event's effect costs: its outbox row written in the event's transaction and the dispatcher taking it up (no subscriber), against an event without effect (no outbox statement); median of paired rounds",
          ],
          details: { withEffect: tallies.withEffect.count, withoutEffect: tallies.withoutEffect.count, effectRatios },
        }),
        row({
          benchmark: 'engine',
          measure: `outbox (info): the floor SQL of one apply plus one outbox row, ${GROUP} applies per transaction`,
          value: perSecond(tallies.rawOutbox),
          unit: 'events/s',
          baseline: { label: 'the same SQL without the outbox row', value: perSecond(tallies.rawPlain), unit: 'events/s' },
          pairedRatios: outboxFloorRatios,
          notes: [
            "the outbox statement's own cost, without the engine: the statements of one apply with the INSERT of one outbox row, against the same without it, grouped as the service commits; median of paired rounds",
          ],
          details: { withOutbox: tallies.rawOutbox.count, without: tallies.rawPlain.count, outboxFloorRatios },
        }),
        row({
          benchmark: 'engine',
          measure: 'durability (info): the baseline with synchronous=FULL',
          value: perSecond(tallies.fullSync),
          unit: 'rows/s',
          baseline: { label: 'the same with synchronous=NORMAL', value: perSecond(tallies.baseline), unit: 'rows/s' },
          notes: [
            'synchronous=FULL (an fsync of the WAL at every commit) is what surviving a power cut costs a lone commit; the service runs FULL by default (SQLITE_DURABILITY), its group commit sharing one sync among the commands of a group',
          ],
          details: { rows: tallies.fullSync.count, ms: Math.round(tallies.fullSync.ms) },
        }),
      ],
    };
  } finally {
    raw?.close();
    baseline.close();
    fullSync.close();
    await service.close();
  }
}
