import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priorHigh, priorLow } from './prior-extreme.js';
import { candleWalk } from '../sim/fixtures/candle-walk.js';

describe('prior extremes', () => {
  it('equal the max high and min low of the L candles before each candle, NaN before L candles, on random data', () => {
    fc.assert(
      fc.property(candleWalk(1, 150), fc.integer({ min: 1, max: 40 }), (candles, L) => {
        const hi = priorHigh(L).create();
        const lo = priorLow(L).create();
        candles.forEach((c, t) => {
          const h = hi.update(c);
          const l = lo.update(c);
          if (t < L) {
            expect(h).toBeNaN();
            expect(l).toBeNaN();
            return;
          }
          const window = candles.slice(t - L, t);
          expect(h).toBe(Math.max(...window.map((x) => x.high)));
          expect(l).toBe(Math.min(...window.map((x) => x.low)));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('excludes the current candle when it makes a new high', () => {
    const s = priorHigh(2).create();
    const c = (ts: number, high: number) => ({ ts, open: 1, high, low: 0.5, close: 1, volume: 0 });
    expect(s.update(c(0, 5))).toBeNaN();
    expect(s.update(c(1, 6))).toBeNaN();
    expect(s.update(c(2, 100))).toBe(6); // max(5, 6): candle 2 itself is not in its own window
    expect(s.update(c(3, 1))).toBe(100); // max(6, 100)
  });

  it('has a key naming its setting', () => {
    expect(priorHigh(20).key).toBe('prior-high:20');
    expect(priorLow(7).key).toBe('prior-low:7');
  });
});
