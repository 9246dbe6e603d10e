import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesFromCandles } from '../data/candle-series.js';
import { normaliseSymbol } from '../symbols.js';
import { atr } from './atr.js';
import { lagged } from './lag.js';
import { precomputeIndicators, replayStream } from './precompute.js';
import { priorHigh, priorLow } from './prior-extreme.js';
import { candleWalk } from '../sim/fixtures/candle-walk.js';
import { trueRange } from './true-range.js';

const SYM = normaliseSymbol('ETH');

describe('precomputed indicators', () => {
  it('replay exactly the values of fresh incremental streams, once per distinct key', () => {
    fc.assert(
      fc.property(candleWalk(1, 120), fc.integer({ min: 0, max: 20 }), (candles, skip) => {
        const series = seriesFromCandles(SYM, '1m', candles);
        const from = Math.min(skip, candles.length - 1);
        const specs = [atr(5), atr(5), lagged(atr(5), 1), priorHigh(3), trueRange()];
        const pre = precomputeIndicators(specs, series, from, candles.length);
        expect([...pre.values.keys()]).toEqual(['atr:5', 'atr:5@-1', 'prior-high:3', 'tr']);
        for (const spec of specs) {
          const fresh = spec.create();
          const replay = replayStream(pre, spec.key);
          for (const c of candles.slice(from)) expect(replay.update(c)).toStrictEqual(fresh.update(c));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('steps candle by candle the specs without a batch form, beside those with one, to the same values', () => {
    fc.assert(
      fc.property(candleWalk(1, 120), fc.integer({ min: 0, max: 20 }), (candles, skip) => {
        const series = seriesFromCandles(SYM, '1m', candles);
        const from = Math.min(skip, candles.length - 1);
        const batched = [atr(5), lagged(atr(5), 2), priorHigh(3), priorLow(4), trueRange()];
        // Step-only twins: the same streams under another key, without a batch form.
        const stepped = batched.map((s) => ({ key: `${s.key}~step`, create: s.create }));
        const pre = precomputeIndicators([...stepped, ...batched], series, from, candles.length);
        expect([...pre.ts]).toEqual(candles.slice(from).map((c) => c.ts));
        for (const s of batched) expect(pre.values.get(`${s.key}~step`)).toEqual(pre.values.get(s.key));
        const only = precomputeIndicators(stepped, series, from, candles.length);
        expect([...only.ts]).toEqual([...pre.ts]);
        for (const s of stepped) expect(only.values.get(s.key)).toEqual(pre.values.get(s.key));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a window outside the series (a wiring bug)', () => {
    const candles = [0, 1, 2].map((i) => ({ ts: i * 60_000, open: 1, high: 2, low: 0.5, close: 1, volume: 0 }));
    const s = seriesFromCandles(SYM, '1m', candles);
    expect(() => precomputeIndicators([trueRange()], s, 0, 4)).toThrow(/rows \[0, 4\) of 3/);
    expect(() => precomputeIndicators([trueRange()], s, 2, 1)).toThrow(/Invariant/);
  });

  it('refuses to replay a value for a candle it was not computed for', () => {
    const candles = [0, 1, 2].map((i) => ({ ts: i * 60_000, open: 1, high: 2, low: 0.5, close: 1, volume: 0 }));
    const pre = precomputeIndicators([trueRange()], seriesFromCandles(SYM, '1m', candles), 1, 3);
    expect(() => replayStream(pre, 'tr').update(candles[0] as (typeof candles)[number])).toThrow(
      /precompute from the first candle/,
    );
  });

  it('lags a stream by k candles', () => {
    const s = lagged(trueRange(), 2).create();
    const candles = [
      [1, 1, 1],
      [3, 1, 2],
      [5, 1, 2],
      [9, 1, 2],
    ].map(([h, l, c], i) => ({ ts: i, open: 1, high: h as number, low: l as number, close: c as number, volume: 0 }));
    const out = candles.map((c) => s.update(c));
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeNaN(); // TR of candle 0 is NaN
    expect(out[3]).toBe(2); // TR of candle 1 = max(3 − 1, |3 − 1|, |1 − 1|)
  });
});
