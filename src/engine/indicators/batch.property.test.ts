/**
 * Every built-in indicator's batch form (what `precomputeIndicators` uses for sweeps and single
 * backtests) equals its incremental stream fed the same candles from the same row, byte for byte
 * (the two Float64Arrays' bytes: NaN payloads and −0 included), on arbitrary prices (NaN,
 * ±Infinity, −0, repeated values), any window of any series, lags of lags, and when the same spec
 * object's batch already ran on another window (as a sweep's two precomputes do), with or without
 * the output array a precompute passes in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { seriesFromCandles } from '../data/candle-series.js';
import { normaliseSymbol } from '../symbols.js';
import type { Candle, CandleSeries } from '../types.js';
import { atr } from './atr.js';
import { lagged } from './lag.js';
import { priorHigh, priorLow } from './prior-extreme.js';
import type { IndicatorSpec } from './stream.js';
import { trueRange } from './true-range.js';

const SYM = normaliseSymbol('ETH');

/** A price: mostly a few repeated levels (ties in the extremes), sometimes any double at all. */
const price = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(1, 2, 2.5, 3) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -0, 0, Infinity, -Infinity) },
);

/** A series of up to 80 candles (`size: 'max'`: fast-check's default size would stop near 12). */
const series = fc
  .array(fc.tuple(price, price, price), { minLength: 0, maxLength: 80, size: 'max' })
  .map((rows) =>
    rows.map(([high, low, close], i): Candle => ({ ts: i * 60_000, open: close, high, low, close, volume: 0 })),
  );

/** A series with a window [from, to) of it and another window the spec's batch runs on first. */
const windowed = series.chain((rows) =>
  fc
    .tuple(fc.nat({ max: rows.length }), fc.nat({ max: rows.length }), fc.nat({ max: rows.length }))
    .map(([a, b, other]) => ({ rows, from: Math.min(a, b), to: Math.max(a, b), other })),
);

const base = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((p) => atr(p)),
  fc.constant(trueRange()),
  fc.integer({ min: 1, max: 12 }).map((l) => priorHigh(l)),
  fc.integer({ min: 1, max: 12 }).map((l) => priorLow(l)),
);
const lag = fc.integer({ min: 1, max: 5 });
const spec: fc.Arbitrary<IndicatorSpec> = fc.oneof(
  base,
  fc.tuple(base, lag).map(([s, k]) => lagged(s, k)),
  fc.tuple(base, lag, lag).map(([s, k, j]) => lagged(lagged(s, k), j)),
);

const bytes = (a: Float64Array) => [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)];

/** The batch of `s` over `[from, to)`, called as the engine calls it (a method of the spec). */
function batchOf(s: IndicatorSpec, c: CandleSeries, from: number, to: number, out?: Float64Array): Float64Array {
  if (s.batch === undefined) throw new Error(`${s.key} has no batch form`);
  return s.batch(c, from, to, out);
}

describe('batch forms of the indicators', () => {
  it('equal a fresh stream byte for byte on any window of any prices, on a second call and into a given array', () => {
    fc.assert(
      fc.property(windowed, spec, ({ rows, from, to, other }, s) => {
        const c = seriesFromCandles(SYM, '1m', rows);
        batchOf(s, c, Math.min(other, to), to);
        const batch = batchOf(s, c, from, to);
        const stream = s.create();
        const expected = Float64Array.from(rows.slice(from, to), (bar) => stream.update(bar));
        expect(bytes(batch), `${s.key} over [${from}, ${to}) of ${rows.length}`).toEqual(bytes(expected));
        // Into an array a precompute gives it, full of other values first: the same bytes, in place.
        const out = new Float64Array(to - from).fill(-123.5);
        expect(batchOf(s, c, from, to, out)).toBe(out);
        expect(bytes(out), `${s.key} into out`).toEqual(bytes(expected));
      }),
      { numRuns: 1000 },
    );
  });

  it('exist for every indicator the ATR-breakout strategy declares, so its precompute steps no candle objects', () => {
    const declared = Object.values(atrBreakout.indicators(atrBreakout.params.defaults));
    expect(declared.length).toBeGreaterThan(0);
    for (const s of declared) expect(s.batch, s.key).toBeTypeOf('function');
  });
});
