import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DeadlineScheduler } from '../src/scheduler/deadline-scheduler.service';
import { cloneInstance, readSnapshot, snapshotWithContext } from './lib/dataset';
import { type BenchContext, type BenchmarkOutput, type BenchmarkRow, row } from './lib/report';
import { BENCH_ACTOR, startService, tenderInput, updateDraft } from './lib/service';
import { loadSettings } from './lib/settings';
import { percentile, sleep } from './lib/stats';

const FULL_DEADLINES = 100_000;
const FULL_SPREAD_SECONDS = 60;
/** Seed 001's bid deadline: long past, so every copy's CLOSE_BIDS is due at this same instant. */
const DUE = '2022-08-05T21:59:59.000Z';
const DAY_MS = 86_400_000;

/**
 * 3a. N deadlines due at the same instant: the time DeadlineScheduler.fireDue takes to fire them all,
 * against the time to apply N ordinary events (UPDATE_DRAFT, sequentially) in the same run.
 */
async function fireAtOnce(context: BenchContext, count: number): Promise<BenchmarkRow> {
  const dir = context.tmpDir('fire');
  const path = join(dir, 'engine.sqlite');

  let service = await startService(dir, { databasePath: path });
  const published = await service.engine.create(
    'tender',
    tenderInput({ bidDeadline: DUE, decisionDate: '2022-08-25T16:00:00.000Z' }),
    BENCH_ACTOR,
    {
      at: '2022-06-27T07:00:00.000Z',
    },
  );
  await service.engine.apply(published.id, { type: 'PUBLISH', at: '2022-06-28T07:00:00.000Z', payload: {} }, BENCH_ACTOR);
  const draft = await service.engine.create('tender', tenderInput(), BENCH_ACTOR);
  const spare = await service.engine.create('tender', tenderInput(), BENCH_ACTOR);
  await service.close();

  context.log(
    `copying ${count.toLocaleString('en-GB')} published tenders (CLOSE_BIDS due ${DUE}) and ${count.toLocaleString('en-GB')} drafts`,
  );
  cloneInstance(path, published.id, count - 1);
  const draftIds = [draft.id, ...cloneInstance(path, draft.id, count - 1, { collectIds: true })];

  service = await startService(dir, { databasePath: path });
  try {
    // Warm-up (JIT, SQLite cache) on an instance that is not measured.
    for (let i = 0; i < 500; i++) await service.engine.apply(spare.id, updateDraft(i), BENCH_ACTOR);

    context.log(`applying ${count.toLocaleString('en-GB')} ordinary events (UPDATE_DRAFT, one per draft, sequentially)`);
    const applyStart = performance.now();
    for (let i = 0; i < draftIds.length; i++) await service.engine.apply(draftIds[i], updateDraft(i), BENCH_ACTOR);
    const applyMs = performance.now() - applyStart;

    context.log(`firing ${count.toLocaleString('en-GB')} deadlines due at the same instant (DeadlineScheduler.fireDue)`);
    const scheduler = service.app.get(DeadlineScheduler);
    const fireStart = performance.now();
    const fired = await scheduler.fireDue(new Date(), service.config.scheduler.batchSize);
    const fireMs = performance.now() - fireStart;
    const applied = fired.filter((f) => f.outcome === 'applied').length;
    if (applied !== count) throw new Error(`fireDue applied ${applied} of ${count} deadlines (${fired.length} fired)`);
    context.log(`apply ${Math.round(applyMs)} ms, fire ${Math.round(fireMs)} ms`);

    return row({
      benchmark: 'deadlines',
      measure: `fire ${count.toLocaleString('en-GB')} deadlines due at once (fireDue)`,
      value: fireMs / 1000,
      unit: 's',
      baseline: { label: `apply ${count.toLocaleString('en-GB')} ordinary events`, value: applyMs / 1000, unit: 's' },
      target: { op: '<=', limit: 2 },
      notes:
        count < FULL_DEADLINES
          ? [`scaled down to ${count.toLocaleString('en-GB')} deadlines; BENCH_DEADLINES=${FULL_DEADLINES} for the issue's 100,000`]
          : [],
      details: {
        deadlines: count,
        fireMs: Math.round(fireMs),
        applyMs: Math.round(applyMs),
        firedPerSecond: (count * 1000) / fireMs,
        appliedPerSecond: (count * 1000) / applyMs,
        batchSize: service.config.scheduler.batchSize,
      },
    });
  } finally {
    await service.close();
  }
}

/**
 * 3b. Lateness on the real clock: `count` deadlines spread over `seconds`, fired by the service's own
 * SchedulerLoop (SCHEDULER on); lateness = recordedAt − at of each fired event. The baseline is a bare
 * setTimeout armed for each of the same instants in the same process.
 */
async function lateness(context: BenchContext, count: number, seconds: number): Promise<BenchmarkRow[]> {
  const dir = context.tmpDir('lateness');
  const path = join(dir, 'engine.sqlite');
  const service = await startService(dir, { databasePath: path, env: { SCHEDULER: 'on' } });
  try {
    const far = Date.now() + 365 * DAY_MS;
    const template = await service.engine.create(
      'tender',
      tenderInput({ bidDeadline: new Date(far).toISOString(), decisionDate: new Date(far + 30 * DAY_MS).toISOString() }),
      BENCH_ACTOR,
    );
    await service.engine.apply(template.id, { type: 'PUBLISH', payload: {} }, BENCH_ACTOR);
    const snapshot = readSnapshot(path, template.id);

    const start = Date.now() + 2_000;
    const dues = Array.from({ length: count }, (_, i) => new Date(start + Math.round((i * seconds * 1000) / count)).toISOString());
    const timerLateness: number[] = [];
    for (const due of dues) {
      const at = Date.parse(due);
      setTimeout(() => timerLateness.push(Date.now() - at), at - Date.now());
    }
    // Copies of the published template, each with its own bid deadline (in the snapshot and the deadline row).
    cloneInstance(path, template.id, count, {
      snapshotFor: (i) => snapshotWithContext(snapshot, { bidDeadline: dues[i] }),
      dueAtFor: (i) => dues[i],
    });
    context.log(
      `${count.toLocaleString('en-GB')} deadlines due over ${seconds} s from ${new Date(start).toISOString()}; waiting for the scheduler loop`,
    );

    const reader = new BetterSqlite3(path, { readonly: true });
    try {
      const query = reader.prepare("SELECT at, recorded_at AS recordedAt FROM events WHERE type = 'CLOSE_BIDS' AND actor = 'scheduler'");
      let firedRows: { at: string; recordedAt: string }[] = [];
      const giveUp = start + seconds * 1000 + 30_000;
      await sleep(Math.max(0, start + seconds * 1000 - Date.now()));
      while (Date.now() < giveUp) {
        firedRows = query.all() as { at: string; recordedAt: string }[];
        if (firedRows.length >= count) break;
        await sleep(100);
      }
      const lateMs = firedRows.map((r) => Date.parse(r.recordedAt) - Date.parse(r.at));
      const missing = count - firedRows.length;
      const spreadNote =
        seconds < FULL_SPREAD_SECONDS
          ? [`spread over ${seconds} s instead of the issue's 60 s; BENCH_LATENESS_SECONDS=60 for the full spread`]
          : [];
      const missingNote = missing > 0 ? [`${missing} deadline(s) had not fired 30 s after the last was due`] : [];
      const details = {
        deadlines: count,
        fired: firedRows.length,
        spreadSeconds: seconds,
        latenessMs: { p50: percentile(lateMs, 50), p90: percentile(lateMs, 90), p99: percentile(lateMs, 99), max: Math.max(...lateMs) },
        timerLatenessMs: { p50: percentile(timerLateness, 50), p99: percentile(timerLateness, 99), max: Math.max(...timerLateness) },
      };
      context.log(
        `lateness p50 ${details.latenessMs.p50} ms, p99 ${details.latenessMs.p99} ms (bare timer p99 ${details.timerLatenessMs.p99} ms)`,
      );
      return [
        row({
          benchmark: 'deadlines',
          measure: `lateness p50, ${count.toLocaleString('en-GB')} due over ${seconds} s (SchedulerLoop)`,
          value: percentile(lateMs, 50),
          unit: 'ms',
          baseline: { label: 'bare setTimeout at the same instants, p50', value: percentile(timerLateness, 50), unit: 'ms' },
          details,
        }),
        row({
          benchmark: 'deadlines',
          measure: `lateness p99, ${count.toLocaleString('en-GB')} due over ${seconds} s (SchedulerLoop)`,
          // A deadline that never fired counts as infinitely late.
          value: missing > 0 ? Infinity : percentile(lateMs, 99),
          unit: 'ms',
          baseline: { label: 'bare setTimeout at the same instants, p99', value: percentile(timerLateness, 99), unit: 'ms' },
          target: { on: 'value', op: '<', limit: 1000 },
          notes: [...spreadNote, ...missingNote],
          details,
        }),
      ];
    } finally {
      reader.close();
    }
  } finally {
    await service.close();
  }
}

/** 3. Deadlines (from the deadlines issue): many due at once, and lateness on the real clock. */
export async function runDeadlinesBenchmark(context: BenchContext): Promise<BenchmarkOutput> {
  const settings = loadSettings();
  const rows = [
    await fireAtOnce(context, settings.deadlines),
    ...(await lateness(context, settings.latenessCount, settings.latenessSeconds)),
  ];
  return { rows };
}
