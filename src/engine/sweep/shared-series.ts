/**
 * Candles, funding and precomputed indicators on SharedArrayBuffers, so every sweep worker reads
 * the same memory instead of a copy. {@link shareSeries} copies once in the main thread;
 * {@link viewSeries} wraps the shared memory as ordinary typed arrays in a worker (no copy).
 */
import type { PrecomputedIndicators } from '../indicators/precompute.js';
import type { PerpSymbol } from '../symbols.js';
import type { CandleKind, CandleSeries, FundingSeries } from '../types.js';

/** A candle series whose columns live on SharedArrayBuffers (structured-clone safe). */
export interface SharedCandles {
  readonly symbol: PerpSymbol;
  readonly timeframe: string;
  readonly kind: CandleKind;
  readonly columns: Readonly<Record<'ts' | 'open' | 'high' | 'low' | 'close' | 'volume', SharedArrayBuffer>>;
}

/** Funding events on SharedArrayBuffers. */
export interface SharedFunding {
  readonly symbol: PerpSymbol;
  readonly ts: SharedArrayBuffer;
  readonly rate: SharedArrayBuffer;
}

/** Precomputed indicator values on SharedArrayBuffers, by setting key. */
export interface SharedPrecomputed {
  /** Row of the first value in the series they were computed over. */
  readonly from: number;
  readonly ts: SharedArrayBuffer;
  readonly values: Readonly<Record<string, SharedArrayBuffer>>;
}

const COLS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Allocates a Float64Array of `n` on a new SharedArrayBuffer. */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

function share(a: Float64Array): SharedArrayBuffer {
  const out = sharedFloat64(a.length);
  out.set(a);
  return out.buffer as SharedArrayBuffer;
}

/** Copies a series onto shared memory (once, in the main thread). */
export function shareSeries(s: CandleSeries): SharedCandles {
  const columns = Object.fromEntries(COLS.map((k) => [k, share(s[k])])) as SharedCandles['columns'];
  return { symbol: s.symbol, timeframe: s.timeframe, kind: s.kind, columns };
}

/** Wraps shared columns as a {@link CandleSeries} without copying. */
export function viewSeries(s: SharedCandles): CandleSeries {
  const c = Object.fromEntries(COLS.map((k) => [k, new Float64Array(s.columns[k])])) as Record<
    (typeof COLS)[number],
    Float64Array
  >;
  return { symbol: s.symbol, timeframe: s.timeframe, kind: s.kind, length: c.ts.length, ...c };
}

/** Copies funding events onto shared memory. */
export function shareFunding(f: FundingSeries): SharedFunding {
  return { symbol: f.symbol, ts: share(f.ts), rate: share(f.rate) };
}

/** Wraps shared funding events without copying. */
export function viewFunding(f: SharedFunding): FundingSeries {
  const ts = new Float64Array(f.ts);
  return { symbol: f.symbol, length: ts.length, ts, rate: new Float64Array(f.rate) };
}

/** Exposes precomputed indicators (computed with {@link sharedFloat64} as `alloc`) as shared buffers. */
export function sharePrecomputed(p: PrecomputedIndicators): SharedPrecomputed {
  const buf = (a: Float64Array) => a.buffer as SharedArrayBuffer;
  return {
    from: p.source?.from ?? 0,
    ts: buf(p.ts),
    values: Object.fromEntries([...p.values].map(([k, v]) => [k, buf(v)])),
  };
}

/** Wraps shared precomputed indicators, computed over `candles`, without copying. */
export function viewPrecomputed(p: SharedPrecomputed, candles: CandleSeries): PrecomputedIndicators {
  return {
    source: { candles, from: p.from },
    ts: new Float64Array(p.ts),
    values: new Map(
      Object.keys(p.values)
        .sort()
        .map((k) => [k, new Float64Array(p.values[k] as SharedArrayBuffer)]),
    ),
  };
}
