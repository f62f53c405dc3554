import { startBaselineApp } from './lib/baseline-app';
import { type LoadSpec, type RawLoad, runLoad, summarise } from './lib/load-worker';
import { type BenchContext, type BenchmarkOutput, row } from './lib/report';
import { BENCH_TOKEN, createDraftTenders, durabilityOf, listeningUrl, startService } from './lib/service';
import { loadSettings } from './lib/settings';

const BODY = JSON.stringify({ type: 'UPDATE_DRAFT', object: 'Two groups of 10 to 12 women, revision {n}' });
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` };

/**
 * 2. Events per second through POST /api/instances/:id/events (autocannon on loopback, in a worker
 * thread), spread over many instances, against a bare NestJS route on the same Fastify adapter.
 */
export async function runHttpBenchmark(context: BenchContext): Promise<BenchmarkOutput> {
  const settings = loadSettings();
  const notes: string[] = [];
  const rounds = settings.httpRounds;
  const sliceSeconds = Math.max(1, Math.round(settings.httpSeconds / rounds));

  // Both servers run side by side in this process; the load alternates between them in rounds, so
  // that a noisy neighbour hits both alike.
  const baselineApp = await startBaselineApp(256 * 1024);
  const service = await startService(context.tmpDir('http'), { listen: true });
  const durability = durabilityOf(service);
  const raws: { baseline: RawLoad[]; service: RawLoad[] } = { baseline: [], service: [] };
  const rates: { baseline: number[]; service: number[] } = { baseline: [], service: [] };
  let specs: { baseline: Omit<LoadSpec, 'seconds'>; service: Omit<LoadSpec, 'seconds'> };
  try {
    context.log(`creating ${settings.instances} draft tenders`);
    const ids = await createDraftTenders(service.engine, settings.instances);
    const common = {
      pathTemplate: '/api/instances/:id/events',
      bodyTemplate: BODY,
      headers: HEADERS,
      connections: settings.httpConnections,
    };
    specs = {
      baseline: { ...common, url: listeningUrl(baselineApp), ids: ['00000000-0000-4000-8000-000000000000'] },
      service: { ...common, url: listeningUrl(service.app), ids },
    };
    if (settings.httpWarmupSeconds > 0) {
      for (const spec of [specs.baseline, specs.service]) await runLoad({ ...spec, seconds: settings.httpWarmupSeconds });
    }
    context.log(
      `${rounds} rounds of ${sliceSeconds} s on the bare route and ${sliceSeconds} s on the service (in turn first); ${settings.httpConnections} connections`,
    );
    const measure = async (side: 'baseline' | 'service') => {
      const raw = await runLoad({ ...specs[side], seconds: sliceSeconds });
      raws[side].push(raw);
      rates[side].push(summarise([raw], specs[side]).perSecond);
    };
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? (['baseline', 'service'] as const) : (['service', 'baseline'] as const)) await measure(side);
    }
  } finally {
    await service.close();
    await baselineApp.close();
  }
  const baseline = summarise(raws.baseline, specs.baseline);
  const real = summarise(raws.service, specs.service);
  context.log(`bare route ${Math.round(baseline.perSecond)} req/s, p99 ${baseline.latencyMs.p99} ms`);
  context.log(
    `service ${Math.round(real.perSecond)} events/s, p99 ${real.latencyMs.p99} ms, non-2xx ${real.non2xx}, errors ${real.errors}`,
  );
  if (real.non2xx > 0 || real.errors > 0) {
    notes.push(
      `the service answered ${real.non2xx} non-2xx responses and ${real.errors} errors (${JSON.stringify(real.statusCodes)}); only 2xx are counted`,
    );
  }

  const pairedRatios = rates.service.map((rate, round) => rate / rates.baseline[round]);
  context.log(`ratio per round: ${pairedRatios.map((ratio) => ratio.toFixed(2)).join(', ')}`);
  const baselineSpec = { label: 'bare NestJS route, constant JSON, same adapter', value: baseline.perSecond, unit: 'req/s' };
  return {
    rows: [
      row({
        benchmark: 'http',
        measure: `POST /api/instances/:id/events, ${settings.httpConnections} connections`,
        value: real.perSecond,
        unit: 'events/s',
        baseline: baselineSpec,
        target: { op: '>=', limit: 0.5 },
        pairedRatios,
        notes: [
          `ratio: the median of ${rounds} paired rounds (value and baseline are the totals over all rounds)`,
          `the service's database: ${durability}`,
        ],
        details: {
          service: real,
          baseline,
          instances: settings.instances,
          rounds,
          secondsPerRound: sliceSeconds,
          serviceRates: rates.service,
          baselineRates: rates.baseline,
        },
      }),
      row({
        benchmark: 'http',
        measure: 'p99 latency of those events',
        value: real.latencyMs.p99,
        unit: 'ms',
        baseline: { label: 'p99 of the bare route', value: baseline.latencyMs.p99, unit: 'ms' },
        details: { service: real.latencyMs, baseline: baseline.latencyMs },
      }),
    ],
    notes,
  };
}
