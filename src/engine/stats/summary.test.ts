import { describe, expect, it } from 'vitest';
import { flatReference, summarize } from './summary.js';
import type { Trade } from './trades.js';

const basis = { notionalUsdt: 1000, windowMs: 600_000, periodsPerYear: 525_600 };
const trade = (
  netPnl: number,
  fees: number,
  funding: number,
  entryTs: number,
  exitTs: number,
  side: 'long' | 'short' = 'long',
): Trade => ({
  signalTs: entryTs,
  side,
  amount: 1,
  entryTs,
  entryPrice: 100,
  entryLiquidity: 'taker',
  exitTs,
  exitPrice: 100,
  exitReason: 'stop_loss',
  fees,
  funding,
  grossPnl: netPnl + fees + funding,
  netPnl,
});

describe('summarize', () => {
  it('adds up trades, costs, their shares of gross, exposure and holding time', () => {
    // Gross (3 + 1) + (−3 + 1) = 2 → fees 2 = 100 % of gross; held 60 s + 120 s of a 600 s window.
    const m = summarize([trade(3, 1, 0, 0, 60_000), trade(-3, 1, 0, 120_000, 240_000, 'short')], [3, 3, 0], basis);
    expect(m).toMatchObject({
      trades: 2,
      longTrades: 1,
      shortTrades: 1,
      winRate: 0.5,
      grossPnl: 2,
      fees: 2,
      funding: 0,
      netPnl: 0,
      feesShareOfGross: 1,
      fundingShareOfGross: 0,
      returnOnNotional: 0,
      maxDrawdown: 3,
      maxDrawdownOfNotional: 0.003,
      profitFactor: 1,
      expectancy: 0,
      exposure: 0.3,
      avgHoldS: 90,
    });
  });

  it('gives the flat reference as zero PnL, zero drawdown and undefined ratios', () => {
    expect(flatReference(5, basis)).toEqual({
      trades: 0,
      longTrades: 0,
      shortTrades: 0,
      winRate: null,
      grossPnl: 0,
      fees: 0,
      funding: 0,
      netPnl: 0,
      feesShareOfGross: null,
      fundingShareOfGross: null,
      returnOnNotional: 0,
      maxDrawdown: 0,
      maxDrawdownOfNotional: 0,
      profitFactor: null,
      expectancy: null,
      exposure: 0,
      avgHoldS: null,
      sharpe: null,
    });
  });
});
