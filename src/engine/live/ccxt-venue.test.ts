/**
 * CcxtVenue beyond the shared contract: lost answers, refusals, the outbox after a crash, and
 * start-up reconciliation — with the real ccxt `binanceusdm` against the fake exchange.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { lostAnswer, serverError, type FakeBinance } from '../../../test-support/fake-binance/index.js';
import { venueOnFake } from '../../../test-support/venue-on-fake.js';
import { ConfigError } from '../errors.js';
import type { OrderRequest } from '../ports/venue.js';
import type { Candle } from '../types.js';

import { reconcile } from './reconcile.js';

const T0 = Date.UTC(2025, 5, 1);
const P = 30_000;
const quiet = (i: number): Candle => ({ ts: T0 + i * 60_000, open: P, high: P + 5, low: P - 5, close: P, volume: 1 });
const market = (id: string, side: 'buy' | 'sell', extra: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: id,
  side,
  type: 'market',
  amount: 0.01,
  reduceOnly: false,
  ...extra,
});

let fake: FakeBinance;
afterEach(async () => {
  await fake.close();
});

async function setup() {
  const h = await venueOnFake(T0, quiet(0));
  fake = h.fake;
  return h;
}

describe('CcxtVenue sending orders', () => {
  it('looks a lost answer up by client id instead of sending the order twice', async () => {
    const { venue } = await setup();
    const v = venue();
    fake.inject('/fapi/v1/order', lostAnswer(), { times: 1 });
    const o = await v.placeOrder(market('cb-BTC-a1-e', 'buy'));
    expect(o.status).toBe('open'); // unknown outcome: possibly live
    expect(v.entryBlock(fake.clock.now())).toMatch(/unknown outcome/);
    await v.sync(); // the open-orders list shows it: the outcome is known, nothing sent again
    expect(fake.book.orders.map((x) => x.clientOrderId)).toEqual(['cb-BTC-a1-e']);
    expect(fake.requestsTo('/fapi/v1/order').map((r) => r.method)).toEqual(['POST']);
    expect(v.entryBlock(fake.clock.now())).toBeNull();
  });

  it('never re-sends an entry after a 503 and takes it as absent only after recvWindow and two lookups 1 s apart', async () => {
    const { venue } = await setup();
    const v = venue();
    fake.inject('/fapi/v1/order', serverError(503), { times: 1 });
    const o = await v.placeOrder(market('cb-BTC-a2-e', 'buy'));
    expect(o.status).toBe('open');
    const t0 = fake.clock.now();
    await v.sync(); // −2013 inside recvWindow proves nothing
    fake.clock.set(t0 + 5_500);
    await v.sync(); // first lookup past the window
    expect(await v.getOrder('cb-BTC-a2-e')).toMatchObject({ status: 'open' });
    expect(v.entryBlock(fake.clock.now())).toMatch(/unknown outcome/);
    fake.clock.set(t0 + 6_600);
    await v.sync(); // second, ≥ 1 s later: proved absent
    expect(await v.getOrder('cb-BTC-a2-e')).toMatchObject({ status: 'rejected' });
    expect(v.entryBlock(fake.clock.now())).toBeNull();
    expect(fake.book.orders).toHaveLength(0);
    expect(fake.requestsTo('/fapi/v1/order').filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('writes every request to the outbox before it goes out', async () => {
    const { venue } = await setup();
    const written: string[] = [];
    const v = venue(undefined, [], { outbox: (r) => written.push(`${r.clientOrderId}@${fake.requests.length}`) });
    await v.placeOrder(market('cb-BTC-a3-e', 'buy'));
    expect(written).toEqual([`cb-BTC-a3-e@${fake.requests.findIndex((r) => r.method === 'POST')}`]);
  });

  it("comes back rejected with the exchange's reason when the order is refused", async () => {
    const { venue } = await setup();
    const o = await venue().placeOrder(market('cb-BTC-a4-e', 'buy', { amount: 0.001 }));
    expect(o).toMatchObject({ status: 'rejected' });
    expect(o.reason).toMatch(/-4164.*notional/);
  });

  it('places the stop through the Algo Order API with a last-price trigger and the take-profit as a reduce-only limit', async () => {
    const { venue, advance } = await setup();
    const v = venue();
    await v.placeOrder(
      market('cb-BTC-a5-e', 'buy', {
        bracket: {
          stopDistance: 100,
          takeProfitDistance: 200,
          stopClientOrderId: 'cb-BTC-a5-s',
          takeProfitClientOrderId: 'cb-BTC-a5-t',
        },
      }),
    );
    advance(quiet(1));
    await v.sync();
    const algo = fake.requestsTo('/fapi/v1/algoOrder');
    expect(algo.map((r) => r.method)).toEqual(['POST']);
    expect(fake.book.algoOrders).toMatchObject([
      {
        clientAlgoId: 'cb-BTC-a5-s',
        orderType: 'STOP_MARKET',
        workingType: 'CONTRACT_PRICE',
        triggerPrice: P - 100,
        closePosition: true,
      },
    ]);
    expect(fake.book.openOrders('BTCUSDT')).toMatchObject([
      { clientOrderId: 'cb-BTC-a5-t', type: 'LIMIT', price: P + 200, reduceOnly: true },
    ]);
  });

  it('takes "unknown order" on a cancel as the answer it is: looks the order up, reports it filled, logs no retry', async () => {
    const { venue, advance } = await setup();
    const retries: string[] = [];
    const v = venue(undefined, [], {
      hooks: { sleep: async () => undefined, onRetry: (r) => retries.push(r.what) },
    });
    await v.placeOrder(market('cb-BTC-a6-e', 'buy', { type: 'limit', price: P - 100 }));
    // The limit fills on the exchange before the cancel arrives: Binance answers −2011.
    advance({ ...quiet(1), low: P - 150 });
    const o = await v.cancelOrder('cb-BTC-a6-e');
    expect(fake.book.orders.find((x) => x.clientOrderId === 'cb-BTC-a6-e')).toMatchObject({ status: 'FILLED' });
    expect(o).toMatchObject({ status: 'filled', filled: 0.01 });
    expect(retries).toEqual([]);
  });
});

describe('reconcile at start-up', () => {
  it('drops a written-ahead order the exchange never saw, without sending it', async () => {
    const { venue } = await setup();
    const v = venue(undefined, [market('cb-BTC-b1-e', 'buy')]);
    await reconcile(v, 'BTC', undefined);
    expect(await v.getOrder('cb-BTC-b1-e')).toMatchObject({ status: 'open' }); // possibly live until proved absent
    const t0 = fake.clock.now();
    fake.clock.set(t0 + 6_000);
    await v.sync();
    fake.clock.set(t0 + 7_100);
    await v.sync();
    expect(await v.getOrder('cb-BTC-b1-e')).toMatchObject({
      status: 'rejected',
      reason: 'never booked (proved absent by lookups)',
    });
    expect(fake.requestsTo('/fapi/v1/order').filter((r) => r.method === 'POST')).toEqual([]);
    expect(fake.book.orders).toEqual([]);
  });

  it('adopts our open orders missing from the saved state and cancels a stale entry among them', async () => {
    const { venue } = await setup();
    await venue().placeOrder({
      clientOrderId: 'cb-BTC-b2-e',
      side: 'buy',
      type: 'limit',
      amount: 0.01,
      price: P - 500,
      reduceOnly: false,
    });
    const fresh = venue(); // the state file was lost
    const r = await reconcile(fresh, 'BTC', undefined);
    expect(r).toMatchObject({ adopted: ['cb-BTC-b2-e'], cancelledStale: ['cb-BTC-b2-e'], position: null });
    expect(fake.book.orders[0]?.status).toBe('CANCELED');
  });

  it('cancels bracket legs left open after the position closed while the bot was down', async () => {
    const { venue, advance } = await setup();
    const v = venue();
    await v.placeOrder(
      market('cb-BTC-b3-e', 'buy', {
        bracket: {
          stopDistance: 100,
          takeProfitDistance: 200,
          stopClientOrderId: 'cb-BTC-b3-s',
          takeProfitClientOrderId: 'cb-BTC-b3-t',
        },
      }),
    );
    advance(quiet(1));
    await v.sync();
    const saved = v.snapshot(fake.clock.now());
    // While down: the take-profit fills; Binance leaves the stop behind.
    advance({ ts: T0 + 2 * 60_000, open: P, high: P + 300, low: P - 5, close: P + 250, volume: 1 });
    const r = await reconcile(venue(saved), 'BTC', { strategy: {}, entryTs: T0 + 60_000, entry: null, exit: null });
    expect(r.position).toBeNull();
    expect(fake.book.openAlgoOrders('BTCUSDT')).toEqual([]);
    expect(fake.book.algoOrders[0]?.algoStatus).toBe('CANCELED');
  });

  it('waits for an entry sent just before a crash whose lookup still lags, then protects its position at the entry levels', async () => {
    const h = await venueOnFake(T0, quiet(0), { marketFillOnArrival: true, lookupLag: true, lookupLagMs: 3_000 });
    fake = h.fake;
    const bracket = {
      stopDistance: 100,
      takeProfitDistance: 200,
      stopClientOrderId: 'cb-BTC-b5-s',
      takeProfitClientOrderId: 'cb-BTC-b5-t',
    };
    const written: OrderRequest[] = [];
    // The crashed run wrote the entry ahead and sent it; it filled on arrival; the run died before the answer.
    fake.inject('/fapi/v1/order', lostAnswer(), { times: 1 });
    await h
      .venue(undefined, [], { outbox: (r) => written.push(r) })
      .placeOrder(market('cb-BTC-b5-e', 'buy', { bracket }));
    // The restart comes up within the lookup lag: "no such order" for the entry, a position of 0.01.
    const waits: number[] = [];
    const r = await reconcile(
      h.venue(undefined, written),
      'BTC',
      { strategy: {}, entryTs: null, entry: null, exit: null },
      async (ms) => {
        waits.push(ms);
        fake.clock.advance(ms);
      },
    );
    expect(r.position).toMatchObject({ side: 'long', amount: 0.01 });
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3_000);
    // The emergency stop placed before the entry was found has moved to the entry's level.
    expect(h.alerts.map(([k]) => k)).toEqual(expect.arrayContaining(['leg_missing', 'leg_replaced']));
    expect(fake.book.openAlgoOrders('BTCUSDT')).toMatchObject([
      { orderType: 'STOP_MARKET', side: 'SELL', triggerPrice: P - 100 },
    ]);
    expect(fake.book.openOrders('BTCUSDT')).toMatchObject([
      { type: 'LIMIT', side: 'SELL', reduceOnly: true, price: P + 200 },
    ]);
    expect(
      fake.requestsTo('/fapi/v1/order').filter((x) => x.method === 'POST' && x.params.reduceOnly !== 'true'),
    ).toHaveLength(1);
    expect(fake.violations()).toEqual([]);
  });

  it('refuses to start (exit 78) with a position the saved state does not explain', async () => {
    const { venue, advance } = await setup();
    await venue().placeOrder(market('manual-1', 'buy')); // someone else's order
    advance(quiet(1));
    const err = await reconcile(venue(), 'BTC', undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/long position of 0\.01 that coinbot's saved state does not explain/);
    // ... but only after it placed an emergency stop on it.
    expect(fake.book.openAlgoOrders('BTCUSDT')).toMatchObject([
      { orderType: 'STOP_MARKET', side: 'SELL', closePosition: true },
    ]);
  });
});
