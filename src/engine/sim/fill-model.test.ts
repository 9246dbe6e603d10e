/** One row per fill rule of fill-model.ts; candle [open, high, low, close] = [100, 110, 90, 105] unless stated. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bracketExitAfterIntrabarEntry,
  bracketExitFromOpen,
  bracketQuietBand,
  isMarketableOnArrival,
  limitFillAtOpen,
  limitFillIntrabar,
  marketFillPrice,
  slip,
  stopFillAtOpen,
  stopFillIntrabar,
} from './fill-model.js';

const c = (open: number, high: number, low: number, close: number) => ({ ts: 0, open, high, low, close, volume: 1 });
const C = c(100, 110, 90, 105);

describe('fill model', () => {
  it.each([
    ['a market buy at the open plus slippage', marketFillPrice('buy', C, 10), 100.1], // 100 × 1.001
    ['a market sell at the open minus slippage', marketFillPrice('sell', C, 10), 99.9],
    ['a slipped buy clamped to the high', slip('buy', 110, 10, C), 110],
    ['a slipped sell clamped to the low', slip('sell', 90, 10, C), 90],
    ['a buy limit at a better open', limitFillAtOpen('buy', 101, C), 100],
    ['a buy limit not crossed at the open', limitFillAtOpen('buy', 99, C), null],
    ['a buy limit reached inside the candle, at its price', limitFillIntrabar('buy', 95, C), 95],
    ['a buy limit the low touches exactly', limitFillIntrabar('buy', 90, C), 90],
    ['a sell limit the high does not reach', limitFillIntrabar('sell', 111, C), null],
    ['a sell stop gapped through at the open, slipped', stopFillAtOpen('sell', 101, C, 10), 99.9],
    ['a sell stop reached inside the candle, slipped from its trigger', stopFillIntrabar('sell', 95, C, 10), 94.905], // 95 × 0.999
    ['a buy stop reached inside the candle', stopFillIntrabar('buy', 108, C, 0), 108],
  ])('fills %s', (_what, got, expected) => {
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 10);
  });

  it('treats a limit crossing the last close as marketable on arrival', () => {
    expect(isMarketableOnArrival('buy', 100, 100)).toBe(true);
    expect(isMarketableOnArrival('buy', 99.99, 100)).toBe(false);
    expect(isMarketableOnArrival('sell', 100, 100.01)).toBe(true);
  });

  it('takes the stop first when a candle reaches both bracket levels of a long', () => {
    expect(bracketExitFromOpen('sell', 95, 108, C, 0)).toEqual({ leg: 'stop', price: 95, liquidity: 'taker' });
  });

  it('takes the take-profit at a better open when the candle opens beyond it', () => {
    expect(bracketExitFromOpen('sell', 80, 98, C, 0)).toEqual({ leg: 'take_profit', price: 100, liquidity: 'maker' });
  });

  it('takes the stop at the open when the candle opens beyond it, even if the high reaches the take-profit', () => {
    expect(bracketExitFromOpen('sell', 101, 108, C, 0)).toEqual({ leg: 'stop', price: 100, liquidity: 'taker' });
  });

  it('mirrors the bracket for a short', () => {
    expect(bracketExitFromOpen('buy', 108, 95, C, 0)).toEqual({ leg: 'stop', price: 108, liquidity: 'taker' });
    expect(bracketExitFromOpen('buy', 120, 95, c(100, 101, 94, 96), 0)).toEqual({
      leg: 'take_profit',
      price: 95,
      liquidity: 'maker',
    });
  });

  it('after an intrabar entry counts the take-profit only if the close reaches it', () => {
    expect(bracketExitAfterIntrabarEntry('sell', 85, 108, C, 0)).toBeNull(); // high 110 ≥ 108 but close 105 < 108
    expect(bracketExitAfterIntrabarEntry('sell', 85, 104, C, 0)).toEqual({
      leg: 'take_profit',
      price: 104,
      liquidity: 'maker',
    });
    expect(bracketExitAfterIntrabarEntry('sell', 92, 104, C, 0)).toEqual({
      leg: 'stop',
      price: 92,
      liquidity: 'taker',
    });
  });
});

describe('the bracket quiet band', () => {
  // Small integer prices so that candles often touch a level exactly.
  const px = fc.integer({ min: 90, max: 110 });
  const level = fc.option(px, { nil: null });
  it('is the band of candles on which bracketExitFromOpen returns null, for either side, with a leg missing or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('buy' as const, 'sell' as const),
        level,
        level,
        fc.array(px, { minLength: 4, maxLength: 4 }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (side, stop, tp, prices, slippage) => {
          const [o, a, b, cl] = prices as [number, number, number, number];
          const high = Math.max(o, a, b, cl);
          const low = Math.min(o, a, b, cl);
          const candle = c(o, high, low, cl);
          const band = bracketQuietBand(side, stop, tp);
          const quiet =
            Math.min(candle.open, candle.low) > band.above && Math.max(candle.open, candle.high) < band.below;
          expect(quiet).toBe(bracketExitFromOpen(side, stop, tp, candle, slippage) === null);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
