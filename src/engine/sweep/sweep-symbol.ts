/**
 * One symbol's re-evaluation: expand the grid around the live set, evaluate every distinct set
 * on the full window and on both halves in worker threads (shared candles, indicators computed
 * once per distinct setting), then judge the sweep with the verdict statistics, re-running the
 * baseline and the top candidates under stressed costs. Deterministic for any worker count.
 */
import { ConfigError, invariant } from '../errors.js';
import { precomputeIndicators } from '../indicators/precompute.js';
import type { IndicatorSpec } from '../indicators/stream.js';
import { lowerBound } from '../data/candle-series.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { PerpSymbol } from '../symbols.js';
import { timeframeMs } from '../time.js';
import {
  analyseSymbol,
  decideVerdict,
  type SymbolAnalysis,
  type SymbolSweep,
  type Verdict,
  type VerdictConfig,
} from '../verdict/index.js';
import { dataDigest } from '../fingerprint/fingerprint.js';
import { consumedRows } from '../sim/consumed-rows.js';
import { expandGrid, rawGridSize, type Grid, type GridPoint, type ParamSet } from './grid.js';
import { runPool, siblingWorkerUrl } from './worker-pool.js';
import { sharedFloat64, shareFunding, sharePrecomputed, shareSeries } from './shared-series.js';
import {
  runSetWindow,
  sweepContext,
  tidy,
  type FeeRates,
  type SetOutcome,
  type SweepContext,
  type SweepInit,
} from './sweep-context.js';
import type { SweepTask } from './sweep-worker.js';
import type { WindowPlan } from './window-plan.js';

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

/** A stressed re-run of one set on the full window. */
export interface StressRun {
  readonly setIndex: number;
  readonly setId: string;
  readonly netPnl: number;
  readonly trades: number;
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

const CHUNK = 8;

function validPoints(strategy: AnyStrategy, points: readonly GridPoint[]): { valid: GridPoint[]; invalid: number } {
  const valid: GridPoint[] = [];
  let invalid = 0;
  for (const p of points) {
    const parsed = strategy.params.zod.safeParse(p.params);
    const ok = parsed.success && strategy.checks.every((c) => c(p.params) === null);
    if (ok) valid.push(p);
    else if (p.isBaseline)
      throw new ConfigError(
        `the live set itself is invalid: ${parsed.success ? strategy.checks.map((c) => c(p.params)).find((m) => m) : parsed.error.message}`,
      );
    else invalid += 1;
  }
  // Ids follow the valid sets' order so they are dense and stable.
  return { valid: valid.map((p, i) => ({ ...p, id: `s${String(i).padStart(4, '0')}` })), invalid };
}

/**
 * What a sweep covers, known before any simulation: the distinct valid sets (in id order), the
 * common warm-up, the candle rows consumed and their digest. Cheap (no indicators computed), so
 * a shard and a merge can fingerprint the inputs before they simulate anything.
 */
export interface SweepExtent {
  readonly points: readonly GridPoint[];
  readonly invalidPoints: number;
  readonly warmupCandles: number;
  /** Candle rows consumed (indices into `inputs.candles`), warm-up of `full` included. */
  readonly consumed: { readonly from: number; readonly to: number };
  /** First candle row of `h2`'s warm-up. */
  readonly startH2: number;
  /** sha256 of the consumed candles, funding, mark candles and market facts. */
  readonly dataDigest: string;
}

/** Expands and validates the grid and sizes the windows' warm-up. Pure apart from hashing. */
export function sweepExtent(input: SymbolSweepInput): SweepExtent {
  const { strategy, inputs, windows } = input;
  const sweep = strategy.sweep;
  if (sweep === undefined)
    throw new ConfigError(`strategy ${strategy.name} has no sweep support; it cannot be re-evaluated`);
  const expanded = expandGrid(
    input.grid,
    input.baseline,
    input.baseline,
    (p) => sweep.canonical(p as never) as ParamSet,
  );
  const { valid: points, invalid } = validPoints(strategy, expanded);
  const warmupCandles = Math.max(...points.map((p) => strategy.warmupCandles(p.params)));
  const c = inputs.candles;
  const end = lowerBound(c.ts, windows.full.to);
  const startFull = Math.max(0, lowerBound(c.ts, windows.full.from) - warmupCandles);
  const startH2 = Math.max(0, lowerBound(c.ts, windows.h2.from) - warmupCandles);
  const lastClose = (c.ts[end - 1] as number) + timeframeMs(c.timeframe);
  return {
    points,
    invalidPoints: invalid,
    warmupCandles,
    consumed: { from: startFull, to: end },
    startH2,
    dataDigest: dataDigest(inputs, consumedRows(inputs, startFull, end, windows.full.from, lastClose)),
  };
}

/** The shared-memory description of the sweep sent to every worker (indicators precomputed). */
export function sweepInit(input: SymbolSweepInput, extent: SweepExtent): SweepInit {
  const { strategy, inputs, windows } = input;
  const c = inputs.candles;
  const { points, warmupCandles, consumed, startH2 } = extent;
  const specs: IndicatorSpec[] = points.flatMap((p) => Object.values(strategy.indicators(p.params)));
  return {
    strategyName: strategy.name,
    strategyModule: input.strategyModule,
    candles: shareSeries(c),
    funding: shareFunding(inputs.funding),
    mark: inputs.mark ? shareSeries(inputs.mark) : null,
    facts: inputs.facts,
    windows,
    warmupCandles,
    blockMs: input.blockMs,
    fees: input.fees,
    precomputed: {
      fromFull: sharePrecomputed(precomputeIndicators(specs, c, consumed.from, consumed.to, sharedFloat64)),
      fromH2: sharePrecomputed(precomputeIndicators(specs, c, startH2, consumed.to, sharedFloat64)),
    },
  };
}

/**
 * Evaluates the sets `range.from … range.to - 1` of the extent (in set order) in worker threads.
 * A shard of `coinbot reeval --shard` calls this for its slice; {@link sweepSymbol} for all sets.
 */
export async function evaluateSets(
  input: SymbolSweepInput,
  extent: SweepExtent,
  range: { readonly from: number; readonly to: number },
  init: SweepInit = sweepInit(input, extent),
): Promise<SetOutcome[]> {
  const points = extent.points.slice(range.from, range.to);
  const tasks: SweepTask[] = [];
  for (let i = 0; i < points.length; i += CHUNK) tasks.push({ sets: points.slice(i, i + CHUNK).map((p) => p.params) });
  const chunks = await runPool<SweepInit, SweepTask, SetOutcome[]>({
    workers: input.workers,
    // Built (`dist/`): the compiled worker, started without tsx; from the sources: the `.ts`.
    workerUrl: siblingWorkerUrl('sweep-worker', import.meta.url),
    init,
    tasks,
    ...(input.onProgress
      ? {
          onProgress: (d: number, t: number) =>
            input.onProgress?.(Math.min(d * CHUNK, points.length), Math.min(t * CHUNK, points.length)),
        }
      : {}),
  });
  return chunks.flat();
}

/** What mapping a sweep to the verdict's input needs beside the sets. */
export interface SweepLabels {
  readonly symbol: string;
  readonly grid: Grid;
  readonly blockMs: number;
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
    axes: Object.fromEntries(labels.grid.map(([n, v]) => [n, [...v]])),
    sets: points.map((p, i) => {
      const o = outcomes[i] as SetOutcome;
      const w = (k: 'full' | 'h1' | 'h2') => ({
        blockPnl: Float64Array.from(o[k].blockPnl),
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
export async function stressRuns(
  context: SweepContext,
  points: readonly GridPoint[],
  indices: readonly number[],
  fees: FeeRates,
  verdict: VerdictConfig,
): Promise<StressRun[]> {
  const stressFees = {
    takerFeeRate: fees.takerFeeRate * verdict.stressFeeMultiplier,
    makerFeeRate: fees.makerFeeRate * verdict.stressFeeMultiplier,
  };
  const stress: StressRun[] = [];
  for (const idx of indices) {
    const p = points[idx] as GridPoint;
    const params = { ...p.params, SLIPPAGE_BPS: Number(p.params.SLIPPAGE_BPS) + verdict.stressExtraSlippageBp };
    const r = await runSetWindow(context, params, 'full', stressFees);
    stress.push({ setIndex: idx, setId: p.id, netPnl: tidy(r.metrics.netPnl), trades: r.metrics.trades });
  }
  return stress;
}

/**
 * Runs one symbol's sweep. Side effects: worker threads while it runs.
 * @param given the sets' outcomes already computed (a merge of shards), in set order; the worker
 *   pool is then skipped and everything after it runs exactly as in a single run.
 */
// Over 80 lines: the outcomes, the statistics, the stress re-runs and the output's assembly in the
// order they run; a candidate for named steps (not done in issue 15's cleanup for lack of time).
export async function sweepSymbol(
  input: SymbolSweepInput,
  extent: SweepExtent = sweepExtent(input),
  given?: readonly SetOutcome[],
): Promise<SymbolSweepOutput> {
  const { strategy } = input;
  const { points } = extent;
  const init = sweepInit(input, extent);
  invariant(
    given === undefined || given.length === points.length,
    `${given?.length} outcomes for ${points.length} sets`,
  );
  const outcomes = given ?? (await evaluateSets(input, extent, { from: 0, to: points.length }, init));
  const baselineIndex = points.findIndex((p) => p.isBaseline);
  const analysis = analyseSymbol(
    sweepInputOf(points, outcomes, { symbol: input.symbol, grid: input.grid, blockMs: input.blockMs }, baselineIndex),
    input.verdict,
  );
  const context = sweepContext(init, strategy);
  const stress = await stressRuns(context, points, analysis.stressSetIndices, input.fees, input.verdict);
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
    context,
  };
}
