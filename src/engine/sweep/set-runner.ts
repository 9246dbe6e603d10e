/**
 * Where a run's single tasks beside the sweep (cost-stress and detail re-runs of single sets,
 * the best-of-N tests) happen: in a worker of the run's pool (sweep-pool.ts) or, for a merge of
 * shards and the walk-forward, in this thread.
 * Both run the same task code (sweep-task.ts) on the same shared inputs, so the numbers do not
 * depend on the choice.
 */
import type { SuperiorAbilityPart } from '../verdict/index.js';
import type { SetDetail } from './reeval-results.js';
import type { SharedSpaInput } from './shared-spa.js';
import type { SetRange } from './shard-range.js';
import type { ParamSet } from './grid.js';
import type { FeeRates, SweepContext } from './sweep-context.js';
import type { StressResult } from './stress-runs.js';
import { runSweepTask, type SweepAnswer, type SweepTask } from './sweep-task.js';

/** Runs single tasks of symbol `symbol` (its index in the run): sets on the full window, tests. */
export interface SetRunner {
  /** `params` with `fees` (the stressed costs). */
  stress(symbol: number, params: ParamSet, fees: FeeRates): Promise<StressResult>;
  /** Set `id`'s trades and 5-minute equity curve. */
  detail(symbol: number, id: string, params: ParamSet): Promise<SetDetail>;
  /** The pass of one window's best-of-N test over sets `range` of the symbol's sweep. */
  spa(symbol: number, input: SharedSpaInput, range: SetRange): Promise<SuperiorAbilityPart>;
  /** Threads the runner runs tasks on at once (how many parts a task worth splitting takes). */
  readonly threads: number;
}

/**
 * A {@link SetRunner} on this thread over the symbols' contexts (in run order). Runs one set at
 * a time, in call order, as a worker does: runs started together never interleave.
 */
export function inProcessRunner(contexts: readonly SweepContext[]): SetRunner {
  let last: Promise<unknown> = Promise.resolve();
  const run = (task: SweepTask): Promise<SweepAnswer> => {
    const next = last.then(() => runSweepTask(contexts[task.symbol] as SweepContext, task));
    last = next.catch(() => undefined);
    return next;
  };
  return {
    stress: async (symbol, params, fees) => (await run({ kind: 'stress', symbol, params, fees })) as StressResult,
    detail: async (symbol, id, params) => (await run({ kind: 'detail', symbol, id, params })) as SetDetail,
    spa: async (symbol, input, range) => (await run({ kind: 'spa', symbol, input, range })) as SuperiorAbilityPart,
    threads: 1,
  };
}
