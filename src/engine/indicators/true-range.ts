/**
 * True range, technicalindicators' convention: TRₜ = max(highₜ − lowₜ, |highₜ − closeₜ₋₁|,
 * |lowₜ − closeₜ₋₁|); the first candle has no previous close, so its value is NaN.
 */
import type { Candle, CandleSeries } from '../types.js';
import type { IndicatorSpec, IndicatorStream } from './stream.js';

/** TRₜ of one candle given the previous close (prices in quote currency). */
export function trueRangeOf(high: number, low: number, prevClose: number): number {
  return Math.max(high - low, Math.abs(high - prevClose), Math.abs(low - prevClose));
}

/** Incremental true range: NaN on the first candle, TRₜ afterwards. */
export class TrueRangeStream implements IndicatorStream {
  private prevClose = Number.NaN;

  update(bar: Candle): number {
    return this.step(bar.high, bar.low, bar.close);
  }

  /**
   * {@link step} over rows `[from, to)` of `c`, in order, into `out` (default a new array),
   * returned: the batch form (a loop of its own per class: see AtrStream.fill).
   * Side effect: advances this stream by `to − from` candles, so it is the batch form only on a
   * fresh stream. Requires 0 ≤ from ≤ to ≤ the series' length.
   */
  fill(c: CandleSeries, from: number, to: number, out: Float64Array = new Float64Array(to - from)): Float64Array {
    const { high, low, close } = c;
    for (let i = from; i < to; i++) out[i - from] = this.step(high[i] as number, low[i] as number, close[i] as number);
    return out;
  }

  /** {@link update} on one candle's high, low and close (quote currency). */
  step(high: number, low: number, close: number): number {
    const prev = this.prevClose;
    this.prevClose = close;
    return Number.isNaN(prev) ? Number.NaN : trueRangeOf(high, low, prev);
  }
}

/** The true-range setting (it has no parameter; key `tr`); its batch form steps one fresh stream. */
export function trueRange(): IndicatorSpec {
  return {
    key: 'tr',
    create: () => new TrueRangeStream(),
    batch: (c, from, to, out) => new TrueRangeStream().fill(c, from, to, out),
  };
}
