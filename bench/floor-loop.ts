/**
 * The floor a single backtest is compared with (issue 16): the same indicator arithmetic and
 * signal test as the strategy, in one tight loop over typed arrays (true range, Wilder ATR, prior
 * extremes by scan, breakout and gate), no orders. Pure; no clock.
 */
import type { BacktestInput } from '../src/engine/sim/backtest.js';
import type { AtrBreakoutParams } from '../src/strategies/atr-breakout/params.js';

/** Runs the floor over `input.candles`; returns the signal count so the work cannot be optimised away. */
export function floorLoop(input: BacktestInput): number {
  const p = input.params as unknown as AtrBreakoutParams;
  const { high, low, close, length: n } = input.candles;
  const period = p.ATR_PERIOD;
  const L = p.BREAKOUT_LOOKBACK;
  let atr = Number.NaN;
  let seed = 0;
  let prevClose = Number.NaN;
  let signals = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const tr = Number.isNaN(prevClose) ? h - l : Math.max(h - l, Math.abs(h - prevClose), Math.abs(l - prevClose));
    const atrPrev = atr;
    if (i < period) {
      seed += tr;
      if (i === period - 1) atr = seed / period;
    } else atr = (atr * (period - 1) + tr) / period;
    prevClose = close[i] as number;
    if (i < L) continue;
    let hi = -Infinity;
    let lo = Infinity;
    for (let j = i - L; j < i; j++) {
      if ((high[j] as number) > hi) hi = high[j] as number;
      if ((low[j] as number) < lo) lo = low[j] as number;
    }
    const c = prevClose;
    if ((c > hi || c < lo) && tr >= p.ATR_GATE_MULT * atrPrev && atr > 0) signals++;
  }
  return signals;
}
