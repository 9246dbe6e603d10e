/**
 * True range, technicalindicators' convention: TRₜ = max(highₜ − lowₜ, |highₜ − closeₜ₋₁|,
 * |lowₜ − closeₜ₋₁|); the first candle has no previous close, so its value is NaN.
 */
import type { Candle } from '../types.js';
import type { IndicatorSpec, IndicatorStream } from './stream.js';

/** TRₜ of one candle given the previous close (prices in quote currency). */
export function trueRangeOf(high: number, low: number, prevClose: number): number {
  return Math.max(high - low, Math.abs(high - prevClose), Math.abs(low - prevClose));
}

/** Incremental true range: NaN on the first candle, TRₜ afterwards. */
export class TrueRangeStream implements IndicatorStream {
  private prevClose = Number.NaN;

  update(bar: Candle): number {
    const prev = this.prevClose;
    this.prevClose = bar.close;
    return Number.isNaN(prev) ? Number.NaN : trueRangeOf(bar.high, bar.low, prev);
  }
}

/** The true-range setting (it has no parameter; key `tr`). */
export function trueRange(): IndicatorSpec {
  return { key: 'tr', create: () => new TrueRangeStream() };
}
