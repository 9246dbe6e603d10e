import fc from 'fast-check';
import { resolve } from 'node:path';
import { ATR } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { readCandles } from '../data/candle-store.js';
import { normaliseSymbol } from '../symbols.js';
import { atrArray, AtrStream } from './atr.js';
import { candleWalk } from '../sim/fixtures/candle-walk.js';

const SAMPLE = resolve(import.meta.dirname, '../../../data/sample');

/** Own ATR values aligned with technicalindicators' output (which starts at index `period`). */
function compare(high: number[], low: number[], close: number[], period: number): void {
  const ref = ATR.calculate({ high, low, close, period });
  const own = atrArray(Float64Array.from(high), Float64Array.from(low), Float64Array.from(close), period);
  const stream = new AtrStream(period);
  const streamed = high.map((h, i) =>
    stream.update({
      ts: i,
      open: close[i] as number,
      high: h,
      low: low[i] as number,
      close: close[i] as number,
      volume: 0,
    }),
  );
  expect(ref.length).toBe(Math.max(0, high.length - period));
  let worst = 0;
  let notNaNEarly = 0;
  let streamDiffers = 0;
  for (let i = 0; i < high.length; i++) {
    if (!Object.is(streamed[i], own[i])) streamDiffers += 1;
    if (i < period) {
      if (!Number.isNaN(own[i])) notNaNEarly += 1;
      continue;
    }
    const r = ref[i - period] as number;
    const diff = Math.abs((own[i] as number) - r);
    worst = Math.max(worst, diff === 0 ? 0 : diff / Math.abs(r));
  }
  expect(notNaNEarly).toBe(0);
  expect(streamDiffers).toBe(0);
  expect(worst).toBeLessThanOrEqual(1e-12);
}

describe('Wilder ATR', () => {
  it('equals technicalindicators within a relative 1e-12 on random candles and periods', () => {
    fc.assert(
      fc.property(candleWalk(2, 200), fc.integer({ min: 1, max: 30 }), (candles, period) => {
        compare(
          candles.map((c) => c.high),
          candles.map((c) => c.low),
          candles.map((c) => c.close),
          period,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('equals technicalindicators within a relative 1e-12 on the bundled ETH sample for periods 1, 14 and 50', () => {
    const s = readCandles(SAMPLE, normaliseSymbol('ETH'), '1m');
    for (const period of [1, 14, 50]) compare(Array.from(s.high), Array.from(s.low), Array.from(s.close), period);
  });

  it('gives its first value at index period as the mean of TR[1..period]', () => {
    // TR1 = max(12−9, |12−10|, |9−10|) = 3; TR2 = max(13−10, |13−11|, |10−11|) = 3; TR3 = max(11−8, |11−12|, |8−12|) = 4.
    const bars = [
      [10, 11, 9, 10],
      [10, 12, 9, 11],
      [11, 13, 10, 12],
      [12, 11, 8, 9],
    ];
    const s = new AtrStream(2);
    const v = bars.map(([o, h, l, c], i) =>
      s.update({ ts: i, open: o as number, high: h as number, low: l as number, close: c as number, volume: 0 }),
    );
    expect(v[0]).toBeNaN();
    expect(v[1]).toBeNaN();
    expect(v[2]).toBe(3); // (3 + 3) / 2
    expect(v[3]).toBe(3.5); // (4 − 3) · ½ + 3
  });

  it('refuses a period that is not a positive integer', () => {
    expect(() => new AtrStream(0)).toThrow(/positive integer/);
  });
});
