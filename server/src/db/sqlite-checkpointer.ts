import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/**
 * WAL checkpoints off the event loop, while the server writes a lot.
 *
 * In WAL mode every commit appends the pages it changed to the WAL, and by default the
 * connection that commits copies them back into the database file once the WAL holds 1,000
 * pages: a checkpoint, with its writes and fsyncs, inside some request's commit on the one
 * thread that serves every request. Under a steady stream of writes that was a quarter of the
 * server's time (task creation 0.49 → 0.65 of the bare insert without it, BENCHMARKS.md).
 *
 * While commits come fast (at least `busyCommitsPerSecond`), a worker thread with its own
 * connection runs a PASSIVE checkpoint every `intervalMs`: it copies what is in the WAL
 * without blocking readers or writers, on the other core, and the WAL starts over once all
 * of it is copied. The server's own automatic checkpoint stays as a safety net with a higher
 * threshold, should the worker fall behind or fail. When writes calm down the worker is
 * stopped (it costs ~9 MB) and the connection checkpoints itself again as before.
 *
 * Durability is SQLite's: a checkpoint by another connection is part of WAL mode's design.
 */
export interface CheckpointerOptions {
  intervalMs?: number;
  /** Commits per second from which the worker runs. */
  busyCommitsPerSecond?: number;
  /** Quiet seconds (below that rate) after which it stops. */
  quietSeconds?: number;
}

/** SQLite's default: the committing connection checkpoints at 1,000 WAL pages. */
const OWN_CHECKPOINT_PAGES = 1000;
/** With the worker running, the connection checkpoints itself only if the WAL grows past this. */
const SAFETY_NET_PAGES = 10_000;

/** Runs inside the worker: a connection of its own, a PASSIVE checkpoint on a timer. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Checkpointing reads WAL frames and writes pages; it needs no page cache of its own.
db.pragma('cache_size = -256');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failed this time: the next tick tries again, the server's own checkpoint remains.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
});
`;

export class WalCheckpointer {
  private worker: Worker | null = null;
  private stopping: Promise<void> | null = null;
  private commits = 0;
  private quiet = 0;
  private readonly tick: NodeJS.Timeout;
  private readonly intervalMs: number;
  private readonly busyRate: number;
  private readonly quietSeconds: number;
  private closed = false;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly file: string,
    options: CheckpointerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 100;
    this.busyRate = options.busyCommitsPerSecond ?? 100;
    this.quietSeconds = options.quietSeconds ?? 10;
    this.tick = setInterval(() => this.review(), 1000);
    this.tick.unref();
  }

  /** Called after every COMMIT of the server's connection; counting is all it does. */
  noteCommit(): void {
    this.commits++;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** Once a second: start the worker when commits come fast, stop it after a quiet spell. */
  review(): void {
    const rate = this.commits;
    this.commits = 0;
    if (this.closed) return;
    if (rate >= this.busyRate) {
      this.quiet = 0;
      if (!this.worker && !this.stopping) this.start();
    } else if (this.worker && ++this.quiet >= this.quietSeconds) {
      void this.stopWorker();
    }
  }

  private start(): void {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Not the server's flags: with `--input-type=module` the source above would not run as
      // CommonJS, and profiling flags would write a profile per worker.
      execArgv: [],
      workerData: { driver, file: this.file, intervalMs: this.intervalMs },
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
    worker.unref();
    // A worker that fails is dropped; the connection's own checkpoint takes over again.
    worker.on('error', () => this.forget(worker));
    worker.on('exit', () => this.forget(worker));
    this.worker = worker;
    this.sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  }

  private forget(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
  }

  private stopWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return this.stopping ?? Promise.resolve();
    this.forget(worker);
    this.stopping = new Promise<void>((resolve) => {
      const done = () => {
        this.stopping = null;
        resolve();
      };
      worker.once('exit', done);
      worker.once('message', () => void worker.terminate());
      worker.postMessage('stop');
      // A worker stuck in a checkpoint must not hold up shutdown.
      setTimeout(() => void worker.terminate(), 2000).unref();
    });
    return this.stopping;
  }

  /** Stops the worker (after a last checkpoint) before the server's connection closes. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.tick);
    await this.stopWorker();
  }
}
