/**
 * The worker side of the worker pool (worker-pool.ts): receives the pool's segments (an init
 * and a queue each), claims queued tasks in order, segment after segment, until none is left,
 * and runs each task sent to it alone before its next claim. One task at a time; every answer
 * names its segment and index, so the main thread stores it in place whatever the timing.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { HarnessError } from '../errors.js';
import type { FromWorker, ToWorker } from './pool-protocol.js';

type Where = { readonly queued: boolean; readonly segment: number; readonly index: number };

/** The error answer for a task: harness errors keep their kind and exit code, others are bugs (70). */
function errorAnswer(where: Where, e: unknown): FromWorker<never> {
  const err = e as Error & { exitCode?: number; kind?: string };
  const isHarness = err instanceof HarnessError;
  return {
    type: 'error',
    ...where,
    message: err.message ?? String(e),
    kind: isHarness ? (err.kind ?? 'error') : 'bug',
    exitCode: isHarness ? (err.exitCode ?? 70) : 70,
    ...(isHarness ? {} : { stack: err.stack ?? '' }),
  };
}

/** Lets messages that arrived meanwhile (sent tasks, segments) be received before the next claim. */
const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Segment<I, T> {
  readonly init: I;
  readonly queue: readonly T[];
  readonly claim: Int32Array;
}

/**
 * Worker side: answers tasks with `handler(task, init)` (sync or async), `init` being the one of
 * the task's segment. Call once at the top level of the worker module. Does nothing on the main
 * thread (so the module can also be imported in tests).
 */
export function serveWorker<I, T, R>(handler: (task: T, init: I) => R | Promise<R>): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  const segments: Segment<I, T>[] = [];
  const sent: { segment: number; index: number; task: T }[] = [];
  let current = 0;
  let busy = false;
  const answer = async (where: Where, task: T) => {
    try {
      const result = await handler(task, (segments[where.segment] as Segment<I, T>).init);
      port.postMessage({ type: 'result', ...where, result } satisfies FromWorker<R>);
    } catch (e) {
      port.postMessage(errorAnswer(where, e));
    }
  };
  /** The next queued task to run, claimed from the first segment with tasks left. */
  const claim = (): Where | undefined => {
    for (let s = segments[current]; s !== undefined; s = segments[++current]) {
      const index = Atomics.add(s.claim, 0, 1);
      if (index < s.queue.length) return { queued: true, segment: current, index };
    }
    return undefined;
  };
  const pump = async () => {
    if (busy) return;
    busy = true;
    for (;;) {
      const own = sent.shift();
      if (own !== undefined) {
        await answer({ queued: false, segment: own.segment, index: own.index }, own.task);
        continue;
      }
      const next = claim();
      if (next === undefined) break;
      const s = segments[next.segment] as Segment<I, T>;
      await answer(next, s.queue[next.index] as T);
      await yieldToMessages();
    }
    busy = false;
  };
  port.on('message', (m: ToWorker<I, T>) => {
    if (m.type === 'begin') segments[m.segment] = { init: m.init, queue: m.queue, claim: new Int32Array(m.claim) };
    else sent.push({ segment: m.segment, index: m.index, task: m.task });
    void pump();
  });
}
