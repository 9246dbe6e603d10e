/**
 * Compute-once, replay-many for parameter sweeps. {@link precomputeIndicators} runs each distinct
 * indicator setting (by key) once over a run of candles, through the very same incremental
 * stream a strategy would use or through its batch form (which the spec guarantees equal to that
 * stream), into a typed array. {@link replayStream} then serves value t at
 * candle t and nothing else, checking the candle's open time against the precomputed one, so a
 * replay can neither peek ahead nor drift out of alignment.
 */
import { invariant } from '../errors.js';
import type { Candle, CandleSeries } from '../types.js';
import type { IndicatorSpec, IndicatorStream } from './stream.js';

/** Indicator values for candles `first … first+length−1` of a series, by setting key. */
export interface PrecomputedIndicators {
  /** Open times (ms UTC) of the candles the values belong to; `ts[i]` ↔ `values.get(key)[i]`. */
  readonly ts: Float64Array;
  readonly values: ReadonlyMap<string, Float64Array>;
  /**
   * The series the values were computed over and the row of `ts[0]` in it (rows `from …
   * from+ts.length−1`), so a consumer can read the candle of value i without a search.
   */
  readonly source?: { readonly candles: CandleSeries; readonly from: number };
}

/**
 * Feeds candles `[from, to)` (indices) of `candles` to a fresh stream of every distinct spec, or
 * to its batch form when it has one (the same values by the spec's contract; the built-in
 * indicators' batches step their own stream class over the price arrays, without a candle object
 * per row). The first candle fed must be the first candle the backtest feeds (the start of its
 * warm-up): Wilder ATR depends on where it starts.
 * @param alloc allocates each output array (e.g. on a SharedArrayBuffer for worker threads).
 */
export function precomputeIndicators(
  specs: Iterable<IndicatorSpec>,
  candles: CandleSeries,
  from: number,
  to: number,
  alloc: (n: number) => Float64Array = (n) => new Float64Array(n),
): PrecomputedIndicators {
  invariant(
    Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= candles.length,
    `precomputeIndicators over rows [${from}, ${to}) of ${candles.length}`,
  );
  const unique = new Map<string, IndicatorSpec>();
  for (const s of specs) if (!unique.has(s.key)) unique.set(s.key, s);
  const keys = [...unique.keys()].sort();
  const specsByKey = keys.map((k) => unique.get(k) as IndicatorSpec);
  const streams = specsByKey.map((s) => (s.batch === undefined ? s.create() : null));
  const outs = keys.map(() => alloc(to - from));
  specsByKey.forEach((s, k) => {
    const out = outs[k] as Float64Array;
    if (s.batch === undefined) return;
    const values = s.batch(candles, from, to, out);
    if (values !== out) out.set(values);
  });
  const ts = alloc(to - from);
  ts.set(candles.ts.subarray(from, to));
  if (streams.every((s) => s === null)) return precomputedOf(keys, outs, ts, candles, from);
  for (let i = from; i < to; i++) {
    const bar: Candle = {
      ts: candles.ts[i] as number,
      open: candles.open[i] as number,
      high: candles.high[i] as number,
      low: candles.low[i] as number,
      close: candles.close[i] as number,
      volume: candles.volume[i] as number,
    };
    for (let s = 0; s < streams.length; s++) {
      const stream = streams[s] as IndicatorStream | null;
      if (stream !== null) (outs[s] as Float64Array)[i - from] = stream.update(bar);
    }
  }
  return precomputedOf(keys, outs, ts, candles, from);
}

/** The result object: the values by key, the open times and their source rows. */
function precomputedOf(
  keys: readonly string[],
  outs: readonly Float64Array[],
  ts: Float64Array,
  candles: CandleSeries,
  from: number,
): PrecomputedIndicators {
  return { ts, values: new Map(keys.map((k, s) => [k, outs[s] as Float64Array])), source: { candles, from } };
}

/**
 * A stream that returns precomputed value i on the i-th `update`.
 * @throws Error when the candle fed is not the one the value was computed for (a wiring bug).
 */
export function replayStream(pre: PrecomputedIndicators, key: string): IndicatorStream {
  const values = pre.values.get(key);
  if (values === undefined) throw new Error(`Invariant failed: indicator '${key}' was not precomputed`);
  const ts = pre.ts;
  let i = 0;
  return {
    update(bar: Candle): number {
      if (ts[i] !== bar.ts) {
        throw new Error(
          `Invariant failed: precomputed indicator '${key}' is for candle ${ts[i]}, fed ${bar.ts}: precompute from the first candle the run feeds`,
        );
      }
      return values[i++] as number;
    },
  };
}
