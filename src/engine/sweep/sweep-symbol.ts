/**
 * One symbol's re-evaluation: expand the grid around the live set, evaluate every distinct set
 * on the full window and on both halves in worker threads (shared candles, indicators computed
 * once per distinct setting), then judge the sweep with the verdict statistics, re-running the
 * baseline and the top candidates under stressed costs. Deterministic for any worker count.
 * `coinbot reeval` runs its symbols' steps on one pool (run-reeval.ts); {@link sweepSymbol}
 * runs them for one symbol alone (the walk-forward).
 */
import { invariant } from '../errors.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { PerpSymbol } from '../symbols.js';
import {
  analysisBasis,
  analysisWithTests,
  decideVerdict,
  gridNeighbours,
  windowDraws,
  type GridAxes,
  type SuperiorAbility,
  type SymbolAnalysis,
  type SymbolSweep,
  type Verdict,
  type VerdictConfig,
} from '../verdict/index.js';
import { rawGridSize, type Grid, type GridPoint, type ParamSet } from './grid.js';
import { inProcessRunner, type SetRunner } from './set-runner.js';
import { shareSpaInput, spaOnRunner } from './shared-spa.js';
import { stressRunsWith, type StressRun } from './stress-runs.js';
import { sweepContext, type FeeRates, type SetOutcome, type SweepContext, type SweepInit } from './sweep-context.js';
import { sweepExtent, type SweepExtent } from './sweep-extent.js';
import { sweepInit } from './sweep-init.js';
import { startSweepPool } from './sweep-pool.js';
import type { WindowPlan } from './window-plan.js';

export { sweepExtent, type SweepExtent } from './sweep-extent.js';
export type { StressRun } from './stress-runs.js';

/** Inputs of {@link sweepSymbol}. */
export interface SymbolSweepInput {
  readonly symbol: PerpSymbol;
  readonly strategy: AnyStrategy;
  /** The strategy's module, imported by the worker threads. */
  readonly strategyModule: StrategyModuleRef;
  readonly inputs: CachedInputs;
  /** The live set, validated. */
  readonly baseline: ParamSet;
  readonly grid: Grid;
  readonly windows: WindowPlan;
  readonly blockMs: number;
  readonly fees: FeeRates;
  readonly verdict: VerdictConfig;
  readonly workers: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Everything the sweep of one symbol determines (before report shaping). */
export interface SymbolSweepOutput {
  readonly points: readonly GridPoint[];
  readonly rawPoints: number;
  readonly invalidPoints: number;
  readonly warmupCandles: number;
  readonly baselineIndex: number;
  readonly outcomes: readonly SetOutcome[];
  readonly analysis: SymbolAnalysis;
  readonly stress: readonly StressRun[];
  readonly verdict: Verdict;
  /** Candle rows consumed (indices into `inputs.candles`), warm-up of `full` included. */
  readonly consumed: { readonly from: number; readonly to: number };
  /** sha256 of the consumed candles, funding, mark candles and market facts. */
  readonly dataDigest: string;
  /** The in-process context (for detail re-runs of chosen sets). */
  readonly context: SweepContext;
}

/**
 * Evaluates the sets `range.from … range.to - 1` of the extent (in set order) in worker threads.
 * Side effects: starts and terminates `input.workers` threads.
 */
export async function evaluateSets(
  input: SymbolSweepInput,
  extent: SweepExtent,
  range: { readonly from: number; readonly to: number },
  init: SweepInit = sweepInit(input, extent),
): Promise<SetOutcome[]> {
  const sets = extent.points.slice(range.from, range.to).map((p) => p.params);
  if (sets.length === 0) return [];
  const pool = startSweepPool(input.workers, input.strategyModule);
  try {
    return await pool.enqueue(0, init, sets, input.onProgress);
  } finally {
    await pool.close();
  }
}

/** What mapping a sweep to the verdict's input needs beside the sets. */
export interface SweepLabels {
  readonly symbol: string;
  readonly grid: Grid;
  readonly blockMs: number;
}

/** The grid as the verdict's axes (parameter → values in grid order). */
function sweepAxes(grid: Grid): GridAxes {
  return Object.fromEntries(grid.map(([n, v]) => [n, [...v]]));
}

/**
 * The sets' neighbours on the grid, as the verdict finds them from {@link sweepInputOf}'s input;
 * known before any outcome, so a run computes them while the sets are simulated.
 * @throws DataError when an axis repeats a value.
 */
export function gridNeighboursOf(points: readonly GridPoint[], grid: Grid): number[][] {
  return gridNeighbours(
    points.map((p) => p.params),
    sweepAxes(grid),
  );
}

/**
 * The verdict's input from the sets' outcomes (in set order), with set `baselineIndex` as the
 * baseline: the re-evaluation judges against the live set, the walk-forward also against the set
 * a policy holds.
 */
export function sweepInputOf(
  points: readonly GridPoint[],
  outcomes: readonly SetOutcome[],
  labels: SweepLabels,
  baselineIndex: number,
): SymbolSweep {
  return {
    symbol: labels.symbol,
    blockMs: labels.blockMs,
    baselineIndex,
    axes: sweepAxes(labels.grid),
    sets: points.map((p, i) => {
      const o = outcomes[i] as SetOutcome;
      // Each window's block PnL is the outcome's own array (one buffer per window of a set since
      // outcomes carry a Float64Array), read by the verdict and never written.
      const w = (k: 'full' | 'h1' | 'h2') => ({
        blockPnl: o[k].blockPnl,
        trades: o[k].metrics.trades,
        netPnl: o[k].metrics.netPnl,
      });
      return { id: p.id, params: p.params, windows: { full: w('full'), h1: w('h1'), h2: w('h2') } };
    }),
  };
}

/**
 * The cost-stress re-runs of sets `indices` on the full window: fees × the config's multiplier,
 * slippage + its extra basis points. Side effect: simulates in this thread.
 */
export function stressRuns(
  context: SweepContext,
  points: readonly GridPoint[],
  indices: readonly number[],
  fees: FeeRates,
  verdict: VerdictConfig,
): Promise<StressRun[]> {
  return stressRunsWith(inProcessRunner([context]), 0, points, indices, fees, verdict);
}

/** Where {@link judgeSweep} re-runs sets: symbol `symbol` of `runner`, and this thread's context. */
export interface JudgeExec {
  readonly runner: SetRunner;
  readonly symbol: number;
  readonly context: SweepContext;
  /** {@link gridNeighboursOf} the sweep, when already computed. */
  readonly neighbours?: readonly (readonly number[])[];
  /** The best-of-N tests, when already started while the sets were simulated (incremental-spa.ts). */
  readonly tests?: () => Readonly<Record<'full' | 'h1', Promise<SuperiorAbility>>>;
}

/**
 * Judges a sweep from its outcomes (in set order): the verdict statistics (the best-of-N tests on
 * `exec.runner`, the rest in this thread), the stress re-runs (on `exec.runner`) and the verdict.
 * Returns once the tests are started, so the caller can work while they run.
 */
export async function judgeSweep(
  input: SymbolSweepInput,
  extent: SweepExtent,
  outcomes: readonly SetOutcome[],
  exec: JudgeExec,
): Promise<SymbolSweepOutput> {
  const { points } = extent;
  invariant(outcomes.length === points.length, `${outcomes.length} outcomes for ${points.length} sets`);
  const baselineIndex = points.findIndex((p) => p.isBaseline);
  const labels = { symbol: input.symbol, grid: input.grid, blockMs: input.blockMs };
  const sweep = sweepInputOf(points, outcomes, labels, baselineIndex);
  const { runner, symbol } = exec;
  // Both best-of-N tests at once, each split over the runner's threads (on a pool: the workers),
  // while this thread computes the rest of the statistics.
  const spa = (w: 'full' | 'h1') =>
    spaOnRunner(runner, symbol, shareSpaInput(sweep, w, windowDraws(sweep, input.verdict, w)));
  const { full, h1 } = exec.tests?.() ?? { full: spa('full'), h1: spa('h1') };
  const basis = analysisBasis(sweep, input.verdict, exec.neighbours);
  // Both awaited at once: a rejection of either is handled (the typed error reaches the caller).
  const [h1Test, fullTest] = await Promise.all([h1, full]);
  const analysis = analysisWithTests(basis, { h1: h1Test, full: fullTest });
  const stress = await stressRunsWith(runner, symbol, points, analysis.stressSetIndices, input.fees, input.verdict);
  const verdict = decideVerdict(
    analysis,
    stress.map((s) => ({ setIndex: s.setIndex, netPnl: s.netPnl })),
    input.verdict,
  );
  return {
    points,
    rawPoints: rawGridSize(input.grid),
    invalidPoints: extent.invalidPoints,
    warmupCandles: extent.warmupCandles,
    baselineIndex,
    outcomes,
    analysis,
    stress,
    verdict,
    consumed: extent.consumed,
    dataDigest: extent.dataDigest,
    context: exec.context,
  };
}

/**
 * Runs one symbol's sweep on its own pool, then judges it (stress re-runs in this thread).
 * Side effects: worker threads while it runs.
 * @param given the sets' outcomes already computed, in set order; the worker pool is then skipped
 *   and everything after it runs exactly as with the pool's outcomes.
 */
export async function sweepSymbol(
  input: SymbolSweepInput,
  extent: SweepExtent = sweepExtent(input),
  given?: readonly SetOutcome[],
): Promise<SymbolSweepOutput> {
  const init = sweepInit(input, extent);
  const outcomes = given ?? (await evaluateSets(input, extent, { from: 0, to: extent.points.length }, init));
  const context = sweepContext(init, input.strategy);
  return judgeSweep(input, extent, outcomes, { runner: inProcessRunner([context]), symbol: 0, context });
}
