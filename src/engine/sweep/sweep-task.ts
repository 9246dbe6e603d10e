/**
 * The tasks of a run's worker pool and the one function that runs them, in a worker
 * (sweep-worker.ts) or in this thread (set-runner.ts): a chunk of sets on all three windows,
 * one stressed re-run, one set's report detail, or a range of sets of a window's best-of-N test.
 */
import type { ParamSet } from './grid.js';
import type { SetDetail } from './reeval-results.js';
import type { SuperiorAbilityPart } from '../verdict/index.js';
import { setDetail } from './set-details.js';
import { runSharedSpa, type SharedSpaInput } from './shared-spa.js';
import type { SetRange } from './shard-range.js';
import { stressRun, type StressResult } from './stress-runs.js';
import { evaluateSet, type FeeRates, type SetOutcome, type SweepContext } from './sweep-context.js';

/** A task of symbol `symbol` (its index in the run, and its segment of the run's pool). */
export type SweepTask =
  | { readonly kind: 'sets'; readonly symbol: number; readonly sets: readonly ParamSet[] }
  | { readonly kind: 'stress'; readonly symbol: number; readonly params: ParamSet; readonly fees: FeeRates }
  | { readonly kind: 'detail'; readonly symbol: number; readonly id: string; readonly params: ParamSet }
  | { readonly kind: 'spa'; readonly symbol: number; readonly input: SharedSpaInput; readonly range: SetRange };

/** The answer to a {@link SweepTask}: outcomes in set order, a stress result, a detail or a test. */
export type SweepAnswer = SetOutcome[] | StressResult | SetDetail | SuperiorAbilityPart;

/** Runs `task` on its symbol's context. Side effect: simulates in this thread. */
export async function runSweepTask(ctx: SweepContext, task: SweepTask): Promise<SweepAnswer> {
  switch (task.kind) {
    case 'sets': {
      const out: SetOutcome[] = [];
      for (const set of task.sets) out.push(await evaluateSet(ctx, set));
      return out;
    }
    case 'stress':
      return stressRun(ctx, task.params, task.fees);
    case 'detail':
      return setDetail(ctx, task.id, task.params);
    case 'spa':
      return runSharedSpa(task.input, task.range);
  }
}
