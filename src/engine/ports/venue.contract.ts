/**
 * The Venue contract: one suite every Venue implementation must pass — `SimVenue` now
 * (sim/sim-venue.contract.test.ts), the ccxt venue against the loopback fake exchange later.
 * It checks behaviour the runner relies on, not a fill model: market orders fill on the next
 * candle inside its range, limits wait for the price, reduce-only orders never open a position,
 * an attached bracket appears on the entry fill and its legs cancel each other, client order
 * ids are idempotent, and every fill is reported exactly once.
 *
 * Usage (in a `*.test.ts`): `runVenueContract('SimVenue', async () => makeHarness())`.
 * The harness drives the market: `advance(candle)` lets the exchange trade through one closed
 * candle and resolves once the venue has settled it. Prices are around 30,000 (needs tick ≤ 1).
 */
import { describe, expect, it } from 'vitest';
import { ceilTo } from '../increments.js';
import type { Candle, MarketFacts } from '../types.js';
import type { Order, OrderRequest, Venue } from './venue.js';

/** What a contract run needs from an implementation. */
export interface VenueHarness {
  readonly venue: Venue;
  readonly facts: MarketFacts;
  /** Trades the market through one closed candle; resolves once the venue has settled it. */
  advance(c: Candle): Promise<void>;
  /** Releases sockets, servers, timers. */
  close?(): Promise<void>;
}

const P = 30_000;
const T0 = Date.UTC(2025, 5, 1);

/** Candle i (1m) with the given prices. */
function bar(i: number, open: number, high: number, low: number, close: number): Candle {
  return { ts: T0 + i * 60_000, open, high, low, close, volume: 10 };
}

/** A quiet candle around P: [P − 5, P + 5]. */
function quiet(i: number): Candle {
  return bar(i, P, P + 5, P - 5, P);
}

/**
 * Registers the contract suite for one implementation.
 * @param make builds a fresh harness (a flat account, no orders) per test.
 */
// Over 80 lines: a test-suite registration (one describe, one block per contract test); the tests
// are its units.
export function runVenueContract(name: string, make: () => Promise<VenueHarness>): void {
  describe(`Venue contract: ${name}`, () => {
    async function setup() {
      const h = await make();
      const f = h.facts;
      const amount = ceilTo(Math.max(f.minQty, (2 * f.minNotional) / P), f.stepSize);
      await h.advance(quiet(0));
      return { h, v: h.venue, amount, tick: f.tickSize };
    }
    async function done(h: VenueHarness) {
      await h.close?.();
    }
    const market = (
      id: string,
      side: 'buy' | 'sell',
      amount: number,
      extra: Partial<OrderRequest> = {},
    ): OrderRequest => ({ clientOrderId: id, side, type: 'market', amount, reduceOnly: false, ...extra });

    it('does not fill a market order before the next candle', async () => {
      const { h, v, amount } = await setup();
      const o = await v.placeOrder(market('cb-T-1-e', 'buy', amount));
      expect(o.status).toBe('open');
      expect(await v.takeFills()).toEqual([]);
      expect(await v.position()).toBeNull();
      await done(h);
    });

    it('fills a market buy on the next candle inside its range and reports a long position', async () => {
      const { h, v, amount } = await setup();
      await v.placeOrder(market('cb-T-2-e', 'buy', amount));
      const c = bar(1, P, P + 10, P - 10, P + 2);
      await h.advance(c);
      const fills = await v.takeFills();
      expect(fills).toHaveLength(1);
      const f = fills[0] as (typeof fills)[number];
      expect(f).toMatchObject({ clientOrderId: 'cb-T-2-e', side: 'buy', amount, reduceOnly: false });
      expect(f.price).toBeGreaterThanOrEqual(c.low);
      expect(f.price).toBeLessThanOrEqual(c.high);
      expect(f.fee).toBeGreaterThanOrEqual(0);
      expect(await v.position()).toMatchObject({ side: 'long', amount });
      expect(await v.getOrder('cb-T-2-e')).toMatchObject({ status: 'filled', filled: amount });
      await done(h);
    });

    it('fills a market sell from flat as a short position', async () => {
      const { h, v, amount } = await setup();
      await v.placeOrder(market('cb-T-3-e', 'sell', amount));
      await h.advance(quiet(1));
      expect(await v.position()).toMatchObject({ side: 'short', amount });
      await done(h);
    });

    it('rests a buy limit until a candle low reaches it, then fills at or below the limit', async () => {
      const { h, v, amount, tick } = await setup();
      const limit = ceilTo(P - 50, tick);
      await v.placeOrder({
        clientOrderId: 'cb-T-4-e',
        side: 'buy',
        type: 'limit',
        amount,
        price: limit,
        reduceOnly: false,
      });
      await h.advance(bar(1, P, P + 10, P - 20, P));
      expect(await v.takeFills()).toEqual([]);
      expect((await v.openOrders()).map((o) => o.clientOrderId)).toContain('cb-T-4-e');
      const c = bar(2, P, P + 5, P - 80, P - 60);
      await h.advance(c);
      const fills = await v.takeFills();
      expect(fills).toHaveLength(1);
      expect((fills[0] as (typeof fills)[number]).price).toBeLessThanOrEqual(limit);
      expect((fills[0] as (typeof fills)[number]).price).toBeGreaterThanOrEqual(c.low);
      expect(await v.position()).toMatchObject({ side: 'long', amount });
      await done(h);
    });

    it('cancels a resting limit so that later candles never fill it', async () => {
      const { h, v, amount, tick } = await setup();
      await v.placeOrder({
        clientOrderId: 'cb-T-5-e',
        side: 'buy',
        type: 'limit',
        amount,
        price: ceilTo(P - 50, tick),
        reduceOnly: false,
      });
      expect(await v.cancelOrder('cb-T-5-e')).toMatchObject({ status: 'cancelled' });
      expect(await v.openOrders()).toEqual([]);
      await h.advance(bar(1, P, P, P - 100, P - 90));
      expect(await v.takeFills()).toEqual([]);
      expect(await v.position()).toBeNull();
      await done(h);
    });

    it('returns null when cancelling or looking up an unknown client order id', async () => {
      const { h, v } = await setup();
      expect(await v.cancelOrder('cb-T-404-e')).toBeNull();
      expect(await v.getOrder('cb-T-404-e')).toBeNull();
      await done(h);
    });

    it('does not duplicate an order sent twice with the same client order id', async () => {
      const { h, v, amount } = await setup();
      await v.placeOrder(market('cb-T-6-e', 'buy', amount));
      await v.placeOrder(market('cb-T-6-e', 'buy', amount));
      await h.advance(quiet(1));
      expect(await v.takeFills()).toHaveLength(1);
      expect(await v.position()).toMatchObject({ amount });
      await done(h);
    });

    it('rejects a reduce-only order when flat and opens no position', async () => {
      const { h, v, amount } = await setup();
      const o = await v.placeOrder(market('cb-T-7-x', 'sell', amount, { reduceOnly: true }));
      expect(o.status).toBe('rejected');
      expect(o.reason).toBeTruthy();
      await h.advance(quiet(1));
      expect(await v.position()).toBeNull();
      await done(h);
    });

    it('closes a position with a reduce-only market order', async () => {
      const { h, v, amount } = await setup();
      await v.placeOrder(market('cb-T-8-e', 'buy', amount));
      await h.advance(quiet(1));
      await v.placeOrder(market('cb-T-8-x', 'sell', amount, { reduceOnly: true }));
      await h.advance(quiet(2));
      expect(await v.position()).toBeNull();
      const fills = await v.takeFills();
      expect(fills.map((f) => [f.side, f.reduceOnly])).toEqual([
        ['buy', false],
        ['sell', true],
      ]);
      expect(await v.takeFills()).toEqual([]);
      await done(h);
    });

    async function bracketed(side: 'buy' | 'sell') {
      const s = await setup();
      const bracket = {
        stopDistance: 100,
        takeProfitDistance: 200,
        stopClientOrderId: 'cb-T-9-s',
        takeProfitClientOrderId: 'cb-T-9-t',
      };
      await s.v.placeOrder(market('cb-T-9-e', side, s.amount, { bracket }));
      await s.h.advance(quiet(1));
      const entry = (await s.v.takeFills())[0];
      expect(entry).toBeDefined();
      const legs = new Map<string, Order>((await s.v.openOrders()).map((o) => [o.clientOrderId, o]));
      return { ...s, fill: (entry as { price: number }).price, stop: legs.get('cb-T-9-s'), tp: legs.get('cb-T-9-t') };
    }

    it('places the attached reduce-only stop below and take-profit above a long when the entry fills', async () => {
      const { h, fill, stop, tp, tick } = await bracketed('buy');
      expect(stop).toMatchObject({ type: 'stop_market', side: 'sell', reduceOnly: true, status: 'open' });
      expect(tp).toMatchObject({ type: 'limit', side: 'sell', reduceOnly: true, status: 'open' });
      expect(Math.abs((stop?.triggerPrice as number) - (fill - 100))).toBeLessThanOrEqual(tick + 1e-9);
      expect(Math.abs((tp?.price as number) - (fill + 200))).toBeLessThanOrEqual(tick + 1e-9);
      await done(h);
    });

    it('places the stop above and the take-profit below a short', async () => {
      const { h, fill, stop, tp, tick } = await bracketed('sell');
      expect(stop).toMatchObject({ side: 'buy', reduceOnly: true });
      expect(Math.abs((stop?.triggerPrice as number) - (fill + 100))).toBeLessThanOrEqual(tick + 1e-9);
      expect(Math.abs((tp?.price as number) - (fill - 200))).toBeLessThanOrEqual(tick + 1e-9);
      await done(h);
    });

    it('closes a long at the stop and cancels the take-profit when the price falls through the stop', async () => {
      const { h, v, fill } = await bracketed('buy');
      await h.advance(bar(2, fill, fill + 5, fill - 300, fill - 250));
      expect(await v.position()).toBeNull();
      const fills = await v.takeFills();
      expect(fills.map((f) => f.clientOrderId)).toEqual(['cb-T-9-s']);
      expect(await v.getOrder('cb-T-9-t')).toMatchObject({ status: 'cancelled' });
      expect(await v.openOrders()).toEqual([]);
      await done(h);
    });

    it('closes a long at the take-profit and cancels the stop when the price rises through it', async () => {
      const { h, v, fill } = await bracketed('buy');
      await h.advance(bar(2, fill, fill + 400, fill - 5, fill + 350));
      expect(await v.position()).toBeNull();
      const fills = await v.takeFills();
      expect(fills.map((f) => f.clientOrderId)).toEqual(['cb-T-9-t']);
      expect((fills[0] as { price: number }).price).toBeGreaterThanOrEqual(fill + 190);
      expect(await v.getOrder('cb-T-9-s')).toMatchObject({ status: 'cancelled' });
      await done(h);
    });
  });
}
