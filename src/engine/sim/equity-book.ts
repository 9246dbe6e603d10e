/**
 * A backtest's equity curve, recorded at each window candle's close, and the replay's fast-path
 * companion ({@link IdleCandles}): on a candle idle at the venue it books what the listeners
 * would (the last close, the equity), in one go per run of idle candles.
 */
import type { CandleSeries, Candle } from '../types.js';
import type { IdleCandles } from './candle-replay.js';
import type { SimVenue } from './sim-venue.js';

/** Equity (USDT, relative to the start) at each close of candles opening at or after `from`. */
export class EquityBook implements IdleCandles {
  /** One value per window candle; the last is replaced by the settled balance at the end. */
  readonly equity: Float64Array;
  private k = 0;

  constructor(
    private readonly venue: SimVenue,
    private readonly candles: CandleSeries,
    private readonly from: number,
    windowCandles: number,
  ) {
    this.equity = new Float64Array(windowCandles);
  }

  /** The listener: after the venue processed `c`. */
  record(c: Candle): void {
    if (c.ts >= this.from) this.equity[this.k++] = this.venue.equityAt(c.close);
  }

  isIdle(c: Candle): boolean {
    return this.venue.isIdle(c);
  }

  idleUntil(from: number, to: number): number {
    const b = this.venue.idleBounds();
    if (b === null) return from;
    const { ts, open, high, low } = this.candles;
    const { above, below, until } = b;
    if (above === Number.NEGATIVE_INFINITY && below === Number.POSITIVE_INFINITY && until === Number.POSITIVE_INFINITY)
      return to;
    let i = from;
    while (
      i < to &&
      (ts[i] as number) < until &&
      Math.min(open[i] as number, low[i] as number) > above &&
      Math.max(open[i] as number, high[i] as number) < below
    )
      i += 1;
    return i;
  }

  /** Idle candles `[a, b)`: the same equity as {@link record} per candle (nothing filled, the account is constant). */
  pass(a: number, b: number): void {
    const { venue, candles } = this;
    venue.passIdle(candles.close[b - 1] as number);
    for (let i = a; i < b; i++)
      if ((candles.ts[i] as number) >= this.from) this.equity[this.k++] = venue.equityAt(candles.close[i] as number);
  }
}
