/**
 * One window's best-of-N test (SPA/RC, verdict/superior-ability.ts) as a task for another
 * thread: every set's block PnL of the window packed set after set on one SharedArrayBuffer
 * (no copy to the worker), the baseline and the window's bootstrap draws. The worker runs the
 * same `superiorAbility` on the same numbers, so the result is the one this thread would get.
 */
import {
  superiorAbility,
  type BootstrapDraws,
  type SuperiorAbility,
  type SymbolSweep,
  type WindowName,
} from '../verdict/index.js';
import { sharedFloat64 } from './shared-series.js';

/** The input of one window's test, on shared memory. */
export interface SharedSpaInput {
  /** Set k's block PnL (USDT per block) at `[k·blocks, (k+1)·blocks)`, Float64. */
  readonly series: SharedArrayBuffer;
  readonly sets: number;
  readonly blocks: number;
  readonly baselineIndex: number;
  readonly draws: BootstrapDraws;
}

/** Packs window `w` of `sweep` with its draws. Side effect: one shared allocation. */
export function shareSpaInput(sweep: SymbolSweep, w: WindowName, draws: BootstrapDraws): SharedSpaInput {
  const n = draws.blocks;
  const packed = sharedFloat64(sweep.sets.length * n);
  sweep.sets.forEach((s, k) => packed.set(s.windows[w].blockPnl, k * n));
  return {
    series: packed.buffer as SharedArrayBuffer,
    sets: sweep.sets.length,
    blocks: n,
    baselineIndex: sweep.baselineIndex,
    draws,
  };
}

/** Runs the test on the packed series (views, no copy). Pure apart from the CPU. */
export function runSharedSpa(input: SharedSpaInput): SuperiorAbility {
  const { series, sets, blocks } = input;
  const views = Array.from({ length: sets }, (_, k) => new Float64Array(series, k * blocks * 8, blocks));
  return superiorAbility(views, input.baselineIndex, input.draws);
}
