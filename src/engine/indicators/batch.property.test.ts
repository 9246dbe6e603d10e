/**
 * Every built-in indicator's batch form (what `precomputeIndicators` uses for sweeps and single
 * backtests) equals its incremental stream fed the same candles from the same row, value for
 * value and bit for bit (`Object.is`: NaN with NaN, −0 only with −0), on arbitrary prices
 * (NaN, ±Infinity, −0, repeated values) and any start row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesFromCandles } from '../data/candle-series.js';
import { normaliseSymbol } from '../symbols.js';
import type { Candle } from '../types.js';
import { atr } from './atr.js';
import { lagged } from './lag.js';
import { priorHigh, priorLow } from './prior-extreme.js';
import type { IndicatorSpec } from './stream.js';
import { trueRange } from './true-range.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';

const SYM = normaliseSymbol('ETH');

/** A price: mostly a few repeated levels (ties in the extremes), sometimes any double at all. */
const price = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(1, 2, 2.5, 3) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -0, 0, Infinity, -Infinity) },
);

const candles = fc
  .array(fc.tuple(price, price, price), { minLength: 1, maxLength: 80 })
  .map((rows) =>
    rows.map(([high, low, close], i): Candle => ({ ts: i * 60_000, open: close, high, low, close, volume: 0 })),
  );

const specs = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((p) => atr(p)),
  fc.constant(trueRange()),
  fc.integer({ min: 1, max: 12 }).map((l) => priorHigh(l)),
  fc.integer({ min: 1, max: 12 }).map((l) => priorLow(l)),
);
const spec: fc.Arbitrary<IndicatorSpec> = fc.oneof(
  specs,
  fc.tuple(specs, fc.integer({ min: 1, max: 5 })).map(([s, k]) => lagged(s, k)),
);

describe('batch forms of the indicators', () => {
  it('equal their streams bit for bit from any start row, on any prices', () => {
    fc.assert(
      fc.property(candles, spec, fc.nat(), fc.nat(), (rows, s, a, b) => {
        const series = seriesFromCandles(SYM, '1m', rows);
        const from = a % rows.length;
        const to = from + (b % (rows.length - from + 1));
        const batch = (s.batch as NonNullable<IndicatorSpec['batch']>)(series, from, to);
        const stream = s.create();
        const expected = rows.slice(from, to).map((c) => stream.update(c));
        expect(batch.length).toBe(to - from);
        expected.forEach((v, i) =>
          expect(Object.is(batch[i], v), `${s.key} row ${from + i}: ${batch[i]} vs ${v}`).toBe(true),
        );
      }),
      { numRuns: 600 },
    );
  });

  it('exist for every indicator the ATR-breakout strategy declares, so its precompute steps no candle objects', () => {
    const declared = Object.values(atrBreakout.indicators(atrBreakout.params.defaults));
    expect(declared.length).toBeGreaterThan(0);
    for (const s of declared) expect(s.batch, s.key).toBeTypeOf('function');
  });
});
