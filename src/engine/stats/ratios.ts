/**
 * Ratios over trade PnLs and equity returns. Undefined ratios (no trades, no losses, zero
 * variance) are null, never Infinity or NaN, so results stay valid JSON.
 *
 * Sharpe: per-candle returns rₖ = (Eₖ − Eₖ₋₁) / notional, E₋₁ = 0, over every candle of the
 * window (flat candles count as 0 returns); Sharpe = mean(r) / sd(r) × √(candles per year),
 * sd with n − 1, candles per year = 365 × 24 × 60 for 1m (crypto trades around the clock, no
 * risk-free rate). Returns are on the order notional, not compounded.
 */

/**
 * Annualised Sharpe of the per-candle returns of `equity` relative to `base` (USDT) with
 * `periodsPerYear`; null for fewer than 2 candles or zero variance. The returns are computed
 * on the fly, twice (mean, then squared deviations), without an array: a sweep summarises
 * tens of thousands of windows. The definition: `summarize` takes the Sharpe from
 * equity-pass.ts (one pass shared with the drawdown), proven equal to it bit for bit.
 */
export function equitySharpe(equity: ArrayLike<number>, base: number, periodsPerYear: number): number | null {
  const n = equity.length;
  if (n < 2) return null;
  // A candle whose equity did not move returns ±0 (for base > 0): it adds nothing to the sum
  // (never −0, it starts at +0) and (0 − mean)² to the squares, so its division is skipped.
  const skipFlat = base > 0;
  let sum = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const d = (equity[i] as number) - prev;
    if (!(skipFlat && d === 0)) sum += d / base;
    prev = equity[i] as number;
  }
  const mean = sum / n;
  const flatTerm = (0 - mean) ** 2;
  let ss = 0;
  prev = 0;
  for (let i = 0; i < n; i++) {
    const d = (equity[i] as number) - prev;
    ss += skipFlat && d === 0 ? flatTerm : (d / base - mean) ** 2;
    prev = equity[i] as number;
  }
  const sd = Math.sqrt(ss / (n - 1));
  // Float noise on a flat curve is not volatility.
  if (!(sd > 1e-15)) return null;
  return (mean / sd) * Math.sqrt(periodsPerYear);
}

// The trade ratios take any array of numbers and walk it by index: `summarize` hands them a
// Float64Array (one array kind for every run, so their optimised code is not thrown away when
// a run without trades, or with whole-number PnLs only, comes along).

/** Sum of winning PnLs / |sum of losing PnLs|; null when nothing lost. */
export function profitFactor(pnls: ArrayLike<number>): number | null {
  let win = 0;
  let loss = 0;
  for (let i = 0; i < pnls.length; i++) {
    const p = pnls[i] as number;
    if (p > 0) win += p;
    else loss -= p;
  }
  return loss > 0 ? win / loss : null;
}

/** Mean PnL per trade (summed in order); null without trades. */
export function expectancy(pnls: ArrayLike<number>): number | null {
  if (pnls.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < pnls.length; i++) sum += pnls[i] as number;
  return sum / pnls.length;
}

/** Share of trades with PnL > 0; null without trades. */
export function winRate(pnls: ArrayLike<number>): number | null {
  if (pnls.length === 0) return null;
  let wins = 0;
  for (let i = 0; i < pnls.length; i++) if ((pnls[i] as number) > 0) wins += 1;
  return wins / pnls.length;
}

/** `part / |whole|`; null when whole is 0. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / Math.abs(whole);
}
