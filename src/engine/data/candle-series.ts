/**
 * Constructors and range operations on {@link CandleSeries}. Pure: no I/O.
 */
import type { CandleKind, CandleSeries, Candle } from '../types.js';
import type { PerpSymbol } from '../symbols.js';
import type { TimeRange } from '../time.js';

/** Column arrays of a series, without its identity fields. */
export interface CandleColumns {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Allocates zeroed columns for `n` candles. */
export function allocColumns(n: number): CandleColumns {
  return {
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/** Wraps columns (not copied) as a series. All columns must have the same length. */
export function makeSeries(
  symbol: PerpSymbol,
  timeframe: string,
  kind: CandleKind,
  c: CandleColumns,
): CandleSeries {
  return { symbol, timeframe, kind, length: c.ts.length, ...c };
}

/** Builds a series from row objects (tests, small inputs). */
export function seriesFromCandles(symbol: PerpSymbol, timeframe: string, rows: readonly Candle[], kind: CandleKind = 'last'): CandleSeries {
  const c = allocColumns(rows.length);
  rows.forEach((r, i) => {
    c.ts[i] = r.ts;
    c.open[i] = r.open;
    c.high[i] = r.high;
    c.low[i] = r.low;
    c.close[i] = r.close;
    c.volume[i] = r.volume;
  });
  return makeSeries(symbol, timeframe, kind, c);
}

/** Writes candle `i` of a series into `out` (a reused row object: no allocation per candle). */
export function readCandleInto(s: CandleSeries, i: number, out: { -readonly [K in keyof Candle]: Candle[K] }): void {
  out.ts = s.ts[i] as number;
  out.open = s.open[i] as number;
  out.high = s.high[i] as number;
  out.low = s.low[i] as number;
  out.close = s.close[i] as number;
  out.volume = s.volume[i] as number;
}

/** Reads candle `i` of a series as a row object. */
export function candleAt(s: CandleSeries, i: number): Candle {
  return {
    ts: s.ts[i] as number,
    open: s.open[i] as number,
    high: s.high[i] as number,
    low: s.low[i] as number,
    close: s.close[i] as number,
    volume: s.volume[i] as number,
  };
}

/** Index of the first element of sorted `ts` that is ≥ `t` (binary search). */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ts[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The candles whose open time lies in `[range.from, range.to)`, as zero-copy subarray views. */
export function sliceSeries(s: CandleSeries, range: TimeRange): CandleSeries {
  const a = lowerBound(s.ts, range.from);
  const b = lowerBound(s.ts, range.to);
  return sliceIndex(s, a, b);
}

/** Candles `[a, b)` by index, as zero-copy subarray views. */
export function sliceIndex(s: CandleSeries, a: number, b: number): CandleSeries {
  return makeSeries(s.symbol, s.timeframe, s.kind, {
    ts: s.ts.subarray(a, b),
    open: s.open.subarray(a, b),
    high: s.high.subarray(a, b),
    low: s.low.subarray(a, b),
    close: s.close.subarray(a, b),
    volume: s.volume.subarray(a, b),
  });
}

/** Concatenates series that are already in time order and do not overlap. */
export function concatSeries(parts: readonly CandleSeries[], symbol: PerpSymbol, timeframe: string, kind: CandleKind): CandleSeries {
  const n = parts.reduce((acc, p) => acc + p.length, 0);
  const c = allocColumns(n);
  let off = 0;
  for (const p of parts) {
    c.ts.set(p.ts, off);
    c.open.set(p.open, off);
    c.high.set(p.high, off);
    c.low.set(p.low, off);
    c.close.set(p.close, off);
    c.volume.set(p.volume, off);
    off += p.length;
  }
  return makeSeries(symbol, timeframe, kind, c);
}
