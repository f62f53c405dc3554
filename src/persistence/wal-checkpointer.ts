import { Worker } from 'node:worker_threads';

/**
 * The worker's code (a script, so that it runs the same from TypeScript sources and from dist/). It
 * opens its own connection to the database file and runs a PASSIVE checkpoint every `intervalMs`: the
 * committed pages of the WAL are copied into the database file and both are synced, without blocking
 * the writer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Driver = require(workerData.driver);
const db = new Driver(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let runs = 0;
const run = () => {
  try {
    checkpoint.get();
    runs += 1;
  } catch (error) {
    // Busy (the writer restarting the log): the next tick tries again.
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

/**
 * Checkpoints SQLite's write-ahead log from a worker thread. In WAL mode with synchronous=NORMAL a
 * commit only appends to the WAL; the syncs happen at checkpoints, which SQLite otherwise runs inside
 * the commit that crosses 1,000 pages, on the thread that commits: a stall of several milliseconds
 * for every request waiting on that thread. Here they run beside it, every `intervalMs`, so the WAL
 * is synced at least as often as before (the connection's own checkpoint at 1,000 pages stays, as a
 * backstop that rarely has anything left to do).
 */
export class WalCheckpointer {
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.once('exit', () => (this.exited = true));
  }

  static start(path: string, intervalMs: number): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver: require.resolve('better-sqlite3') } });
    // A checkpointer that stops is not fatal: the connection's own checkpoints still run.
    worker.on('error', () => undefined);
    worker.unref();
    return new WalCheckpointer(worker);
  }

  /** Runs a last checkpoint and ends the worker; resolves with how many checkpoints it ran. */
  async stop(): Promise<number> {
    if (this.exited) return 0;
    const stopped = new Promise<number>((resolve) => {
      // A last checkpoint normally takes milliseconds; a worker that does not answer is ended anyway.
      const timer = setTimeout(() => resolve(0), 5_000);
      const done = (runs: number) => {
        clearTimeout(timer);
        resolve(runs);
      };
      this.worker.once('message', (message: { runs?: number }) => done(message.runs ?? 0));
      this.worker.once('exit', () => done(0));
    });
    this.worker.postMessage('stop');
    const runs = await stopped;
    await this.worker.terminate();
    return runs;
  }
}
