/**
 * The worker side of the worker pool (worker-pool.ts): waits for the pool's `begin` (init and
 * queue), then claims queued tasks in order until none is left, and runs each task sent to it
 * alone before its next claim. One task at a time; every answer names its task's index, so the
 * main thread stores it in place whatever the timing.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { HarnessError } from '../errors.js';
import type { FromWorker, ToWorker } from './pool-protocol.js';

/** The error answer for a task: harness errors keep their kind and exit code, others are bugs (70). */
function errorAnswer(queued: boolean, index: number, e: unknown): FromWorker<never> {
  const err = e as Error & { exitCode?: number; kind?: string };
  const isHarness = err instanceof HarnessError;
  return {
    type: 'error',
    queued,
    index,
    message: err.message ?? String(e),
    kind: isHarness ? (err.kind ?? 'error') : 'bug',
    exitCode: isHarness ? (err.exitCode ?? 70) : 70,
    ...(isHarness ? {} : { stack: err.stack ?? '' }),
  };
}

/** Lets messages that arrived meanwhile (sent tasks) be received before the next claim. */
const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Worker side: answers tasks with `handler(task, init)` (sync or async), `init` as sent with the
 * pool's `begin`. Call once at the top level of the worker module. Does nothing on the main
 * thread (so the module can also be imported in tests).
 */
export function serveWorker<I, T, R>(handler: (task: T, init: I) => R | Promise<R>): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  let begun: { init: I; queue: readonly T[]; claim: Int32Array } | undefined;
  const sent: { index: number; task: T }[] = [];
  let busy = false;
  const answer = async (queued: boolean, index: number, task: T, init: I) => {
    try {
      const result = await handler(task, init);
      port.postMessage({ type: 'result', queued, index, result } satisfies FromWorker<R>);
    } catch (e) {
      port.postMessage(errorAnswer(queued, index, e));
    }
  };
  const pump = async () => {
    if (busy || begun === undefined) return;
    busy = true;
    const { init, queue, claim } = begun;
    for (;;) {
      const own = sent.shift();
      if (own !== undefined) {
        await answer(false, own.index, own.task, init);
        continue;
      }
      const i = Atomics.add(claim, 0, 1);
      if (i >= queue.length) break;
      await answer(true, i, queue[i] as T, init);
      await yieldToMessages();
    }
    busy = false;
  };
  port.on('message', (m: ToWorker<I, T>) => {
    if (m.type === 'begin') begun = { init: m.init, queue: m.queue, claim: new Int32Array(m.claim) };
    else sent.push({ index: m.index, task: m.task });
    void pump();
  });
}
