/**
 * What one sweep of one symbol shares between its parameter sets, and the evaluation of one
 * set on one window. The same code runs in every worker thread and in the main thread (baseline
 * check, stress and detail re-runs), so a set's numbers never depend on where it ran.
 */
import type { PrecomputedIndicators } from '../indicators/precompute.js';
import { runBacktest, runBacktestWithPrefixes, type BacktestInput, type BacktestResult } from '../sim/backtest.js';
import type { Metrics } from '../stats/summary.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { CandleSeries, FundingSeries, MarketFacts } from '../types.js';
import { lowerBound } from '../data/candle-series.js';
import { MemoPerObject } from '../memo-per-object.js';
import { blockEnds, blockPnlAt } from './block-pnl.js';
import { tidy } from './tidy-number.js';
import { wholeRunCheckpoints } from './half-join.js';
import type { ParamSet } from './grid.js';
import {
  viewFunding,
  viewPrecomputed,
  viewSeries,
  type SharedCandles,
  type SharedFunding,
  type SharedPrecomputed,
} from './shared-series.js';
import type { WindowName, WindowPlan } from './window-plan.js';

/** Fee rates (fractions of notional). */
export interface FeeRates {
  readonly takerFeeRate: number;
  readonly makerFeeRate: number;
}

/** Plain, structured-clone-safe description of one symbol's sweep (sent once to each worker). */
export interface SweepInit {
  readonly strategyName: string;
  /** Where worker threads import the strategy from (the main thread passes the object). */
  readonly strategyModule: StrategyModuleRef;
  readonly candles: SharedCandles;
  readonly funding: SharedFunding;
  readonly mark: SharedCandles | null;
  readonly facts: MarketFacts;
  readonly windows: WindowPlan;
  /** Warm-up candles before every window: the largest any set of the grid needs. */
  readonly warmupCandles: number;
  /** PnL block length for the verdict statistics (ms). */
  readonly blockMs: number;
  readonly fees: FeeRates;
  /** Indicators precomputed from the warm-up start of `full`/`h1` and of `h2`. */
  readonly precomputed: { readonly fromFull: SharedPrecomputed; readonly fromH2: SharedPrecomputed };
}

/** One window's outcome of one set: the simulator's metrics, refused signals and block PnL. */
export interface WindowOutcome {
  readonly metrics: Metrics;
  readonly refusedSignals: number;
  /**
   * Net PnL per block (USDT), Σ = final equity. A typed array: sent between threads as one
   * buffer, not one boxed number per block (≈ 1.8 M per main job), and copied with `set`.
   * Plain `JSON.stringify` would write it as an object: shard-file.ts converts it both ways.
   */
  readonly blockPnl: Float64Array;
}

/** A set's outcome on the three windows. */
export type SetOutcome = Readonly<Record<WindowName, WindowOutcome>>;

/** The materialised views of a {@link SweepInit}. */
export interface SweepContext {
  readonly init: SweepInit;
  readonly strategy: AnyStrategy;
  readonly candles: CandleSeries;
  readonly funding: FundingSeries;
  readonly mark: CandleSeries | undefined;
  readonly precomputed: { readonly fromFull: PrecomputedIndicators; readonly fromH2: PrecomputedIndicators };
}

/** Wraps an init's shared memory (no copy) around `strategy` (the init's, imported by the caller). */
export function sweepContext(init: SweepInit, strategy: AnyStrategy): SweepContext {
  const candles = viewSeries(init.candles);
  return {
    init,
    strategy,
    candles,
    funding: viewFunding(init.funding),
    mark: init.mark === null ? undefined : viewSeries(init.mark),
    precomputed: {
      fromFull: viewPrecomputed(init.precomputed.fromFull, candles),
      fromH2: viewPrecomputed(init.precomputed.fromH2, candles),
    },
  };
}

/**
 * Backtests `params` on one window with the sweep's common warm-up and precomputed indicators.
 * @param fees overrides the sweep's fee rates (cost stress).
 */
export function runSetWindow(
  ctx: SweepContext,
  params: ParamSet,
  window: WindowName,
  fees: FeeRates = ctx.init.fees,
): Promise<BacktestResult> {
  return runBacktest(setWindowInput(ctx, params, window, fees));
}

/** The backtest input of `params` on one window (see {@link runSetWindow}). */
function setWindowInput(ctx: SweepContext, params: ParamSet, window: WindowName, fees: FeeRates): BacktestInput {
  const range = ctx.init.windows[window];
  return {
    strategy: ctx.strategy,
    candles: ctx.candles,
    funding: ctx.funding,
    ...(ctx.mark ? { mark: ctx.mark } : {}),
    facts: ctx.init.facts,
    params: params as never,
    window: range,
    warmupCandles: ctx.init.warmupCandles,
    fees,
    precomputed: window === 'h2' ? ctx.precomputed.fromH2 : ctx.precomputed.fromFull,
  };
}

/** A result's metrics with every number tidied. */
export function tidyMetrics(m: Metrics): Metrics {
  // The same keys in the same order (for-in visits an object's string keys in insertion order).
  const out: Record<string, unknown> = {};
  const src = m as unknown as Readonly<Record<string, unknown>>;
  for (const k in src) {
    const v = src[k];
    out[k] = typeof v === 'number' ? tidy(v) : v;
  }
  return out as unknown as Metrics;
}

/** Block ends of a sweep's windows by `window:first candle:end` (the same for every set). */
const blockEndsOf = new MemoPerObject<SweepContext, Int32Array>();

/** The block ends ({@link blockEnds}) of `window` over candle rows `[a, to)`, found once per context. */
function windowBlockEnds(ctx: SweepContext, window: WindowName, a: number, to: number): Int32Array {
  return blockEndsOf.get(ctx, `${window}:${a}:${to}`, () => {
    const range = ctx.init.windows[window];
    return blockEnds(ctx.candles.ts.subarray(a, to), range.from, range.to, ctx.init.blockMs);
  });
}

/** Outcome of one finished window run. */
export function windowOutcome(ctx: SweepContext, r: BacktestResult, window: WindowName): WindowOutcome {
  const a = r.consumed.candleTo - r.equity.length;
  const pnl = blockPnlAt(windowBlockEnds(ctx, window, a, r.consumed.candleTo), r.equity);
  for (let b = 0; b < pnl.length; b++) pnl[b] = tidy(pnl[b] as number);
  return { metrics: tidyMetrics(r.metrics), refusedSignals: r.refusals.length, blockPnl: pnl };
}

/**
 * Evaluates one set on all three windows. The first half starts with the full window, so it is
 * taken from the full window's run (`runBacktestWithPrefixes`: the same result as its own run).
 * The second half runs until it meets the full window's run in the same state, then takes over
 * its rest (sim/run-join.ts, half-join.ts: again the same result as its own run).
 */
export async function evaluateSet(ctx: SweepContext, params: ParamSet): Promise<SetOutcome> {
  const w = ctx.init.windows;
  let full: BacktestResult;
  let h1: BacktestResult;
  let h2: BacktestResult;
  if (w.h1.from === w.full.from) {
    const input = setWindowInput(ctx, params, 'full', ctx.init.fees);
    const ts = ctx.candles.ts;
    const plan = wholeRunCheckpoints(ctx, params, lowerBound(ts, w.h2.from), lowerBound(ts, w.h2.to));
    [full, h1] = (await runBacktestWithPrefixes(input, [w.h1.to], plan)) as [BacktestResult, BacktestResult];
    const record = plan?.record;
    h2 =
      record === undefined || record.size === 0
        ? await runSetWindow(ctx, params, 'h2')
        : ((
            await runBacktestWithPrefixes(setWindowInput(ctx, params, 'h2', ctx.init.fees), [], {
              rows: [...record.keys()],
              record: undefined,
              recordAtMost: undefined,
              join: { from: record, result: full, joined: undefined },
            })
          )[0] as BacktestResult);
  } else {
    full = await runSetWindow(ctx, params, 'full');
    h1 = await runSetWindow(ctx, params, 'h1');
    h2 = await runSetWindow(ctx, params, 'h2');
  }
  return { full: windowOutcome(ctx, full, 'full'), h1: windowOutcome(ctx, h1, 'h1'), h2: windowOutcome(ctx, h2, 'h2') };
}
