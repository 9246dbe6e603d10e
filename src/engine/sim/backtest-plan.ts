/**
 * The two ends of one backtest window: {@link planRun} (which candles and funding events it
 * covers, before anything runs) and {@link resultOf} (the plain result from what the venue and
 * the runner did). backtest.ts runs the window in between; a shorter window with the same start
 * (a prefix) is planned and finished here too, from a copy of the venue at its last candle.
 */
import { NoDataError } from '../errors.js';
import { MemoPerObject } from '../memo-per-object.js';
import { lowerBound } from '../data/candle-series.js';
import { findGaps } from '../data/validate-candles.js';
import type { Fill } from '../ports/venue.js';
import type { RefusedSignal } from '../runner.js';
import { flatReference, summarize, type SummaryBasis } from '../stats/summary.js';
import { buildTrades } from '../stats/trades.js';
import { DAY_MS, formatRange, timeframeMs, type TimeRange } from '../time.js';
import type { Candle, FundingSeries } from '../types.js';
import type { BacktestInput, BacktestResult, FundingReport } from './backtest.js';
import { canonicalParams } from './canonical-params.js';
import { consumedRows, type Consumed } from './consumed-rows.js';
import type { FundingPayment } from './fees-funding.js';
import { fundingCoverage, type FundingStatus } from './funding-coverage.js';
import type { SimSettings } from './sim-settings.js';

/** Where a window lies in the inputs. Indices into `input.candles` / `input.funding`. */
export interface RunPlan {
  readonly window: TimeRange;
  /** Candle length (ms). */
  readonly tfMs: number;
  /** First candle opening in the window; `end` is one past the last. */
  readonly start: number;
  readonly end: number;
  readonly warmupRequested: number;
  /** First candle fed (warm-up included). */
  readonly warmStart: number;
  readonly last: Candle;
  /** Close time of the last candle (ms UTC). */
  readonly lastClose: number;
  readonly fundingFrom: number;
  readonly fundingTo: number;
  /** The input rows the run reads (consumed-rows.ts), for the fingerprint. */
  readonly consumed: Consumed;
  /** Funding events with from ≤ T ≤ last close, or undefined when none. */
  readonly events: FundingSeries | undefined;
  readonly status: FundingStatus;
}

/**
 * Plans `window` over `input`'s candles and funding.
 * @throws NoDataError when no candle opens inside the window.
 */
export function planRun(input: BacktestInput, window: TimeRange): RunPlan {
  const { candles, strategy, params } = input;
  const tfMs = timeframeMs(candles.timeframe);
  const start = lowerBound(candles.ts, window.from);
  const end = lowerBound(candles.ts, window.to);
  if (start >= end) {
    throw new NoDataError(
      `no ${candles.timeframe} candles of ${candles.symbol} open in ${formatRange(window)}: pick a window inside the cached range (see 'coinbot data ls')`,
    );
  }
  const warmupRequested = input.warmupCandles ?? strategy.warmupCandles(params);
  const last: Candle = {
    ts: candles.ts[end - 1] as number,
    open: candles.open[end - 1] as number,
    high: candles.high[end - 1] as number,
    low: candles.low[end - 1] as number,
    close: candles.close[end - 1] as number,
    volume: candles.volume[end - 1] as number,
  };
  const lastClose = last.ts + tfMs;
  const f = input.funding;
  const warmStart = Math.max(0, start - warmupRequested);
  const consumed = consumedRows(input, warmStart, end, window.from, lastClose);
  const { fundingFrom, fundingTo } = consumed;
  const events =
    f && fundingTo > fundingFrom
      ? {
          symbol: f.symbol,
          length: fundingTo - fundingFrom,
          ts: f.ts.subarray(fundingFrom, fundingTo),
          rate: f.rate.subarray(fundingFrom, fundingTo),
        }
      : undefined;
  const status = fundingCoverage(f?.ts ?? [], window.from, lastClose);
  return {
    window,
    tfMs,
    start,
    end,
    warmupRequested,
    warmStart,
    last,
    lastClose,
    fundingFrom,
    fundingTo,
    consumed,
    events,
    status,
  };
}

function markSourceOf(payments: readonly FundingPayment[]): FundingReport['markSource'] {
  if (payments.length === 0) return 'none';
  const first = (payments[0] as FundingPayment).markSource;
  return payments.every((p) => p.markSource === first) ? first : 'mixed';
}

/** What one window's run produced (the venue settled at the window end). */
export interface RunRecord {
  readonly sim: SimSettings;
  readonly fills: readonly Fill[];
  readonly refusals: readonly RefusedSignal[];
  readonly payments: readonly FundingPayment[];
  /** Equity at each window candle's close, the last one replaced by the settled balance. */
  readonly equity: Float64Array;
  readonly account: { readonly balance: number; readonly fees: number; readonly funding: number };
}

/** Missing candles by `start:end:step`, per open-time column: every set of a sweep asks again. */
const missingOf = new MemoPerObject<Float64Array, number>(256);

/** Candles missing between rows `start` and `end − 1` of open times `ts` (step `tfMs`). */
function missingCandles(ts: Float64Array, start: number, end: number, tfMs: number): number {
  return missingOf.get(ts, `${start}:${end}:${tfMs}`, () => {
    let missing = 0;
    for (const g of findGaps(ts.subarray(start, end), tfMs)) missing += g.missing;
    return missing;
  });
}

/** The plain result of a finished window. */
export function resultOf(input: BacktestInput, plan: RunPlan, run: RunRecord): BacktestResult {
  const { strategy, candles, params } = input;
  const { window, start, end, tfMs } = plan;
  const trades = buildTrades(run.fills, run.payments);
  const basis: SummaryBasis = {
    notionalUsdt: params.ORDER_NOTIONAL_USDT,
    windowMs: plan.lastClose - (candles.ts[start] as number),
    periodsPerYear: (365 * DAY_MS) / tfMs,
  };
  return {
    strategy: { name: strategy.name, apiVersion: strategy.apiVersion },
    symbol: candles.symbol,
    timeframe: candles.timeframe,
    window: {
      from: window.from,
      to: window.to,
      firstCandle: candles.ts[start] as number,
      lastCandle: plan.last.ts,
      lastClose: plan.lastClose,
      candles: end - start,
      warmupRequested: plan.warmupRequested,
      warmupCandles: start - plan.warmStart,
      missingCandles: missingCandles(candles.ts, start, end, tfMs),
    },
    params: canonicalParams(params),
    sim: run.sim,
    trades,
    fills: run.fills,
    refusals: run.refusals,
    funding: {
      status: plan.status,
      events: plan.fundingTo - plan.fundingFrom,
      payments: run.payments,
      markSource: markSourceOf(run.payments),
    },
    metrics: summarize(trades, run.equity, basis),
    flat: flatReference(end - start, basis),
    equity: run.equity,
    account: run.account,
    consumed: plan.consumed,
  };
}
