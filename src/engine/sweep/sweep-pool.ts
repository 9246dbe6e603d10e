/**
 * One worker pool for every symbol of a run. The threads start before the run is planned (they
 * load their modules meanwhile); each symbol's sets are queued as soon as that symbol is planned,
 * in chunks the workers claim themselves, symbol after symbol, so the next symbol's sets are
 * simulated while this thread judges the previous symbol. Stress and detail re-runs and the
 * best-of-N tests are single tasks that a worker runs before its next chunk. Outcomes are stored
 * by set index: identical for any worker count.
 */
import { invariant } from '../errors.js';
import type { SuperiorAbilityPart } from '../verdict/index.js';
import type { ParamSet } from './grid.js';
import type { SetDetail } from './reeval-results.js';
import type { SetRunner } from './set-runner.js';
import type { StressResult } from './stress-runs.js';
import type { StrategyModuleRef } from '../strategy.js';
import type { SetOutcome, SweepInit } from './sweep-context.js';
import type { SweepAnswer, SweepTask } from './sweep-task.js';
import { siblingWorkerUrl, startPool } from './worker-pool.js';

/** Sets per queued task: small enough to balance the last tasks, large enough to amortise a message. */
const CHUNK = 8;

/** A run's pool: the sweeps of its symbols, then any single-set re-runs. */
export interface SweepPool extends SetRunner {
  /**
   * Queues symbol `symbol`'s sets (in set order) on its init; symbols are queued in run order
   * 0, 1, … and their sets claimed in that order.
   * @param onProgress (sets done, sets of the symbol) after each finished chunk.
   * @param onChunk each finished chunk's outcomes with the index of its first set, as it arrives
   *   (chunks may finish out of order).
   * @returns the sets' outcomes in set order (rejects with the first failed chunk's WorkerTaskError;
   *   never reported as an unhandled rejection).
   */
  enqueue(
    symbol: number,
    init: SweepInit,
    sets: readonly ParamSet[],
    onProgress?: (done: number, total: number) => void,
    onChunk?: (from: number, outcomes: readonly SetOutcome[]) => void,
  ): Promise<SetOutcome[]>;
  /** Terminates the threads. */
  close(): Promise<void>;
}

/**
 * Starts `workers` sweep threads. Side effects: threads until {@link SweepPool.close}.
 * @param strategy the run's strategy module: each thread imports it as it starts, while this
 *   thread plans the run, instead of when the first symbol's sets arrive.
 */
export function startSweepPool(workers: number, strategy?: StrategyModuleRef): SweepPool {
  const pool = startPool<SweepInit, SweepTask, SweepAnswer>({
    workers,
    data: { preload: strategy },
    // Built (`dist/`): the compiled worker, started without tsx; from the sources: the `.ts`.
    workerUrl: siblingWorkerUrl('sweep-worker', import.meta.url),
  });
  let symbols = 0;
  return {
    enqueue(symbol, init, sets, onProgress, onChunk) {
      invariant(symbol === symbols++, `symbol ${symbol} queued out of run order`);
      const queue: SweepTask[] = [];
      for (let i = 0; i < sets.length; i += CHUNK) queue.push({ kind: 'sets', symbol, sets: sets.slice(i, i + CHUNK) });
      let done = 0;
      const chunks = pool.enqueue(init, queue).map((p, i) =>
        (p as Promise<SetOutcome[]>).then((chunk) => {
          onChunk?.(i * CHUNK, chunk);
          done += chunk.length;
          onProgress?.(done, sets.length);
          return chunk;
        }),
      );
      const all = Promise.all(chunks).then((c) => c.flat());
      // Awaited by the caller symbol after symbol: a later symbol failing first is not unhandled.
      all.catch(() => undefined);
      return all;
    },
    stress: async (symbol, params, fees) =>
      (await pool.run(symbol, { kind: 'stress', symbol, params, fees })) as StressResult,
    detail: async (symbol, id, params) => (await pool.run(symbol, { kind: 'detail', symbol, id, params })) as SetDetail,
    spa: async (symbol, input, range) =>
      (await pool.run(symbol, { kind: 'spa', symbol, input, range })) as SuperiorAbilityPart,
    threads: Math.max(1, workers),
    close: () => pool.close(),
  };
}
