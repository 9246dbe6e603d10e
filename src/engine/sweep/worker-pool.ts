/**
 * A small worker_threads pool for sweeps. A pool starts its threads at once (they load their
 * module while the caller prepares the work), then takes queues of tasks, each on its own init
 * (a segment, e.g. one symbol), which the workers claim themselves in order (serve-worker.ts;
 * slow and fast tasks balance, and a busy main thread never leaves a worker waiting), and any
 * number of single tasks, each run by one worker before its next queued task. Each result is stored at its task's index, so the
 * output is identical whatever the worker count or the timing. The worker module must call
 * {@link serveWorker}: a built `.js` module (from `dist/`) starts directly, a `.ts` source
 * through tsx (worker-bootstrap.mjs), which compiles every module again in each worker.
 */
import { Worker } from 'node:worker_threads';
import { HarnessError, invariant } from '../errors.js';
import type { FromWorker, ToWorker } from './pool-protocol.js';

export { serveWorker } from './serve-worker.js';

/** An error raised inside a worker, re-raised in the main thread with the same message and exit code. */
export class WorkerTaskError extends HarnessError {
  readonly kind: string;
  readonly exitCode: number;
  constructor(message: string, kind: string, exitCode: number) {
    super(message);
    this.kind = kind;
    this.exitCode = exitCode;
  }
}

/** Plain-JS entry that registers tsx in the worker and imports the TypeScript worker module. */
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * The URL of worker module `name` (without extension) beside `base` (the caller's
 * `import.meta.url`), in the caller's own form: `name.js` when the caller runs built from
 * `dist/`, `name.ts` under tsx. Worker URLs go through this so a built run never asks for a
 * TypeScript worker (lint refuses a literal `.ts` worker URL).
 */
export function siblingWorkerUrl(name: string, base: string): URL {
  return new URL(`./${name}.${base.endsWith('.ts') ? 'ts' : 'js'}`, base);
}

/** A running pool (see {@link startPool}). Its promises never count as unhandled rejections. */
export interface WorkerPool<I, T, R> {
  /**
   * Adds a segment: `init` and a queue of tasks on it, sent to every worker. Segments are
   * numbered 0, 1, … in call order; the workers claim queued tasks in order, segment after
   * segment. One promise per queued task, in task order; a failed task rejects its own promise
   * with a {@link WorkerTaskError} and the others go on.
   */
  enqueue(init: I, queue: readonly T[]): Promise<R>[];
  /**
   * Runs one task on the init of segment `segment` (already enqueued), on the worker with the
   * fewest sent tasks pending, ahead of that worker's next queued task.
   */
  run(segment: number, task: T): Promise<R>;
  /** Terminates the threads. Tasks not finished by then never settle. */
  close(): Promise<void>;
}

interface Pending<R> {
  resolve(r: R): void;
  reject(e: Error): void;
}

const SETTLED: Pending<never> = { resolve: () => undefined, reject: () => undefined };

/** A promise and its settle functions; a rejection nobody awaits is not reported as unhandled. */
function deferred<R>(): { promise: Promise<R>; pending: Pending<R> } {
  let pending: Pending<R> | undefined;
  const promise = new Promise<R>((resolve, reject) => (pending = { resolve, reject }));
  promise.catch(() => undefined);
  return { promise, pending: pending as Pending<R> };
}

/** A thread of `workerUrl`; `data` is its `workerData.data` (structured-cloned). */
function spawn(workerUrl: URL, data: unknown): Worker {
  return workerUrl.pathname.endsWith('.js')
    ? new Worker(workerUrl, { workerData: { data } })
    : new Worker(BOOTSTRAP, { workerData: { __module: workerUrl.href, data } });
}

function taskError(m: Extract<FromWorker<unknown>, { type: 'error' }>): WorkerTaskError {
  const err = new WorkerTaskError(m.message, m.kind, m.exitCode);
  if (m.stack !== undefined) err.stack = m.stack;
  return err;
}

/**
 * Starts `workers` threads of `workerUrl` (a module that calls `serveWorker(handler)`).
 * A thread that dies (uncaught error, exit) rejects every unfinished task and every later one.
 * Side effects: threads until {@link WorkerPool.close}.
 */
// Over 60 lines: the pool's state and the handlers that share it (message, death, enqueue, run).
export function startPool<I, T, R>(opts: {
  readonly workers: number;
  readonly workerUrl: URL;
  /** Given to every thread at start as `workerData.data` (e.g. a module it may load early). */
  readonly data?: unknown;
}): WorkerPool<I, T, R> {
  const n = Math.max(1, opts.workers);
  const queued: Pending<R>[][] = [];
  const sent = new Map<number, { pending: Pending<R>; worker: number }>();
  const load = new Array<number>(n).fill(0);
  let nextSent = 0;
  let broken: Error | undefined;
  let closing = false;
  const die = (e: Error) => {
    if (broken !== undefined || closing) return;
    broken = e;
    for (const p of queued.flat()) p.reject(e);
    for (const s of sent.values()) s.pending.reject(e);
    sent.clear();
  };
  const onMessage = (m: FromWorker<R>) => {
    let p: Pending<R> | undefined;
    if (m.queued) {
      const seg = queued[m.segment];
      p = seg?.[m.index];
      // Settled: the result stays reachable only through the caller's promise.
      if (seg !== undefined) seg[m.index] = SETTLED;
    } else {
      const s = sent.get(m.index);
      sent.delete(m.index);
      if (s !== undefined) load[s.worker] = (load[s.worker] as number) - 1;
      p = s?.pending;
    }
    if (m.type === 'result') p?.resolve(m.result);
    else p?.reject(taskError(m));
  };
  const threads = Array.from({ length: n }, () => {
    const w = spawn(opts.workerUrl, opts.data);
    w.on('message', onMessage);
    w.on('error', die);
    w.on('exit', (code) => die(new Error(`sweep worker exited with code ${code}`)));
    return w;
  });
  return {
    enqueue(init, queue) {
      const segment = queued.length;
      const ds = queue.map(() => deferred<R>());
      queued.push(ds.map((d) => d.pending));
      if (broken !== undefined) for (const d of ds) d.pending.reject(broken);
      else {
        const claim = new SharedArrayBuffer(4);
        const m = { type: 'begin', segment, init, queue, claim } satisfies ToWorker<I, T>;
        for (const w of threads) w.postMessage(m);
      }
      return ds.map((d) => d.promise);
    },
    run(segment, task) {
      invariant(segment < queued.length, `task on segment ${segment} before it was enqueued`);
      const { promise, pending } = deferred<R>();
      if (broken !== undefined) pending.reject(broken);
      else {
        const worker = load.indexOf(Math.min(...load));
        const index = nextSent++;
        sent.set(index, { pending, worker });
        load[worker] = (load[worker] as number) + 1;
        threads[worker]?.postMessage({ type: 'task', segment, index, task } satisfies ToWorker<I, T>);
      }
      return promise;
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}

/** Options of {@link runPool}. */
export interface PoolOptions<I, T> {
  /** Number of worker threads (≥ 1). */
  readonly workers: number;
  /** The worker module (`.js` built, or `.ts` through tsx); it must call `serveWorker(handler)`. */
  readonly workerUrl: URL;
  /** Sent once to every worker (may hold SharedArrayBuffers, shared, not copied). */
  readonly init: I;
  readonly tasks: readonly T[];
  /** Called after each finished task with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs every task on a pool of worker threads and returns results in task order.
 * Side effects: starts and terminates up to `workers` threads.
 * @throws WorkerTaskError (with the worker's exit code) for the first task that failed.
 */
export async function runPool<I, T, R>(opts: PoolOptions<I, T>): Promise<R[]> {
  const total = opts.tasks.length;
  if (total === 0) return [];
  const pool = startPool<I, T, R>({ workers: Math.min(opts.workers, total), workerUrl: opts.workerUrl });
  try {
    let done = 0;
    const results = pool.enqueue(opts.init, opts.tasks).map((p) =>
      p.then((r) => {
        done += 1;
        opts.onProgress?.(done, total);
        return r;
      }),
    );
    return await Promise.all(results);
  } finally {
    await pool.close();
  }
}
