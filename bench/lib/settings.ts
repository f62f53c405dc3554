/** The knobs of `npm run bench`, from environment variables (defaults keep the whole run to a few minutes). */

function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max} (got ${raw})`);
  return value;
}

export interface BenchSettings {
  /** Seconds each engine phase (baseline, sequential, concurrent) runs. */
  engineSeconds: number;
  /** The engine phases are interleaved in this many rounds (each phase runs engineSeconds / rounds at a time). */
  engineRounds: number;
  /** Instances the engine and HTTP benchmarks spread their events over. */
  instances: number;
  /** Events in flight in the concurrent engine phase. */
  inFlight: number;
  /** Seconds of load on each of the bare route and the service (after a warm-up of `httpWarmupSeconds`). */
  httpSeconds: number;
  httpWarmupSeconds: number;
  /** The load alternates between the bare route and the service in this many rounds (httpSeconds / rounds each). */
  httpRounds: number;
  httpConnections: number;
  /** Deadlines due at the same instant (the issue asks for 100,000; 20,000 by default to keep the run short). */
  deadlines: number;
  /** Deadlines spread over `latenessSeconds` on the real clock, for lateness. */
  latenessCount: number;
  latenessSeconds: number;
  /** Stored instances of the two scale datasets. */
  scaleSmall: number;
  scaleLarge: number;
  /** Start-ups per dataset (the median is reported). */
  scaleRuns: number;
}

export function loadSettings(): BenchSettings {
  return {
    engineSeconds: int('BENCH_ENGINE_SECONDS', 8, 1, 600),
    engineRounds: int('BENCH_ENGINE_ROUNDS', 8, 1, 100),
    instances: int('BENCH_INSTANCES', 200, 1, 100_000),
    inFlight: int('BENCH_IN_FLIGHT', 50, 1, 10_000),
    httpSeconds: int('BENCH_HTTP_SECONDS', 8, 1, 600),
    httpWarmupSeconds: int('BENCH_HTTP_WARMUP_SECONDS', 1, 0, 60),
    httpRounds: int('BENCH_HTTP_ROUNDS', 8, 1, 60),
    httpConnections: int('BENCH_HTTP_CONNECTIONS', 50, 1, 10_000),
    deadlines: int('BENCH_DEADLINES', 20_000, 10, 10_000_000),
    latenessCount: int('BENCH_LATENESS_COUNT', 1_000, 1, 1_000_000),
    latenessSeconds: int('BENCH_LATENESS_SECONDS', 20, 1, 3_600),
    scaleSmall: int('BENCH_SCALE_SMALL', 10_000, 1, 100_000_000),
    scaleLarge: int('BENCH_SCALE_LARGE', 1_000_000, 1, 100_000_000),
    scaleRuns: int('BENCH_SCALE_RUNS', 3, 1, 50),
  };
}
