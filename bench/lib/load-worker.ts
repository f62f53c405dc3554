/**
 * Runs autocannon in a worker thread, so that the load generator has its own event loop (and core)
 * instead of sharing the server's. POSTs events to /api/instances/:id/events, rotating the ids.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  /** Path with `:id` replaced by the next id, round robin. */
  pathTemplate: string;
  ids: string[];
  /** The JSON body; `{n}` is replaced by a request counter. */
  bodyTemplate: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
}

/** What one run in a worker sends back: autocannon's raw result (histograms still encoded). */
export type RawLoad = unknown;

function options(spec: LoadSpec): autocannon.Options {
  let n = 0;
  return {
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        method: 'POST',
        headers: spec.headers,
        setupRequest: (request) => {
          const i = n++;
          request.path = spec.pathTemplate.replace(':id', spec.ids[i % spec.ids.length]);
          request.body = spec.bodyTemplate.replace('{n}', String(i));
          return request;
        },
      },
    ],
  };
}

/** Runs one load in a worker thread; resolves with autocannon's raw result. */
export function runLoad(spec: LoadSpec): Promise<RawLoad> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: spec });
    worker.once('message', (message: { raw?: RawLoad; error?: string }) => {
      if (message.error) reject(new Error(message.error));
      else resolve(message.raw);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

/** Merges the raw results of several runs against the same server (histograms added) into one summary. */
export function summarise(raws: RawLoad[], spec: Pick<LoadSpec, 'url' | 'connections'>): LoadResult {
  const result = autocannon.aggregateResult(raws, { url: spec.url, connections: spec.connections });
  const seconds = (raws as { duration: number }[]).reduce((sum, raw) => sum + raw.duration, 0);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count;
  return {
    requests: result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'],
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    perSecond: result['2xx'] / seconds,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    statusCodes,
  };
}

if (parentPort && workerData) {
  autocannon(options(workerData as LoadSpec)).then(
    (raw) => parentPort!.postMessage({ raw }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
}
