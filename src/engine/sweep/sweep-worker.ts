/**
 * The sweep's worker-thread module: materialises the shared inputs once, then evaluates chunks
 * of parameter sets. Loaded by `worker-pool.ts` through tsx.
 */
import { evaluateSet, sweepContext, type SetOutcome, type SweepContext, type SweepInit } from './sweep-context.js';
import type { ParamSet } from './grid.js';
import { loadStrategyModule } from './strategy-module.js';
import { serveWorker } from './worker-pool.js';

/** A chunk of sets to evaluate, in order. */
export interface SweepTask {
  readonly sets: readonly ParamSet[];
}

let ctx: SweepContext | undefined;

serveWorker<SweepInit, SweepTask, SetOutcome[]>(async (task, init) => {
  ctx ??= sweepContext(init, await loadStrategyModule(init.strategyModule, init.strategyName));
  const out: SetOutcome[] = [];
  for (const set of task.sets) out.push(await evaluateSet(ctx, set));
  return out;
});
