/**
 * Net PnL per time block from a backtest's equity curve: the input of the verdict statistics.
 * Block b covers candle open times `[from + b·blockMs, from + (b+1)·blockMs)`; its PnL is the
 * equity at the close of its last candle minus that at the close of the previous block's last
 * candle (0 at the start). A block without candles (a gap) has PnL 0. Σ blocks = final equity.
 *
 * The blocks' last candles depend on the open times only, so a sweep finds them once per window
 * ({@link blockEnds}) and reads every set's equity at them ({@link blockPnlAt}).
 */

/**
 * The index in `ts` of each block's last candle, −1 for a block without candles.
 * @param ts open times (ms UTC) of the window's candles, ascending.
 * @returns one index per block; length ⌈(to − from) / blockMs⌉.
 */
export function blockEnds(ts: ArrayLike<number>, from: number, to: number, blockMs: number): Int32Array {
  const blocks = Math.ceil((to - from) / blockMs);
  const ends = new Int32Array(blocks).fill(-1);
  for (let i = 0; i < ts.length; i++) {
    const b = Math.floor(((ts[i] as number) - from) / blockMs);
    if (b >= 0 && b < blocks) ends[b] = i;
  }
  return ends;
}

/**
 * Block PnL (USDT) of `equity` at block ends `ends` (from {@link blockEnds} over the candles
 * `equity` is aligned with). A block without candles, or whose end equity is NaN, keeps the
 * previous block's end equity (PnL 0).
 */
export function blockPnlAt(ends: Int32Array, equity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ends.length);
  let prev = 0;
  for (let b = 0; b < ends.length; b++) {
    const at = ends[b] as number;
    const v = at < 0 ? Number.NaN : (equity[at] as number);
    const e = Number.isNaN(v) ? prev : v;
    out[b] = e - prev;
    prev = e;
  }
  return out;
}

/**
 * @param ts open times (ms UTC) of the window's candles, aligned with `equity`.
 * @param equity equity (USDT, relative to the start) at each candle's close.
 * @returns one PnL (USDT) per block; length ⌈(to − from) / blockMs⌉.
 */
export function blockPnl(
  ts: ArrayLike<number>,
  equity: ArrayLike<number>,
  from: number,
  to: number,
  blockMs: number,
): Float64Array {
  return blockPnlAt(blockEnds(ts, from, to, blockMs), equity);
}
