/**
 * The metrics of a run, from its trades and its equity curve, and the same metrics for not
 * trading at all (the flat reference: zero PnL, zero drawdown), so that "beats the baseline"
 * can never hide "loses money". Pure.
 */
import { equityPass } from './equity-pass.js';
import { expectancy, profitFactor, shareOf, winRate } from './ratios.js';
import type { Trade } from './trades.js';

/** What the metrics are computed against. */
export interface SummaryBasis {
  /** Order notional (USDT): the base of returns and of the drawdown share. */
  readonly notionalUsdt: number;
  /** Window length (ms), for exposure. */
  readonly windowMs: number;
  /** Candles per year of the timeframe, for Sharpe (525,600 for 1m). */
  readonly periodsPerYear: number;
}

/** Run metrics. Money in USDT; shares as fractions; null where undefined. */
export interface Metrics {
  readonly trades: number;
  readonly longTrades: number;
  readonly shortTrades: number;
  readonly winRate: number | null;
  readonly grossPnl: number;
  readonly fees: number;
  readonly funding: number;
  readonly netPnl: number;
  /** fees / |gross|. */
  readonly feesShareOfGross: number | null;
  /** funding / |gross|. */
  readonly fundingShareOfGross: number | null;
  /** netPnl / notional. */
  readonly returnOnNotional: number;
  readonly maxDrawdown: number;
  /** maxDrawdown / notional. */
  readonly maxDrawdownOfNotional: number;
  readonly profitFactor: number | null;
  /** Net PnL per trade. */
  readonly expectancy: number | null;
  /** Share of the window spent in a position. */
  readonly exposure: number;
  /** Mean holding time (s). */
  readonly avgHoldS: number | null;
  /** Annualised Sharpe of per-candle equity returns (see ratios.ts). */
  readonly sharpe: number | null;
}

/** Metrics of `trades` and per-candle `equity` (USDT, relative to the start). */
export function summarize(trades: readonly Trade[], equity: ArrayLike<number>, basis: SummaryBasis): Metrics {
  const pnls = new Float64Array(trades.length);
  let gross = 0;
  let fees = 0;
  let funding = 0;
  let held = 0;
  let longs = 0;
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i] as Trade;
    pnls[i] = t.netPnl;
    gross += t.grossPnl;
    fees += t.fees;
    funding += t.funding;
    held += t.exitTs - t.entryTs;
    if (t.side === 'long') longs += 1;
  }
  const net = gross - fees - funding;
  const eq = equityPass(equity, basis.notionalUsdt, basis.periodsPerYear);
  return {
    trades: trades.length,
    longTrades: longs,
    shortTrades: trades.length - longs,
    winRate: winRate(pnls),
    grossPnl: gross,
    fees,
    funding,
    netPnl: net,
    feesShareOfGross: shareOf(fees, gross),
    fundingShareOfGross: shareOf(funding, gross),
    returnOnNotional: net / basis.notionalUsdt,
    maxDrawdown: eq.depth,
    maxDrawdownOfNotional: eq.depth / basis.notionalUsdt,
    profitFactor: profitFactor(pnls),
    expectancy: expectancy(pnls),
    exposure: basis.windowMs > 0 ? held / basis.windowMs : 0,
    avgHoldS: trades.length === 0 ? null : held / trades.length / 1000,
    sharpe: eq.sharpe,
  };
}

/** The flat reference: the metrics of not trading over the same window (`candles` closes). */
export function flatReference(candles: number, basis: SummaryBasis): Metrics {
  const key = `${candles} ${basis.notionalUsdt} ${basis.windowMs} ${basis.periodsPerYear}`;
  let m = flatCache.get(key);
  if (m === undefined) {
    if (flatCache.size >= 64) flatCache.clear();
    m = Object.freeze(summarize([], new Float64Array(candles), basis));
    flatCache.set(key, m);
  }
  return m;
}

/** Flat references by candles and basis: a sweep asks for the same few thousands of times. */
const flatCache = new Map<string, Metrics>();
