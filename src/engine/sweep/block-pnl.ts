/**
 * Net PnL per time block from a backtest's equity curve: the input of the verdict statistics.
 * Block b covers candle open times `[from + b·blockMs, from + (b+1)·blockMs)`; its PnL is the
 * equity at the close of its last candle minus that at the close of the previous block's last
 * candle (0 at the start). A block without candles (a gap) has PnL 0. Σ blocks = final equity.
 */

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
): number[] {
  const blocks = Math.ceil((to - from) / blockMs);
  const endEquity = new Array<number>(blocks).fill(Number.NaN);
  for (let i = 0; i < ts.length; i++) {
    const b = Math.floor(((ts[i] as number) - from) / blockMs);
    if (b >= 0 && b < blocks) endEquity[b] = equity[i] as number;
  }
  const out = new Array<number>(blocks);
  let prev = 0;
  for (let b = 0; b < blocks; b++) {
    const e = Number.isNaN(endEquity[b] as number) ? prev : (endEquity[b] as number);
    out[b] = e - prev;
    prev = e;
  }
  return out;
}
