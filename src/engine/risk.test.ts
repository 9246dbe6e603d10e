import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backstopHit, backstopQuietBand, checkOnePosition, sizeEntry } from './risk.js';
import type { MarketFacts } from './types.js';
import type { PerpSymbol } from './symbols.js';

const ETH: MarketFacts = {
  symbol: 'ETH/USDT:USDT' as PerpSymbol,
  id: 'ETHUSDT',
  contractType: 'PERPETUAL',
  status: 'TRADING',
  tickSize: 0.01,
  stepSize: 0.001,
  minQty: 0.001,
  minNotional: 20,
  asOf: 0,
};

describe('sizeEntry', () => {
  it('rounds notional / price down to the step', () => {
    expect(sizeEntry(1000, 2424.5, ETH)).toEqual({ ok: true, amount: 0.412 }); // 0.41245… → 0.412
  });

  it('refuses an amount that rounds to zero, a too-small amount, or a too-small notional, with the reason', () => {
    expect(sizeEntry(1, 2424.5, ETH)).toMatchObject({
      ok: false,
      amount: 0,
      reason: expect.stringMatching(/rounds to 0/),
    });
    expect(sizeEntry(10, 100, { ...ETH, minQty: 1 })).toMatchObject({
      ok: false,
      reason: 'amount 0.1 is below the minimum amount 1',
    });
    expect(sizeEntry(19, 100, ETH)).toMatchObject({
      ok: false,
      amount: 0.19,
      reason: 'notional 19.00 USDT is below the minimum notional 20 USDT',
    });
  });
});

describe('checkOnePosition', () => {
  it('refuses an entry while a position is open or an entry is pending', () => {
    expect(checkOnePosition(true, false)).toMatch(/position is already open/);
    expect(checkOnePosition(false, true)).toMatch(/entry order is already pending/);
    expect(checkOnePosition(false, false)).toBeNull();
  });
});

describe('the backstop quiet band', () => {
  // Small integer prices so that candles often touch a level exactly; NaN for a level never set.
  const px = fc.integer({ min: 90, max: 110 });
  const level = fc.oneof(px, fc.constant(Number.NaN));
  it('holds a candle exactly when backstopHit finds no level traded through, for either side', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('long' as const, 'short' as const),
        level,
        level,
        fc.array(px, { minLength: 4, maxLength: 4 }),
        (side, stop, takeProfit, prices) => {
          const [open, a, b, close] = prices as [number, number, number, number];
          const bar = {
            ts: 0,
            open,
            high: Math.max(open, a, b, close),
            low: Math.min(open, a, b, close),
            close,
            volume: 1,
          };
          const band = backstopQuietBand(side, { stop, takeProfit, from: 0 });
          const quiet = bar.low >= band.above && bar.high <= band.below;
          expect(quiet).toBe(backstopHit(side, { stop, takeProfit, from: 0 }, bar) === null);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
