/**
 * The two equity-curve metrics of a summary, `maxDrawdown`'s depth (drawdown.ts) and `equitySharpe` (ratios.ts),
 * in two passes over the curve instead of three: the drawdown rides along the Sharpe's first
 * pass (the mean). Each does its definition's operations in its definition's order (the first
 * pass leaves out flat candles, which change neither), so both numbers are bit for bit the
 * definitions' (`equity-pass.property.test.ts`); a sweep summarises
 * tens of thousands of windows, and this is one memory pass fewer each. Pure.
 */

/** The maximum drawdown depth (USDT, ≥ 0) and the annualised Sharpe (null when undefined). */
export interface EquityPass {
  readonly depth: number;
  readonly sharpe: number | null;
}

/**
 * Drawdown depth and Sharpe of `equity` (USDT, relative to the start) with returns on `base`
 * (USDT) and `periodsPerYear` candles a year; the same as `maxDrawdown(equity).depth` and
 * `equitySharpe(equity, base, periodsPerYear)`.
 */
export function equityPass(equity: ArrayLike<number>, base: number, periodsPerYear: number): EquityPass {
  const n = equity.length;
  // The Sharpe's flat-candle rule (see equitySharpe): ±0 adds nothing to the sum.
  const skipFlat = base > 0;
  let peak = 0;
  let depth = 0;
  let sum = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i] as number;
    const d = e - prev;
    // A flat candle (most of a window) changes nothing here: it adds nothing to the sum, and its
    // equity equals the last one booked, which already moved the peak or the depth as far as this
    // value can (only a zero's sign may differ, and no zero difference ever exceeds the depth).
    if (skipFlat && d === 0) continue;
    sum += d / base;
    prev = e;
    if (e >= peak) peak = e;
    else if (peak - e > depth) depth = peak - e;
  }
  if (n < 2) return { depth, sharpe: null };
  const mean = sum / n;
  const flatTerm = (0 - mean) * (0 - mean);
  let ss = 0;
  prev = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i] as number;
    const d = e - prev;
    if (skipFlat && d === 0) ss += flatTerm;
    else {
      const r = d / base - mean;
      ss += r * r;
    }
    prev = e;
  }
  const sd = Math.sqrt(ss / (n - 1));
  return { depth, sharpe: sd > 1e-15 ? (mean / sd) * Math.sqrt(periodsPerYear) : null };
}
