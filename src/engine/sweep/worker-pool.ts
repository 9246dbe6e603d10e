/**
 * A small worker_threads pool for sweeps. Tasks are handed out one at a time to whichever worker
 * is free (so slow and fast tasks balance), and each result is stored at its task's index, so
 * the output array is identical whatever the worker count or the timing. The worker module must
 * call {@link serveWorker}: a built `.js` module (from `dist/`) starts directly, a `.ts` source
 * through tsx (worker-bootstrap.mjs), which compiles every module again in each worker.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { HarnessError } from '../errors.js';

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

type ToWorker<T> = { type: 'task'; index: number; task: T } | { type: 'stop' };
type FromWorker<R> =
  | { type: 'ready' }
  | { type: 'result'; index: number; result: R }
  | { type: 'error'; index: number; message: string; kind: string; exitCode: number; stack?: string };

/** Options of {@link runPool}. */
export interface PoolOptions<I, T> {
  /** Number of worker threads (≥ 1). */
  readonly workers: number;
  /** The worker module (`.js` built, or `.ts` through tsx); it must call `serveWorker(handler)`. */
  readonly workerUrl: URL;
  /** Sent once to every worker as `workerData` (may hold SharedArrayBuffers, shared, not copied). */
  readonly init: I;
  readonly tasks: readonly T[];
  /** Called after each finished task with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs every task on a pool of worker threads and returns results in task order.
 * Side effects: starts and terminates `workers` threads.
 * @throws WorkerTaskError (with the worker's exit code) for the first task that failed.
 */
export async function runPool<I, T, R>(opts: PoolOptions<I, T>): Promise<R[]> {
  const total = opts.tasks.length;
  const results = new Array<R>(total);
  if (total === 0) return results;
  let next = 0;
  let done = 0;
  const n = Math.max(1, Math.min(opts.workers, total));
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const feed = (w: Worker) => {
        if (next < total) {
          const index = next++;
          w.postMessage({ type: 'task', index, task: opts.tasks[index] as T } satisfies ToWorker<T>);
        }
      };
      for (let k = 0; k < n; k++) {
        const w = opts.workerUrl.pathname.endsWith('.js')
          ? new Worker(opts.workerUrl, { workerData: opts.init })
          : new Worker(BOOTSTRAP, { workerData: { ...opts.init, __module: opts.workerUrl.href } });
        workers.push(w);
        w.on('message', (m: FromWorker<R>) => {
          if (m.type === 'ready') feed(w);
          else if (m.type === 'result') {
            results[m.index] = m.result;
            done += 1;
            opts.onProgress?.(done, total);
            if (done === total) resolve();
            else feed(w);
          } else {
            const err = new WorkerTaskError(m.message, m.kind, m.exitCode);
            if (m.stack !== undefined) err.stack = m.stack;
            fail(err);
          }
        });
        w.on('error', (e) => fail(e));
        w.on('exit', (code) => {
          if (code !== 0 && done < total) fail(new Error(`sweep worker exited with code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/**
 * Worker side: answers tasks with `handler(task, init)` (sync or async). Call once at the top level of the
 * worker module. Does nothing on the main thread (so the module can also be imported in tests).
 */
export function serveWorker<I, T, R>(handler: (task: T, init: I) => R | Promise<R>): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  const init = workerData as I;
  const fail = (index: number, e: unknown) => {
    const err = e as Error & { exitCode?: number; kind?: string };
    const isHarness = err instanceof HarnessError;
    port.postMessage({
      type: 'error',
      index,
      message: err.message ?? String(e),
      kind: isHarness ? (err.kind ?? 'error') : 'bug',
      exitCode: isHarness ? (err.exitCode ?? 70) : 70,
      ...(isHarness ? {} : { stack: err.stack ?? '' }),
    } satisfies FromWorker<R>);
  };
  port.on('message', (m: ToWorker<T>) => {
    if (m.type !== 'task') return;
    try {
      Promise.resolve(handler(m.task, init)).then(
        (result) => port.postMessage({ type: 'result', index: m.index, result } satisfies FromWorker<R>),
        (e: unknown) => fail(m.index, e),
      );
    } catch (e) {
      fail(m.index, e);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker<R>);
}
