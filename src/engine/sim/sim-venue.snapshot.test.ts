import { describe, expect, it } from 'vitest';
import { SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { candleAt } from '../data/candle-series.js';
import { readCandles } from '../data/candle-store.js';
import { readMarketFacts } from '../data/market-facts-store.js';
import type { Fill, OrderRequest } from '../ports/venue.js';
import { normaliseSymbol } from '../symbols.js';
import { BINANCE_USDM_FEES } from './sim-settings.js';
import { SimVenue } from './sim-venue.js';

const ETH = normaliseSymbol('ETH');
const candles = readCandles(SAMPLE_DATA_DIR, ETH, '1m');
const facts = readMarketFacts(SAMPLE_DATA_DIR, ETH);
const settings = { ...BINANCE_USDM_FEES, slippageBps: 1 };

describe('SimVenue snapshot (paper mode persistence)', () => {
  it('continues exactly as an uninterrupted venue when restored from its JSON snapshot before every candle', () => {
    const a = new SimVenue(facts, settings);
    let b = new SimVenue(facts, settings);
    const fa: Fill[] = [];
    const fb: Fill[] = [];
    for (let i = 0; i < 600; i++) {
      const c = candleAt(candles, i);
      if (i % 50 === 1 && a.position() === null) {
        const side = i % 100 === 1 ? 'buy' : 'sell';
        const req: OrderRequest =
          i % 150 === 1
            ? {
                clientOrderId: `cb-ETH-${i}-e`,
                side,
                type: 'limit',
                amount: 0.4,
                price: Math.round(c.close * (side === 'buy' ? 99.9 : 100.1)) / 100,
                reduceOnly: false,
              }
            : { clientOrderId: `cb-ETH-${i}-e`, side, type: 'market', amount: 0.4, reduceOnly: false };
        const bracketed = {
          ...req,
          bracket: {
            stopDistance: 4,
            takeProfitDistance: 5,
            stopClientOrderId: `cb-ETH-${i}-s`,
            takeProfitClientOrderId: `cb-ETH-${i}-t`,
          },
        };
        a.placeOrder(bracketed);
        b.placeOrder(bracketed);
      }
      b = SimVenue.restore(facts, settings, JSON.parse(JSON.stringify(b.snapshot())));
      a.processCandle(c);
      b.processCandle(c);
      fa.push(...a.takeFills());
      fb.push(...b.takeFills());
      expect(b.position()).toEqual(a.position());
    }
    expect(fa.length).toBeGreaterThan(10);
    expect(fb).toEqual(fa);
    expect(b.account.balance).toBeCloseTo(a.account.balance, 9);
    expect(b.openOrders()).toEqual(a.openOrders());
  });

  it('keeps only the finished orders it is told to keep, and every open one', () => {
    const v = new SimVenue(facts, settings);
    v.processCandle(candleAt(candles, 0));
    v.placeOrder({ clientOrderId: 'old', side: 'buy', type: 'limit', amount: 0.4, price: 1000, reduceOnly: false });
    v.cancelOrder('old');
    v.placeOrder({ clientOrderId: 'open', side: 'buy', type: 'limit', amount: 0.4, price: 1000, reduceOnly: false });
    expect(v.snapshot((id) => id !== 'old').orders.map((o) => o.req.clientOrderId)).toEqual(['open']);
  });
});
