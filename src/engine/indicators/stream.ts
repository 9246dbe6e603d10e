/**
 * Incremental indicators. A strategy never sees a whole candle array: it declares named
 * indicator streams, each fed one closed candle at a time through `update(bar)`, which returns
 * the value *at* that candle (NaN while undefined). Each stream has a `key` naming its setting
 * (e.g. `atr:14`); two streams with the same key produce the same values from the same candles,
 * so a parameter sweep computes each key once ({@link ./precompute.ts}) and replays it to every
 * parameter set that declares it.
 */
import type { Candle, CandleSeries } from '../types.js';

/** A stateful incremental indicator. `update` must be called once per closed candle, in order. */
export interface IndicatorStream {
  /** Feeds the next closed candle; returns the indicator value at that candle (NaN while warming up). */
  update(bar: Candle): number;
}

/** A named indicator setting: its `key` identifies the values; `create` returns a fresh stream. */
export interface IndicatorSpec {
  /** Identifies the setting, e.g. `atr:14`; equal keys must mean equal values for equal candles. */
  readonly key: string;
  /** Builds a new stream with empty state. Must be pure: no clock, I/O or randomness. */
  create(): IndicatorStream;
  /**
   * Optional vectorised form for sweeps: the values at candles `[from, to)` of `candles`, as if
   * a fresh stream had been fed them from `from`. It MUST equal the stream and MUST NOT read a
   * candle after the one a value is for: `coinbot check lookahead` runs every strategy on
   * truncated data to catch one that does (the classic whole-array look-ahead). When `out` (of
   * length `to − from`) is given, the values may be written into it and `out` returned, so a
   * precompute allocates no second array per key; a batch that ignores it returns its own.
   */
  batch?(candles: CandleSeries, from: number, to: number, out?: Float64Array): Float64Array;
}

/** The indicator streams a strategy declares for one parameter set, by the name it reads them under. */
export type IndicatorSet = Readonly<Record<string, IndicatorSpec>>;
