/**
 * A policy's out-of-sample record over all steps: totals, the maximum drawdown of the chained
 * equity (steps one after the other, each starting where the previous ended) and how many steps
 * made money. Pure.
 */
import { tidy } from '../sweep/tidy-number.js';
import type { WindowPnl } from './out-of-sample.js';

/** Totals over steps. Money in USDT. */
export interface PolicyTotals {
  readonly netPnl: number;
  readonly grossPnl: number;
  readonly fees: number;
  readonly funding: number;
  readonly trades: number;
  /** Largest fall of the chained out-of-sample equity from a running peak (the start is a peak). */
  readonly maxDrawdown: number;
  /** Steps with net PnL > 0 (with daily steps: days profitable), of `steps`. */
  readonly profitableSteps: number;
  /** Steps the policy traded (held a set). */
  readonly tradingSteps: number;
  readonly steps: number;
}

/**
 * Sums a policy's steps. The chained drawdown is exact from each step's own extremes: within a
 * step, the fall from the step's own peak (its maxDrawdown), or from the peak before it to the
 * step's lowest equity.
 * @param steps the policy's out-of-sample result per step, null when it was flat.
 */
export function policyTotals(steps: readonly (WindowPnl | null)[]): PolicyTotals {
  let net = 0;
  let gross = 0;
  let fees = 0;
  let funding = 0;
  let trades = 0;
  let peak = 0;
  let dd = 0;
  let profitable = 0;
  let trading = 0;
  for (const s of steps) {
    if (s === null) continue;
    trading++;
    dd = Math.max(dd, s.maxDrawdown, peak - (net + s.minEquity));
    peak = Math.max(peak, net + s.maxEquity);
    net += s.netPnl;
    peak = Math.max(peak, net);
    gross += s.grossPnl;
    fees += s.fees;
    funding += s.funding;
    trades += s.trades;
    if (s.netPnl > 0) profitable++;
  }
  return {
    netPnl: tidy(net),
    grossPnl: tidy(gross),
    fees: tidy(fees),
    funding: tidy(funding),
    trades,
    maxDrawdown: tidy(dd),
    profitableSteps: profitable,
    tradingSteps: trading,
    steps: steps.length,
  };
}
