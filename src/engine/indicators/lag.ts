/**
 * Lags another indicator by k candles: at candle t the value is the inner indicator's value at
 * t − k (NaN before). Used e.g. for ATRₜ₋₁ in the ATR gate.
 */
import type { Candle } from '../types.js';
import type { IndicatorSpec, IndicatorStream } from './stream.js';

class LagStream implements IndicatorStream {
  private readonly ring: Float64Array;
  private n = 0;

  constructor(
    private readonly inner: IndicatorStream,
    private readonly k: number,
  ) {
    this.ring = new Float64Array(k + 1).fill(Number.NaN);
  }

  update(bar: Candle): number {
    const size = this.k + 1;
    this.ring[this.n % size] = this.inner.update(bar);
    const out = this.n >= this.k ? (this.ring[(this.n - this.k) % size] as number) : Number.NaN;
    this.n += 1;
    return out;
  }
}

/**
 * `spec` lagged by `k` ≥ 1 candles; key `<inner key>@-<k>`. When `spec` has a batch form, so does
 * the lag: the inner values shifted by k rows, NaN before (what the ring buffer returns).
 */
export function lagged(spec: IndicatorSpec, k: number): IndicatorSpec {
  if (!Number.isInteger(k) || k < 1) throw new Error(`Invariant failed: lag ${k} is not a positive integer`);
  const key = `${spec.key}@-${k}`;
  const create = () => new LagStream(spec.create(), k);
  const innerBatch = spec.batch;
  if (innerBatch === undefined) return { key, create };
  return {
    key,
    create,
    batch: (c, from, to, out: Float64Array = new Float64Array(to - from)) => {
      // The inner values into `out`, then moved k rows on in place (copyWithin moves overlapping
      // rows correctly), the first k rows NaN: what the ring buffer returns.
      const inner = innerBatch.call(spec, c, from, to, out);
      if (inner !== out) out.set(inner);
      const n = out.length;
      if (n > k) out.copyWithin(k, 0, n - k);
      out.fill(Number.NaN, 0, Math.min(k, n));
      return out;
    },
  };
}
