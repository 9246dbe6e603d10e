import { describe, expect, it } from 'vitest';
import { equityReturns, expectancy, profitFactor, sharpe, shareOf, winRate } from './ratios.js';

describe('ratios', () => {
  it('turns an equity curve into per-candle returns on the notional', () => {
    expect(Array.from(equityReturns([10, 5, 5], 100))).toEqual([0.1, -0.05, 0]);
  });

  it('annualises Sharpe with the square root of periods per year and a sample standard deviation', () => {
    // Returns 1, 3: mean 2, sd √((1 + 1) / 1) = √2; × √4 = 2 → 2 / √2 × 2 = 2√2.
    expect(sharpe([1, 3], 4)).toBeCloseTo(2 * Math.SQRT2, 12);
  });

  it('gives null Sharpe for a flat curve or a single return', () => {
    expect(sharpe(new Float64Array(10), 525_600)).toBeNull();
    expect(sharpe([0.1], 525_600)).toBeNull();
  });

  it('computes profit factor, expectancy and win rate from trade PnLs, null when undefined', () => {
    expect(profitFactor([3, -1, 1, -1])).toBe(2);
    expect(profitFactor([1, 2])).toBeNull();
    expect(expectancy([3, -1])).toBe(1);
    expect(expectancy([])).toBeNull();
    expect(winRate([3, -1, 0, 2])).toBe(0.5);
    expect(winRate([])).toBeNull();
  });

  it('expresses a share of gross against its absolute value, null for zero gross', () => {
    expect(shareOf(2, -4)).toBe(0.5);
    expect(shareOf(2, 0)).toBeNull();
  });
});
