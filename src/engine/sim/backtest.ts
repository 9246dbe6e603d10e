/**
 * The simulator wiring: the shared runner over `CandleReplay` + `SimVenue` + `SimClock`.
 * {@link runBacktest} takes plain data (typed-array columns, plain objects) and returns a plain,
 * deterministic result, so a sweep can call it from a worker thread.
 *
 * Window rules: the window `[from, to)` is over candle open times. Up to `warmupCandles`
 * candles before it feed the indicators only (fewer if the data starts later; the result says
 * how many); decisions start with the first candle opening at or after `from`. A position still
 * open after the last candle is closed at its close (taker fee, `window_end`).
 */
import { NoDataError } from '../errors.js';
import { lowerBound } from '../data/candle-series.js';
import { findGaps } from '../data/validate-candles.js';
import type { PrecomputedIndicators } from '../indicators/precompute.js';
import { clientOrderId } from '../ports/client-order-id.js';
import type { Fill } from '../ports/venue.js';
import { runStrategy, type RefusedSignal, type RunnerHooks } from '../runner.js';
import { flatReference, summarize, type Metrics, type SummaryBasis } from '../stats/summary.js';
import { buildTrades, type Trade } from '../stats/trades.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { baseOf } from '../symbols.js';
import { DAY_MS, formatRange, timeframeMs, type TimeRange } from '../time.js';
import type { Candle, CandleSeries, FundingSeries, MarketFacts } from '../types.js';
import { CandleReplay } from './candle-replay.js';
import { consumedRows, type Consumed } from './consumed-rows.js';
import { FundingSchedule, type FundingPayment, type MarkSource } from './fees-funding.js';
import { fundingCoverage, type FundingStatus } from './funding-coverage.js';
import { SimClock } from './sim-clock.js';
import { BINANCE_USDM_FEES, type SimSettings } from './sim-settings.js';
import { SimVenue } from './sim-venue.js';

/** Inputs of one backtest. Params must already be validated (config/resolve-params.ts). */
export interface BacktestInput {
  readonly strategy: AnyStrategy;
  /** Last-price candles of the params' TIMEFRAME; may extend beyond the window on both sides. */
  readonly candles: CandleSeries;
  /** Cached funding events (any range); absent or empty = funding not modelled. */
  readonly funding?: FundingSeries;
  /** Cached 1h mark-price candles for funding; absent = the last close is used. */
  readonly mark?: CandleSeries;
  readonly facts: MarketFacts;
  /** A validated parameter set of `strategy`. */
  readonly params: ExecutionParams;
  readonly window: TimeRange;
  /** Candles fed before the window; default `strategy.warmupCandles(params)`. */
  readonly warmupCandles?: number;
  /** Fee rates; default Binance USDT-M taker 0.05 %, maker 0.02 %. */
  readonly fees?: { readonly takerFeeRate: number; readonly makerFeeRate: number };
  /** Indicator values computed once for many parameter sets (must start at the warm-up's first candle). */
  readonly precomputed?: PrecomputedIndicators;
  readonly hooks?: RunnerHooks;
  /** Decide every candle, ignoring the strategy's `mayAct` hint (tests of the fast path). */
  readonly stepByStep?: boolean;
}

/** Funding as the run saw it. */
export interface FundingReport {
  readonly status: FundingStatus;
  /** Cached events with from ≤ T ≤ last close. */
  readonly events: number;
  readonly payments: readonly FundingPayment[];
  /** Where the payments' mark prices came from. */
  readonly markSource: MarkSource | 'mixed' | 'none';
}

export type { Consumed } from './consumed-rows.js';

/** A finished backtest: plain data, deterministic for identical inputs. */
export interface BacktestResult {
  readonly strategy: { readonly name: string; readonly apiVersion: number };
  readonly symbol: string;
  readonly timeframe: string;
  readonly window: {
    readonly from: number;
    readonly to: number;
    readonly firstCandle: number;
    readonly lastCandle: number;
    /** Close time of the last candle = time of a window_end exit. */
    readonly lastClose: number;
    readonly candles: number;
    readonly warmupRequested: number;
    readonly warmupCandles: number;
    /** Missing candles inside the window (gaps are replayed as they are, never filled). */
    readonly missingCandles: number;
  };
  readonly params: Readonly<Record<string, unknown>>;
  readonly sim: SimSettings;
  readonly trades: readonly Trade[];
  readonly fills: readonly Fill[];
  readonly refusals: readonly RefusedSignal[];
  readonly funding: FundingReport;
  readonly metrics: Metrics;
  readonly flat: Metrics;
  /** Equity (USDT, relative to the start) at each window candle's close. */
  readonly equity: Float64Array;
  /** The simulator's own accounting at the end (flat by then). */
  readonly account: { readonly balance: number; readonly fees: number; readonly funding: number };
  readonly consumed: Consumed;
}

function markSourceOf(payments: readonly FundingPayment[]): FundingReport['markSource'] {
  if (payments.length === 0) return 'none';
  const first = (payments[0] as FundingPayment).markSource;
  return payments.every((p) => p.markSource === first) ? first : 'mixed';
}

/** Keys sorted, so equal parameter sets serialise identically. */
export function canonicalParams(params: object): Record<string, unknown> {
  const p = params as Readonly<Record<string, unknown>>;
  return Object.fromEntries(
    Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]),
  );
}

/**
 * Runs one backtest.
 * @throws NoDataError when no candle opens inside the window.
 * @example
 * const r = await runBacktest({ strategy: atrBreakout, candles, funding, facts, params, window: { from, to } });
 * r.metrics.netPnl;
 */
// Over 80 lines on purpose: one run's wiring in order (inputs → replay → venue → runner → metrics),
// with the consumed ranges the fingerprint reads recorded beside the code that consumes them.
export async function runBacktest(input: BacktestInput): Promise<BacktestResult> {
  const { strategy, candles, facts, params, window } = input;
  const tfMs = timeframeMs(candles.timeframe);
  const start = lowerBound(candles.ts, window.from);
  const end = lowerBound(candles.ts, window.to);
  if (start >= end) {
    throw new NoDataError(
      `no ${candles.timeframe} candles of ${candles.symbol} open in ${formatRange(window)}: pick a window inside the cached range (see 'coinbot data ls')`,
    );
  }
  const warmupRequested = input.warmupCandles ?? strategy.warmupCandles(params);
  const warmStart = Math.max(0, start - warmupRequested);
  const last: Candle = {
    ts: candles.ts[end - 1] as number,
    open: candles.open[end - 1] as number,
    high: candles.high[end - 1] as number,
    low: candles.low[end - 1] as number,
    close: candles.close[end - 1] as number,
    volume: candles.volume[end - 1] as number,
  };
  const lastClose = last.ts + tfMs;

  const fundingAll = input.funding;
  const consumed = consumedRows(input, warmStart, end, window.from, lastClose);
  const { fundingFrom, fundingTo } = consumed;
  const events =
    fundingAll && fundingTo > fundingFrom
      ? {
          symbol: fundingAll.symbol,
          length: fundingTo - fundingFrom,
          ts: fundingAll.ts.subarray(fundingFrom, fundingTo),
          rate: fundingAll.rate.subarray(fundingFrom, fundingTo),
        }
      : undefined;
  const status = fundingCoverage(fundingAll?.ts ?? [], window.from, lastClose);

  const sim: SimSettings = { ...(input.fees ?? BINANCE_USDM_FEES), slippageBps: params.SLIPPAGE_BPS };
  const venue = new SimVenue(facts, sim, events ? new FundingSchedule(events, input.mark) : undefined);
  const clock = new SimClock(candles.ts[warmStart] as number);
  const equity = new Float64Array(end - start);
  let k = 0;
  const recordEquity = (c: Candle) => {
    if (c.ts >= window.from) equity[k++] = venue.equityAt(c.close);
  };
  const replay = new CandleReplay(candles, warmStart, end, tfMs, clock, [(c) => venue.processCandle(c), recordEquity]);
  const fills: Fill[] = [];
  const userHooks = input.hooks;
  const hooks: RunnerHooks = {
    ...userHooks,
    onFill: (f, v) => {
      fills.push(f);
      userHooks?.onFill?.(f, v);
    },
  };
  const outcome = await runStrategy({
    strategy,
    params,
    facts,
    venue,
    marketData: replay,
    clock,
    timeframeMs: tfMs,
    tradeFrom: window.from,
    ...(input.precomputed ? { precomputed: input.precomputed } : {}),
    ...(input.stepByStep === true ? { stepByStep: true } : {}),
    hooks,
  });

  venue.settleWindowEnd(last, lastClose, clientOrderId(baseOf(facts.symbol), lastClose, 'exit_window_end'));
  fills.push(...venue.takeFills());
  equity[end - start - 1] = venue.account.balance;

  const trades = buildTrades(fills, venue.fundingPayments);
  const basis: SummaryBasis = {
    notionalUsdt: params.ORDER_NOTIONAL_USDT,
    windowMs: lastClose - (candles.ts[start] as number),
    periodsPerYear: (365 * DAY_MS) / tfMs,
  };
  let missing = 0;
  for (const g of findGaps(candles.ts.subarray(start, end), tfMs)) missing += g.missing;
  return {
    strategy: { name: strategy.name, apiVersion: strategy.apiVersion },
    symbol: candles.symbol,
    timeframe: candles.timeframe,
    window: {
      from: window.from,
      to: window.to,
      firstCandle: candles.ts[start] as number,
      lastCandle: last.ts,
      lastClose,
      candles: end - start,
      warmupRequested,
      warmupCandles: start - warmStart,
      missingCandles: missing,
    },
    params: canonicalParams(params),
    sim,
    trades,
    fills,
    refusals: outcome.refusals,
    funding: {
      status,
      events: fundingTo - fundingFrom,
      payments: venue.fundingPayments,
      markSource: markSourceOf(venue.fundingPayments),
    },
    metrics: summarize(trades, equity, basis),
    flat: flatReference(end - start, basis),
    equity,
    account: { balance: venue.account.balance, fees: venue.account.fees, funding: venue.account.funding },
    consumed,
  };
}
