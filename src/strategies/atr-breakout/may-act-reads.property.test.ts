/**
 * atr-breakout's `mayActReads` lists every parameter its `mayAct` hint reads: runs that share
 * where `mayAct` holds (run-loop/may-act-index.ts) are keyed by exactly these, so a parameter
 * read but not listed would give one set another set's candles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paramsOf, paramSet } from '../../engine/sim/fixtures/random-backtest.js';
import { atrBreakout } from './atr-breakout.js';

const price = fc.double({ min: 1, max: 200, noNaN: true });
const value = fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 200, noNaN: true }));

describe('atr-breakout mayActReads', () => {
  it('names every parameter mayAct reads, on random candles, indicator values and parameter sets', () => {
    fc.assert(
      fc.property(
        paramSet,
        fc.record({ open: price, high: price, low: price, close: price }),
        fc.record({ tr: value, atr: value, atrPrev: value, hi: value, lo: value }),
        (set, ohlc, ind) => {
          const read = new Set<string>();
          const params = new Proxy(paramsOf(set), {
            get(target, key, receiver) {
              if (typeof key === 'string') read.add(key);
              return Reflect.get(target, key, receiver) as unknown;
            },
          });
          atrBreakout.mayAct?.({ ts: 0, volume: 1, ...ohlc }, ind, params as never);
          expect([...read].filter((k) => !(atrBreakout.mayActReads as readonly string[]).includes(k))).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
