/**
 * One worker pool for every symbol of a run. The threads start before the run is planned (they
 * load their modules meanwhile); {@link SweepPool.begin} then hands them every symbol's sets in
 * run order, in chunks the workers claim themselves, so the next symbol's sets are simulated
 * while this thread judges the previous symbol. Stress and detail re-runs and the best-of-N
 * tests are single tasks that a worker runs before its next chunk. Outcomes are stored by set index: identical for any
 * worker count.
 */
import type { SuperiorAbility } from '../verdict/index.js';
import type { ParamSet } from './grid.js';
import type { SetDetail } from './reeval-results.js';
import type { SetRunner } from './set-runner.js';
import type { StressResult } from './stress-runs.js';
import type { SetOutcome, SweepInit } from './sweep-context.js';
import type { SweepAnswer, SweepPoolInit, SweepTask } from './sweep-task.js';
import { siblingWorkerUrl, startPool } from './worker-pool.js';

/** Sets per queued task: small enough to balance the last tasks, large enough to amortise a message. */
const CHUNK = 8;

/** A run's pool: the sweeps of its symbols, then any single-set re-runs. */
export interface SweepPool extends SetRunner {
  /**
   * Queues every symbol's sets (`sets[k]` of `inits[k]`, in set order), once per pool.
   * @param onProgress (symbol index, sets done, sets of the symbol) after each finished chunk.
   * @returns per symbol, its sets' outcomes in set order (rejects with the first failed chunk's
   *   WorkerTaskError).
   */
  begin(
    inits: readonly SweepInit[],
    sets: readonly (readonly ParamSet[])[],
    onProgress?: (symbol: number, done: number, total: number) => void,
  ): Promise<SetOutcome[]>[];
  /** Terminates the threads. */
  close(): Promise<void>;
}

/** Starts `workers` sweep threads. Side effects: threads until {@link SweepPool.close}. */
export function startSweepPool(workers: number): SweepPool {
  const pool = startPool<SweepPoolInit, SweepTask, SweepAnswer>({
    workers,
    // Built (`dist/`): the compiled worker, started without tsx; from the sources: the `.ts`.
    workerUrl: siblingWorkerUrl('sweep-worker', import.meta.url),
  });
  return {
    begin(inits, sets, onProgress) {
      const queue: SweepTask[] = [];
      const first: number[] = [];
      sets.forEach((s, symbol) => {
        first.push(queue.length);
        for (let i = 0; i < s.length; i += CHUNK) queue.push({ kind: 'sets', symbol, sets: s.slice(i, i + CHUNK) });
      });
      const answers = pool.begin({ symbols: inits }, queue) as Promise<SetOutcome[]>[];
      return sets.map((s, symbol) => {
        const mine = answers.slice(first[symbol], (first[symbol] as number) + Math.ceil(s.length / CHUNK));
        let done = 0;
        const tracked = mine.map((p) =>
          p.then((chunk) => {
            done += chunk.length;
            onProgress?.(symbol, done, s.length);
            return chunk;
          }),
        );
        const all = Promise.all(tracked).then((chunks) => chunks.flat());
        // Awaited by the caller symbol after symbol: a later symbol failing first is not unhandled.
        all.catch(() => undefined);
        return all;
      });
    },
    stress: async (symbol, params, fees) => (await pool.run({ kind: 'stress', symbol, params, fees })) as StressResult,
    detail: async (symbol, id, params) => (await pool.run({ kind: 'detail', symbol, id, params })) as SetDetail,
    spa: async (symbol, input) => (await pool.run({ kind: 'spa', symbol, input })) as SuperiorAbility,
    close: () => pool.close(),
  };
}
