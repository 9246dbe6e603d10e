/**
 * Drawdown of an equity curve (USDT, one value per candle close, starting from 0 before the
 * first candle): the largest fall from a running peak, and the longest stretch spent below a
 * previous peak.
 */

/** Drawdown figures. `depth` ≥ 0 in USDT; durations in candles. */
export interface Drawdown {
  readonly depth: number;
  /** Index of the candle where the deepest drawdown bottomed (−1 when none). */
  readonly troughIndex: number;
  /** Longest run of candles below a previous peak. */
  readonly longestCandles: number;
}

/**
 * Max drawdown of `equity`, with 0 as the peak before the first value. Pure. The definition:
 * `summarize` takes the depth from equity-pass.ts, which is proven equal to it bit for bit.
 */
export function maxDrawdown(equity: ArrayLike<number>): Drawdown {
  let peak = 0;
  let depth = 0;
  let trough = -1;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e >= peak) {
      peak = e;
      run = 0;
      continue;
    }
    run += 1;
    if (run > longest) longest = run;
    if (peak - e > depth) {
      depth = peak - e;
      trough = i;
    }
  }
  return { depth, troughIndex: trough, longestCandles: longest };
}
