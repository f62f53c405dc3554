import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

/**
 * The worker's code (a script, so that it runs the same from TypeScript sources and from dist/). It
 * opens its own connection to the database file and runs a PASSIVE checkpoint every `intervalMs`: the
 * committed pages of the WAL are copied into the database file and both are synced, without blocking
 * the writer. It tells the service once its first checkpoint has run, and how long each one took. A checkpoint that fails, or
 * one that stays busy `maxBusy` times in a row, ends the worker with the error, for the service to
 * log and restart it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// Errors reach the service as plain Errors: a SqliteError would lose its message on the way.
const fail = (what, error) => {
  throw new Error(what + ': ' + [error.code, error.message].filter(Boolean).join(' '));
};
let db;
let checkpoint;
try {
  const Driver = require(workerData.driver);
  db = new Driver(workerData.path, { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 0');
  checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
} catch (error) {
  fail('cannot open ' + workerData.path, error);
}
let runs = 0;
let busy = 0;
const run = () => {
  try {
    const started = process.hrtime.bigint();
    checkpoint.get();
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    parentPort.postMessage(runs === 0 ? { running: true, durationMs } : { durationMs });
    runs += 1;
    busy = 0;
  } catch (error) {
    // Busy (the writer restarting the log): the next tick tries again, unless it lasts.
    const transient = error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED';
    if (!transient) fail('a checkpoint failed', error);
    busy += 1;
    if (busy >= workerData.maxBusy) fail('checkpoints stayed busy ' + busy + ' times in a row', error);
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.postMessage({ stopped: true, runs });
});
`;

/** Busy checkpoints in a row that count as a failure (at 25 ms, about ten seconds). */
const MAX_BUSY_IN_A_ROW = 400;

/** The wait before a restart doubles from the first to the last, and stays there. */
const FIRST_RESTART_DELAY_MS = 100;
const LAST_RESTART_DELAY_MS = 30_000;

/**
 * Checkpoints SQLite's write-ahead log from a worker thread. In WAL mode with synchronous=NORMAL (relaxed) a
 * commit only appends to the WAL; the syncs happen at checkpoints, which SQLite otherwise runs inside
 * the commit that crosses 1,000 pages, on the thread that commits: a stall of several milliseconds
 * for every request waiting on that thread. Here they run beside it, every `intervalMs`, so the WAL
 * is synced at least as often as before (the connection's own checkpoint at 1,000 pages stays, as a
 * backstop that rarely has anything left to do).
 *
 * A worker that fails (the file cannot be opened, a checkpoint errs, the thread dies) is logged as an
 * error, with its reason, and started again after a wait that doubles up to 30 s; SQLite's own
 * checkpoints carry on meanwhile. A worker that ran for longer than that wait starts the count anew.
 */
export class WalCheckpointer {
  private readonly logger = new Logger('WalCheckpointer');
  private worker: Worker | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Failures since the last worker that lasted; sets the wait before the next start. */
  private failures = 0;
  private stopping = false;

  private constructor(
    private readonly path: string,
    private readonly intervalMs: number,
    private readonly onCheckpoint?: (durationMs: number) => void,
  ) {}

  /** `onCheckpoint` receives the duration of every checkpoint the worker runs (metrics). */
  static start(path: string, intervalMs: number, onCheckpoint?: (durationMs: number) => void): WalCheckpointer {
    const checkpointer = new WalCheckpointer(path, intervalMs, onCheckpoint);
    checkpointer.startWorker();
    return checkpointer;
  }

  private startWorker(): void {
    const startedAt = Date.now();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path: this.path, intervalMs: this.intervalMs, maxBusy: MAX_BUSY_IN_A_ROW, driver: require.resolve('better-sqlite3') },
    });
    let failure: Error | undefined;
    worker.on('error', (error) => (failure = error));
    worker.on('message', (message: { running?: boolean; durationMs?: number }) => {
      if (message.durationMs !== undefined) this.onCheckpoint?.(message.durationMs);
      if (message.running && this.failures > 0) this.logger.log(`WAL checkpoints of ${this.path} run again`);
    });
    worker.once('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.stopping) return;
      if (Date.now() - startedAt > LAST_RESTART_DELAY_MS) this.failures = 0;
      this.failures += 1;
      const delayMs = Math.min(LAST_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (this.failures - 1));
      const reason = failure ? `failed: ${failure.message}` : `exited with code ${code}`;
      this.logger.error(
        `WAL checkpoints of ${this.path} stopped: the worker ${reason}; restarting it in ${delayMs} ms (until then only SQLite's own checkpoints run)`,
      );
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        if (!this.stopping) this.startWorker();
      }, delayMs);
      this.restartTimer.unref();
    });
    worker.unref();
    this.worker = worker;
  }

  /** Runs a last checkpoint and ends the worker; resolves with how many checkpoints it ran. */
  async stop(): Promise<number> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return 0;
    const stopped = new Promise<number>((resolve) => {
      // A last checkpoint normally takes milliseconds; a worker that does not answer is ended anyway.
      const timer = setTimeout(() => resolve(0), 5_000);
      const done = (runs: number) => {
        clearTimeout(timer);
        resolve(runs);
      };
      worker.on('message', (message: { stopped?: boolean; runs?: number }) => {
        if (message.stopped) done(message.runs ?? 0);
      });
      worker.once('exit', () => done(0));
    });
    worker.postMessage('stop');
    const runs = await stopped;
    await worker.terminate();
    return runs;
  }
}
