import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { AuditService } from '../src/audit/audit.service';
import type { HistoryEvent } from '../src/audit/history.util';
import { historyEventFromRow } from '../src/audit/history.util';
import { decider } from '../src/engine/decider';
import { MachineCatalogue } from '../src/engine/machine-catalogue';
import { Database } from '../src/persistence/database';
import { EventEntity } from '../src/persistence/entities/event.entity';
import { completeDocuments } from '../test/support/seed-001';
import { type BenchContext, type BenchmarkRow, row } from './lib/report';
import { BENCH_ACTOR, startService, tenderInput } from './lib/service';

/**
 * 7. Replay rate for auditors: events per second that `AuditService.verifyAll` gets through, reading
 * from the database (SQLite file) in batches, recomputing every hash of the chain, replaying every
 * event through the pinned machine and comparing the stored snapshot, against the same events folded
 * through the decider in memory (`decider.start` + `decider.fold`, nothing else), in the same
 * run, in alternating rounds (best of each). Target: ratio >= 0.5. Knob: BENCH_REPLAY_INSTANCES (default 200 tenders of 13 events).
 */

export interface ReplayBenchmarkResult {
  rows: BenchmarkRow[];
  notes: string[];
}

const ROUND_MS = 1_000;
const ROUNDS = 5;

/** Seed 001 from draft to closed: 13 events per tender, each through InstanceCommandsService (hash-chained). */
function lifecycle(): { type: string; at: string; payload: Record<string, unknown> }[] {
  const bid = (name: string, identifier: string, price: number, at: string) => ({
    type: 'SUBMIT_BID',
    at,
    payload: {
      bidder: { name, identifier },
      priceExclVatCents: Math.round(price / 1.2),
      priceInclVatCents: price,
      documents: completeDocuments,
    },
  });
  return [
    { type: 'PUBLISH', at: '2022-07-04T09:00:00+02:00', payload: {} },
    bid('Coaching Coop', '11111111100011', 3_800_000, '2022-07-20T14:00:00+02:00'),
    bid('Insertion Conseil', '33333333300033', 3_500_000, '2022-08-01T11:00:00+02:00'),
    { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00', payload: {} },
    { type: 'SCORE_BID', at: '2022-08-10T09:00:00+02:00', payload: { bidId: 'B1', scores: { technical: 80 } } },
    { type: 'SCORE_BID', at: '2022-08-10T10:00:00+02:00', payload: { bidId: 'B2', scores: { technical: 60 } } },
    { type: 'ATTRIBUTE', at: '2022-08-24T09:00:00+02:00', payload: { bidId: 'B1' } },
    { type: 'START_DELIVERY', at: '2022-09-19T09:00:00+02:00', payload: {} },
    { type: 'COMPLETE_DELIVERY', at: '2022-12-09T17:00:00+01:00', payload: {} },
    {
      type: 'RECORD_END_EVALUATION',
      at: '2022-12-15T10:00:00+01:00',
      payload: { questionnaireResult: '18 of 22 satisfied', verbalExchangeNotes: 'Debrief' },
    },
    { type: 'SIX_MONTH_EVALUATION_DUE', at: '2023-03-19T09:00:00+01:00', payload: {} },
    {
      type: 'RECORD_SIX_MONTH_EVALUATION',
      at: '2023-03-27T10:00:00+02:00',
      payload: { questionnaireResult: '7 in employment or training' },
    },
  ];
}

/** Events per second of one timed round: `work` (one pass over every event) repeated for about ROUND_MS. */
async function roundRate(events: number, work: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  let passes = 0;
  do {
    await work();
    passes++;
  } while (performance.now() - start < ROUND_MS);
  return (passes * events * 1000) / (performance.now() - start);
}

/** The pure fold (the decider every path uses): what replay costs with no database, no hashes, no checks. */
function foldInMemory(catalogue: MachineCatalogue, histories: { kind: string; machineVersion: number; events: HistoryEvent[] }[]): number {
  let states = 0;
  for (const history of histories) {
    const definition = catalogue.pinned(history);
    const started = decider.start(definition, (history.events[0].payload as { input: Record<string, unknown> }).input);
    if (!started.ok) throw new Error(started.reason);
    let snapshot: AnyMachineSnapshot = started.next;
    for (let index = 1; index < history.events.length; index++) {
      const event = history.events[index];
      const folded = decider.fold(definition, snapshot, { ...(event.payload as object), type: event.type, at: event.at });
      if (!folded.ok) throw new Error(folded.reason);
      snapshot = folded.next;
    }
    if (snapshot.status === 'done') states++;
  }
  return states;
}

/** The same fold through XState's public `transition()` (a throw-away actor per call): the baseline before the decider. */
function foldWithPublicTransition(
  catalogue: MachineCatalogue,
  histories: { kind: string; machineVersion: number; events: HistoryEvent[] }[],
): number {
  let states = 0;
  for (const history of histories) {
    const { machine } = catalogue.pinned(history);
    let snapshot: AnyMachineSnapshot = initialTransition(machine, (history.events[0].payload as { input: unknown }).input)[0];
    for (let index = 1; index < history.events.length; index++) {
      const event = history.events[index];
      snapshot = transition(machine, snapshot, { ...(event.payload as object), type: event.type, at: event.at })[0];
    }
    if (snapshot.status === 'done') states++;
  }
  return states;
}

export async function runReplayBenchmark(context?: BenchContext): Promise<ReplayBenchmarkResult> {
  const log = context?.log ?? ((message: string) => console.error(`[replay] ${message}`));
  const ownDir = context ? undefined : mkdtempSync(join(tmpdir(), 'replay-bench-'));
  const dir = context ? context.tmpDir('replay') : ownDir!;
  const count = Number(process.env.BENCH_REPLAY_INSTANCES ?? 200);
  if (!Number.isInteger(count) || count < 1) throw new Error('BENCH_REPLAY_INSTANCES must be a positive integer');

  const service = await startService(dir);
  try {
    const { engine } = service;
    const audit = service.app.get(AuditService);
    const catalogue = service.app.get(MachineCatalogue);
    const database = service.app.get(Database);

    log(`seeding ${count} tenders of 13 events through InstanceCommandsService`);
    const steps = lifecycle();
    for (let i = 0; i < count; i++) {
      const { id } = await engine.create('tender', tenderInput({ title: `Replay tender ${i}` }), BENCH_ACTOR, {
        at: '2022-06-27T09:00:00+02:00',
      });
      for (const step of steps) await engine.apply(id, { type: step.type, at: step.at, payload: step.payload }, BENCH_ACTOR);
    }

    // The same events, in memory, for the baseline (read once, outside the timing).
    const rows = await database.read((manager) => manager.find(EventEntity, { order: { instanceId: 'ASC', seq: 'ASC' } }));
    const byInstance = new Map<string, HistoryEvent[]>();
    for (const eventRow of rows) {
      const list = byInstance.get(eventRow.instanceId) ?? [];
      list.push(historyEventFromRow(eventRow));
      byInstance.set(eventRow.instanceId, list);
    }
    const machineVersion = catalogue.latest('tender')!.version;
    const histories = [...byInstance.values()].map((events) => ({ kind: 'tender', machineVersion, events }));
    const events = rows.length;

    // Sanity and warm-up: every history verifies, every fold ends closed.
    const summary = await audit.verifyAll();
    if (!summary.ok || summary.events !== events)
      throw new Error(`verifyAll did not verify the seeded histories: ${JSON.stringify(summary.failures[0])}`);
    if (foldInMemory(catalogue, histories) !== count) throw new Error('the in-memory fold did not close every tender');

    // Rounds alternate (baseline, replay, baseline, …) and the best of each is kept, so that a burst of
    // load from elsewhere on the machine does not land on one side only.
    log(
      `baseline (pure fold in memory) and replay (AuditService.verifyAll from SQLite), ${events} events, ${ROUNDS} alternating rounds of ${ROUND_MS} ms`,
    );
    let baselineEventsPerSecond = 0;
    let eventsPerSecond = 0;
    let publicEventsPerSecond = 0;
    for (let round = 0; round < ROUNDS; round++) {
      baselineEventsPerSecond = Math.max(baselineEventsPerSecond, await roundRate(events, () => void foldInMemory(catalogue, histories)));
      publicEventsPerSecond = Math.max(
        publicEventsPerSecond,
        await roundRate(events, () => void foldWithPublicTransition(catalogue, histories)),
      );
      eventsPerSecond = Math.max(
        eventsPerSecond,
        await roundRate(events, async () => {
          const result = await audit.verifyAll();
          if (!result.ok) throw new Error('a history stopped verifying');
        }),
      );
    }

    const result = row({
      benchmark: 'replay',
      measure: 'verify all histories from the database (hash checks + replay)',
      value: eventsPerSecond,
      unit: 'events/s',
      baseline: { label: 'pure fold of the same events in memory', value: baselineEventsPerSecond, unit: 'events/s' },
      target: { op: '>=', limit: 0.5 },
      details: { instances: count, events, eventsPerInstance: events / count, roundMs: ROUND_MS, rounds: ROUNDS },
    });
    const folds = row({
      benchmark: 'replay',
      measure: "fold (info): the decider's fold of the same events, in memory",
      value: baselineEventsPerSecond,
      unit: 'events/s',
      baseline: { label: "XState's public transition(), a throw-away actor per call", value: publicEventsPerSecond, unit: 'events/s' },
    });
    const againstPublic = row({
      benchmark: 'replay',
      measure: 'verify (info): the verify rate above',
      value: eventsPerSecond,
      unit: 'events/s',
      baseline: {
        label: "XState's public transition() fold (the baseline before the decider)",
        value: publicEventsPerSecond,
        unit: 'events/s',
      },
    });
    return {
      rows: [result, folds, againstPublic],
      notes: [
        "replay: the target row's baseline is the decider's own fold (the one every path uses), faster than XState's public transition(); the info rows compare both folds",
      ],
    };
  } finally {
    await service.close();
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runReplayBenchmark()
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
