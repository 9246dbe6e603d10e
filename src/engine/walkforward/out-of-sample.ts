/**
 * The out-of-sample window of one step, `[t, t + every)`, for every set of the grid: each set
 * simulated alone with its own warm-up (the strategy's `warmupCandles`, exactly as `coinbot
 * backtest --from t --to t+every` runs it) and closed at the window's end, on the worker pool.
 * Indicators are computed once for all sets when the sets share the warm-up (they do for
 * atr-breakout: 281 candles); a set with another warm-up runs without them. Either way its
 * numbers are `coinbot backtest`'s, so a policy's total is a sum of plain backtests.
 */
import { lowerBound } from '../data/candle-series.js';
import { precomputeIndicators, type PrecomputedIndicators } from '../indicators/precompute.js';
import type { IndicatorSpec } from '../indicators/stream.js';
import { runBacktest, type BacktestResult } from '../sim/backtest.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { TimeRange } from '../time.js';
import type { CandleSeries, FundingSeries, MarketFacts } from '../types.js';
import type { ParamSet } from '../sweep/grid.js';
import { runPool, siblingWorkerUrl } from '../sweep/worker-pool.js';
import {
  sharedFloat64,
  shareFunding,
  sharePrecomputed,
  shareSeries,
  type SharedCandles,
  type SharedFunding,
  type SharedPrecomputed,
} from '../sweep/shared-series.js';
import type { FeeRates } from '../sweep/sweep-context.js';

/** A set's result on one out-of-sample window. Money in USDT, equity relative to the window's start. */
export interface WindowPnl {
  readonly netPnl: number;
  readonly grossPnl: number;
  readonly fees: number;
  readonly funding: number;
  readonly trades: number;
  /** Largest fall from a running peak inside the window (0 = the start counts as a peak). */
  readonly maxDrawdown: number;
  /** Lowest and highest equity at a candle close inside the window (≤ 0 and ≥ 0: the start is 0). */
  readonly minEquity: number;
  readonly maxEquity: number;
}

/** The zero result of not trading. */
export const FLAT_PNL: WindowPnl = {
  netPnl: 0,
  grossPnl: 0,
  fees: 0,
  funding: 0,
  trades: 0,
  maxDrawdown: 0,
  minEquity: 0,
  maxEquity: 0,
};

/** Sent once to each worker. */
export interface OutOfSampleInit {
  readonly strategyName: string;
  readonly strategyModule: StrategyModuleRef;
  readonly candles: SharedCandles;
  readonly funding: SharedFunding;
  readonly mark: SharedCandles | null;
  readonly facts: MarketFacts;
  readonly window: TimeRange;
  readonly fees: FeeRates;
  /** Warm-up the precomputed indicators start at (candles before the window). */
  readonly warmupCandles: number;
  readonly precomputed: SharedPrecomputed;
}

/** A chunk of sets, in order. */
export interface OutOfSampleTask {
  readonly sets: readonly ParamSet[];
}

/** The {@link WindowPnl} of a finished backtest. */
export function windowPnl(r: BacktestResult): WindowPnl {
  let min = 0;
  let max = 0;
  for (const e of r.equity) {
    if (e < min) min = e;
    if (e > max) max = e;
  }
  const m = r.metrics;
  return {
    netPnl: m.netPnl,
    grossPnl: m.grossPnl,
    fees: m.fees,
    funding: m.funding,
    trades: m.trades,
    maxDrawdown: m.maxDrawdown,
    minEquity: min,
    maxEquity: max,
  };
}

/** Inputs of {@link evaluateOutOfSample}. */
export interface OutOfSampleInput {
  readonly strategy: AnyStrategy;
  readonly strategyModule: StrategyModuleRef;
  readonly inputs: CachedInputs;
  readonly sets: readonly ParamSet[];
  readonly window: TimeRange;
  readonly fees: FeeRates;
  readonly workers: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const CHUNK = 16;

/**
 * Backtests every set on `window`, in set order. Deterministic for any worker count.
 * Side effects: worker threads while it runs.
 */
export async function evaluateOutOfSample(o: OutOfSampleInput): Promise<WindowPnl[]> {
  const c = o.inputs.candles;
  const warmupCandles = Math.max(...o.sets.map((s) => o.strategy.warmupCandles(s as never)));
  const start = Math.max(0, lowerBound(c.ts, o.window.from) - warmupCandles);
  const end = lowerBound(c.ts, o.window.to);
  const specs: IndicatorSpec[] = o.sets.flatMap((p) => Object.values(o.strategy.indicators(p as never)));
  const init: OutOfSampleInit = {
    strategyName: o.strategy.name,
    strategyModule: o.strategyModule,
    candles: shareSeries(c),
    funding: shareFunding(o.inputs.funding),
    mark: o.inputs.mark ? shareSeries(o.inputs.mark) : null,
    facts: o.inputs.facts,
    window: o.window,
    fees: o.fees,
    warmupCandles,
    precomputed: sharePrecomputed(precomputeIndicators(specs, c, start, end, sharedFloat64)),
  };
  const tasks: OutOfSampleTask[] = [];
  for (let i = 0; i < o.sets.length; i += CHUNK) tasks.push({ sets: o.sets.slice(i, i + CHUNK) });
  const n = o.sets.length;
  const chunks = await runPool<OutOfSampleInit, OutOfSampleTask, WindowPnl[]>({
    workers: o.workers,
    workerUrl: siblingWorkerUrl('out-of-sample-worker', import.meta.url),
    init,
    tasks,
    ...(o.onProgress ? { onProgress: (d: number) => o.onProgress?.(Math.min(d * CHUNK, n), n) } : {}),
  });
  return chunks.flat();
}

/** Runs one set on the init's window (in a worker or in the main thread). */
export async function runOutOfSample(
  strategy: AnyStrategy,
  ctx: {
    readonly init: OutOfSampleInit;
    readonly candles: BacktestInputCandles;
  },
  params: ParamSet,
): Promise<WindowPnl> {
  const own = strategy.warmupCandles(params as never);
  const r = await runBacktest({
    strategy,
    candles: ctx.candles.candles,
    funding: ctx.candles.funding,
    ...(ctx.candles.mark ? { mark: ctx.candles.mark } : {}),
    facts: ctx.init.facts,
    params: params as never,
    window: ctx.init.window,
    warmupCandles: own,
    fees: ctx.init.fees,
    ...(own === ctx.init.warmupCandles ? { precomputed: ctx.candles.precomputed } : {}),
  });
  return windowPnl(r);
}

/** The materialised series of an {@link OutOfSampleInit}. */
export interface BacktestInputCandles {
  readonly candles: CandleSeries;
  readonly funding: FundingSeries;
  readonly mark: CandleSeries | undefined;
  readonly precomputed: PrecomputedIndicators;
}
