import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equitySharpe, expectancy, profitFactor, shareOf, winRate } from './ratios.js';

describe('ratios', () => {
  it('annualises the Sharpe of per-candle returns on the notional with a sample standard deviation', () => {
    // Equity 100, 400 on a notional of 100: returns 1, 3 (the first from 0); mean 2, sd √2; × √4.
    expect(equitySharpe([100, 400], 100, 4)).toBeCloseTo(2 * Math.SQRT2, 12);
    // Equity 10, 5, 5 on 100: returns 0.1, −0.05, 0.
    const r = [0.1, -0.05, 0];
    const mean = (0.1 - 0.05) / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    expect(equitySharpe([10, 5, 5], 100, 9)).toBeCloseTo((mean / sd) * 3, 12);
  });

  it('gives exactly the Sharpe of every return divided out, on curves with flat stretches, ±0 and NaN', () => {
    // Every candle's return divided out, as the definition reads (the flat-candle shortcut must not change a bit).
    const reference = (equity: readonly number[], base: number, ppy: number): number | null => {
      const n = equity.length;
      if (n < 2) return null;
      let sum = 0;
      let prev = 0;
      for (const e of equity) {
        sum += (e - prev) / base;
        prev = e;
      }
      const mean = sum / n;
      let ss = 0;
      prev = 0;
      for (const e of equity) {
        ss += ((e - prev) / base - mean) ** 2;
        prev = e;
      }
      const sd = Math.sqrt(ss / (n - 1));
      return sd > 1e-15 ? (mean / sd) * Math.sqrt(ppy) : null;
    };
    const value = fc.oneof(
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.constantFrom(0, -0, 1, -1, Number.NaN, Number.POSITIVE_INFINITY),
    );
    // Repeats make flat stretches: each value is held for 1-5 candles.
    const curve = fc
      .array(fc.tuple(value, fc.integer({ min: 1, max: 5 })), { maxLength: 40 })
      .map((runs) => runs.flatMap(([v, k]) => Array.from({ length: k }, () => v)));
    const base = fc.oneof(fc.constantFrom(1000, 1, 0, -5, Number.NaN), fc.double({ min: 1e-3, max: 1e6 }));
    fc.assert(
      fc.property(curve, base, (eq, b) => {
        expect(Object.is(equitySharpe(eq, b, 525_600), reference(eq, b, 525_600))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('gives null Sharpe for a flat curve or a single candle', () => {
    expect(equitySharpe(new Float64Array(10), 1000, 525_600)).toBeNull();
    expect(equitySharpe([0.1], 1000, 525_600)).toBeNull();
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
