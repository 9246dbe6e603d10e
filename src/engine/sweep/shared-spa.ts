/**
 * One window's best-of-N test (SPA/RC, verdict/superior-ability.ts) as tasks for other threads:
 * every set's block PnL of the window packed set after set on one SharedArrayBuffer, and the
 * window's bootstrap draws on another (no copy to the workers). Each task runs the verdict's own
 * pass over a contiguous range of sets; {@link spaOnRunner} combines the parts, which is exact,
 * so the result is bit-identical to one pass in this thread.
 */
import {
  combineSuperiorAbility,
  superiorAbilityPart,
  type BootstrapDraws,
  type SuperiorAbility,
  type SuperiorAbilityPart,
  type SymbolSweep,
  type WindowName,
} from '../verdict/index.js';
import type { SetRunner } from './set-runner.js';
import { sharedFloat64 } from './shared-series.js';
import { shardRange, type SetRange } from './shard-range.js';

/** The input of one window's test, on shared memory. */
export interface SharedSpaInput {
  /** Set k's block PnL (USDT per block) at `[k·blocks, (k+1)·blocks)`, Float64. */
  readonly series: SharedArrayBuffer;
  readonly sets: number;
  readonly blocks: number;
  readonly baselineIndex: number;
  /** The window's draws, `counts` on shared memory. */
  readonly draws: BootstrapDraws;
  /**
   * Uint8 per set, 1 when a set with the same block PnL enters the draws in another part (so
   * this one need not be resampled); absent: every part skips repeats within itself only.
   */
  readonly skipDraws?: SharedArrayBuffer;
}

/** Packs window `w` of `sweep` with its draws. Side effect: two shared allocations. */
export function shareSpaInput(sweep: SymbolSweep, w: WindowName, draws: BootstrapDraws): SharedSpaInput {
  const n = draws.blocks;
  const packed = sharedFloat64(sweep.sets.length * n);
  sweep.sets.forEach((s, k) => packed.set(s.windows[w].blockPnl, k * n));
  return {
    series: packed.buffer as SharedArrayBuffer,
    sets: sweep.sets.length,
    blocks: n,
    baselineIndex: sweep.baselineIndex,
    draws: shareDraws(draws),
  };
}

/** `draws` with its counts copied to shared memory (posted to workers without a copy). */
export function shareDraws(draws: BootstrapDraws): BootstrapDraws {
  const counts = sharedFloat64(draws.counts.length);
  counts.set(draws.counts);
  return { ...draws, counts };
}

/** The verdict's pass over sets `range` of the packed series (views, no copy). Pure apart from the CPU. */
export function runSharedSpa(input: SharedSpaInput, range: SetRange): SuperiorAbilityPart {
  const { series, sets, blocks } = input;
  // Views of the range's sets and the baseline only: the pass reads no other set.
  const view = (k: number) => new Float64Array(series, k * blocks * 8, blocks);
  const views = new Array<Float64Array>(sets);
  for (let k = range.from; k < range.to; k++) views[k] = view(k);
  views[input.baselineIndex] = view(input.baselineIndex);
  const skip = input.skipDraws;
  return superiorAbilityPart(views, input.baselineIndex, input.draws, range, {
    ...(skip !== undefined ? { skipDraws: new Uint8Array(skip) } : {}),
  });
}

/**
 * The window's test on `runner`: one task per thread of the runner, over contiguous ranges of
 * sets, combined here.
 */
export async function spaOnRunner(runner: SetRunner, symbol: number, input: SharedSpaInput): Promise<SuperiorAbility> {
  const count = Math.max(1, runner.threads);
  const ranges = Array.from({ length: count }, (_, index) => shardRange(input.sets, { index, count }));
  const parts = await Promise.all(ranges.map((r) => runner.spa(symbol, input, r)));
  return combineSuperiorAbility(parts, input.draws);
}
