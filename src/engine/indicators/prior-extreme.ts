/**
 * The highest high (or lowest low) of the `lookback` candles *before* the current one:
 * at candle t the value is max(high over t−L … t−1), excluding candle t itself, so a close can
 * be compared with it ("breakout"). NaN while fewer than L earlier candles were seen.
 * O(1) amortised per candle with a monotonic deque in typed arrays.
 */
import type { Candle, CandleSeries } from '../types.js';
import type { IndicatorSpec, IndicatorStream } from './stream.js';

/** Which extreme: the highest high or the lowest low. */
export type ExtremeKind = 'high' | 'low';

/** Incremental prior extreme over `lookback` candles. */
export class PriorExtremeStream implements IndicatorStream {
  private readonly cap: number;
  private readonly sign: number;
  // Deque of (candle index, sign × value), values strictly decreasing from head to tail.
  private readonly idx: Float64Array;
  private readonly val: Float64Array;
  private head = 0;
  private size = 0;
  private n = 0;

  constructor(
    private readonly lookback: number,
    kind: ExtremeKind,
  ) {
    if (!Number.isInteger(lookback) || lookback < 1)
      throw new Error(`Invariant failed: lookback ${lookback} is not a positive integer`);
    this.cap = lookback + 1;
    this.sign = kind === 'high' ? 1 : -1;
    this.idx = new Float64Array(this.cap);
    this.val = new Float64Array(this.cap);
  }

  update(bar: Candle): number {
    return this.step(bar.high, bar.low);
  }

  /**
   * {@link step} over rows `[from, to)` of `c`, in order, into `out` (default a new array),
   * returned: the batch form (a loop of its own per class: see AtrStream.fill).
   * Side effect: advances this stream by `to − from` candles, so it is the batch form only on a
   * fresh stream. Requires 0 ≤ from ≤ to ≤ the series' length.
   */
  fill(c: CandleSeries, from: number, to: number, out: Float64Array = new Float64Array(to - from)): Float64Array {
    const { high, low } = c;
    for (let i = from; i < to; i++) out[i - from] = this.step(high[i] as number, low[i] as number);
    return out;
  }

  /** {@link update} on one candle's high and low (quote currency). */
  step(high: number, low: number): number {
    const t = this.n;
    const cap = this.cap;
    const idx = this.idx;
    const val = this.val;
    // Drop indices that left the window t−L … t−1.
    while (this.size > 0 && (idx[this.head] as number) < t - this.lookback) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.size -= 1;
    }
    const result = t >= this.lookback ? this.sign * (val[this.head] as number) : Number.NaN;
    // Push candle t, removing values it dominates (they can never be the extreme again).
    const v = this.sign > 0 ? high : -low;
    let back = this.head + this.size - 1;
    if (back >= cap) back -= cap;
    while (this.size > 0 && (val[back] as number) <= v) {
      this.size -= 1;
      back = back === 0 ? cap - 1 : back - 1;
    }
    let at = this.head + this.size;
    if (at >= cap) at -= cap;
    idx[at] = t;
    val[at] = v;
    this.size += 1;
    this.n = t + 1;
    return result;
  }
}

/** The prior-extreme setting of `kind` over `lookback` candles; its batch form steps one fresh stream. */
function priorExtreme(lookback: number, kind: ExtremeKind): IndicatorSpec {
  return {
    key: `prior-${kind}:${lookback}`,
    create: () => new PriorExtremeStream(lookback, kind),
    batch: (c, from, to, out) => new PriorExtremeStream(lookback, kind).fill(c, from, to, out),
  };
}

/** max(high over the `lookback` candles before the current one); key `prior-high:<L>`. */
export function priorHigh(lookback: number): IndicatorSpec {
  return priorExtreme(lookback, 'high');
}

/** min(low over the `lookback` candles before the current one); key `prior-low:<L>`. */
export function priorLow(lookback: number): IndicatorSpec {
  return priorExtreme(lookback, 'low');
}
