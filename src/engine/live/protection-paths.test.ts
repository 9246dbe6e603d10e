/**
 * The paths where real mode used to leave a position without its stop (issue "Real mode never
 * leaves a position without its stop"), one test each, with the real ccxt `binanceusdm` against
 * the harsh fake exchange, whose rule checker measures protection from its own book.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serverError, type FakeBinance, type HarshBehaviours } from '../../../test-support/fake-binance/index.js';
import { venueOnFake } from '../../../test-support/venue-on-fake.js';
import type { OrderRequest } from '../ports/venue.js';
import type { Candle } from '../types.js';
import type { CcxtVenue, CcxtVenueSnapshot } from './ccxt-venue.js';

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 1);
const P = 30_000;
const bar = (i: number, low = P - 5, high = P + 5, close = P): Candle => ({
  ts: T0 + i * MIN,
  open: P,
  high,
  low,
  close,
  volume: 1,
});
const BRACKET = (k: string) => ({
  stopDistance: 100,
  takeProfitDistance: 200,
  stopClientOrderId: `cb-BTC-${k}-s`,
  takeProfitClientOrderId: `cb-BTC-${k}-t`,
});
const entry = (k: string, extra: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: `cb-BTC-${k}-e`,
  side: 'buy',
  type: 'market',
  amount: 0.01,
  reduceOnly: false,
  bracket: BRACKET(k),
  ...extra,
});

let fake: FakeBinance;
afterEach(async () => {
  await fake.close();
});

async function setup(harsh: Partial<HarshBehaviours>) {
  const h = await venueOnFake(T0, bar(0), harsh);
  fake = h.fake;
  return h;
}

const stops = () => fake.book.openAlgoOrders('BTCUSDT').filter((o) => o.orderType === 'STOP_MARKET');

describe('real mode keeps a stop on every position', () => {
  it('never drops a stop whose placement failed: retries after proving it absent, within 10 s, and alerts', async () => {
    const { venue, alerts } = await setup({ marketFillOnArrival: true });
    const v = venue();
    fake.inject('/fapi/v1/algoOrder', serverError(503), { times: Infinity });
    const t0 = fake.clock.now();
    // Filled on arrival; every stop attempt answered 503 (the pre-round venue threw here and
    // later dropped the stop as "never reached the exchange").
    await v.placeOrder(entry('p1')).catch(() => undefined);
    expect(stops()).toHaveLength(0);
    expect(alerts.map(([k]) => k)).toContain('unprotected');
    fake.clearFaults();
    fake.clock.set(t0 + 5_500);
    await v.sync();
    fake.clock.set(t0 + 6_600);
    await v.sync(); // the lost attempts are proved absent: a new stop goes out
    expect(stops()).toMatchObject([{ closePosition: true, side: 'SELL', triggerPrice: P - 100 }]);
    expect(fake.violations()).toEqual([]);
  });

  it('places the stop of a position left by a crash between the outbox write and the request', async () => {
    const { venue } = await setup({ marketFillOnArrival: true });
    const first = venue();
    let saved: CcxtVenueSnapshot | undefined;
    const written: OrderRequest[] = [];
    const v = venue(undefined, [], {
      persist: () => (saved = first.snapshot(0)),
      outbox: (r) => written.push(r),
    });
    fake.inject('/fapi/v1/algoOrder', { kind: 'hang' }, { times: 9 }); // the stop never gets out
    await v.placeOrder(entry('p2')).catch(() => undefined);
    // Restart from the last durable state plus the outbox (the stop written ahead, never sent).
    const restarted = venue(
      v.snapshot(fake.clock.now()) ?? saved,
      written.filter((r) => r.type === 'stop_market'),
    );
    fake.clearFaults();
    const t0 = fake.clock.now();
    await restarted.sync();
    fake.clock.set(t0 + 5_500);
    await restarted.sync();
    fake.clock.set(t0 + 6_600);
    await restarted.sync();
    expect(stops()).toHaveLength(1);
    expect(fake.book.position('BTCUSDT').amount).toBeCloseTo(0.01, 9);
  }, 30_000);

  it('keeps the stop that answered when the first attempt hung and a second went out under a new id', async () => {
    const { venue } = await setup({ marketFillOnArrival: true });
    const v = venue();
    fake.inject('/fapi/v1/algoOrder', { kind: 'hang' }, { times: 1 });
    await v.placeOrder(entry('p10'));
    await v.sync();
    expect(stops()).toHaveLength(1); // found in the soak: the answered stop was cancelled as an "extra"
    fake.clock.set(fake.clock.now() + 11_000);
    await v.sync();
    expect(stops()).toHaveLength(1);
    expect(fake.violations()).toEqual([]);
  }, 30_000);

  it('exits at market when the stop would trigger at once (-2021), alerts, and pauses entries', async () => {
    const { venue, advance, alerts } = await setup({ rejectImmediateTrigger: true });
    const v = venue({ orders: [] }, [], { cooldownMs: 600_000 });
    await v.placeOrder(entry('p3'));
    advance(bar(1, P - 300, P + 5, P - 250), 2_000); // the entry fills at the open, then the price falls through the stop
    fake.setHarsh({ marketFillOnArrival: true });
    await v.sync();
    expect(fake.book.position('BTCUSDT').amount).toBe(0);
    expect(alerts.map(([k]) => k)).toEqual(expect.arrayContaining(['leg_refused', 'protective_exit']));
    expect(v.entryBlock(fake.clock.now())).toMatch(/pausing entries after a protective exit/);
    expect(v.entryBlock(fake.clock.now() + 31 * MIN)).toBeNull();
  });

  it('re-places a stop cancelled by hand, after the lookup says it is final', async () => {
    const { venue, alerts } = await setup({ marketFillOnArrival: true });
    const v = venue();
    await v.placeOrder(entry('p4'));
    expect(stops()).toHaveLength(1);
    fake.book.cancelAlgoOrder((o) => o.orderType === 'STOP_MARKET', fake.clock.now());
    await v.sync();
    expect(stops()).toHaveLength(1);
    expect(stops()[0]?.clientAlgoId).not.toBe('cb-BTC-p4-s');
    expect(alerts.map(([k]) => k)).toContain('leg_replaced');
    expect(fake.violations()).toEqual([]);
  });

  it('persists an entry filled on arrival before the runner sees it, so a restart delivers the fill', async () => {
    const { venue } = await setup({ marketFillOnArrival: true });
    let durable: CcxtVenueSnapshot | undefined;
    const v: CcxtVenue = venue(undefined, [], { persist: () => (durable = v.snapshot(fake.clock.now())) });
    await v.placeOrder(entry('p5'));
    expect(durable?.fills).toHaveLength(1);
    const restarted = venue(durable);
    expect((await restarted.takeFills()).map((f) => [f.clientOrderId, f.amount])).toEqual([['cb-BTC-p5-e', 0.01]]);
    await restarted.sync();
    expect(await restarted.takeFills()).toEqual([]); // booked once, by trade id
  });

  it('protects a partially filled retest limit from its first fill and resizes the take-profit once per candle', async () => {
    const { venue, advance } = await setup({ partialFills: true });
    const v = venue();
    await v.placeOrder(entry('p6', { type: 'limit', price: P - 50, amount: 0.008 }));
    advance(bar(1, P - 60), 1_000);
    await v.sync(bar(1).ts + MIN);
    const first = fake.book.position('BTCUSDT').amount;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(0.008);
    expect(stops()).toMatchObject([{ closePosition: true }]);
    const tp1 = fake.book.openOrders('BTCUSDT').filter((o) => o.reduceOnly);
    expect(tp1.map((o) => o.origQty)).toEqual([first]);
    advance(bar(2, P - 60), 1_000);
    await v.sync(bar(2).ts + MIN);
    await v.sync(bar(2).ts + MIN); // same candle: no second resize
    const now = fake.book.position('BTCUSDT').amount;
    expect(now).toBeGreaterThan(first);
    expect(
      fake.book
        .openOrders('BTCUSDT')
        .filter((o) => o.reduceOnly)
        .map((o) => o.origQty),
    ).toEqual([now]);
    expect(stops()).toHaveLength(1);
    expect(fake.violations()).toEqual([]);
  });

  it('never sends an entry twice after a lost answer, even when the lookup lags and the order already filled', async () => {
    const { venue } = await setup({ marketFillOnArrival: true, lookupLag: true });
    const v = venue();
    fake.loseNext('/fapi/v1/order', 1, 'drop');
    const o = await v.placeOrder(entry('p7'));
    expect(fake.book.orders.filter((x) => !x.reduceOnly)).toHaveLength(1); // not sent again under the same id
    expect(o.status).toBe('open'); // unknown: possibly live
    expect(v.entryBlock(fake.clock.now())).toMatch(/unknown outcome/);
    await v.sync(); // the lookup lags (-2013); the position is there: it gets its emergency or bracket stop
    fake.clock.set(fake.clock.now() + 1_500);
    await v.sync(); // the lookup now finds the filled entry
    expect(fake.book.orders.filter((x) => !x.reduceOnly)).toHaveLength(1);
    expect(stops()).toHaveLength(1);
    expect(v.entryBlock(fake.clock.now())).toBeNull();
    expect(fake.violations()).toEqual([]);
  });

  it('places the legs although the position read right after the fill is still empty', async () => {
    const { venue } = await setup({ marketFillOnArrival: true, positionLag: true });
    const v = venue();
    await v.placeOrder(entry('p8'));
    expect(stops()).toMatchObject([{ closePosition: true, triggerPrice: P - 100 }]);
    expect(fake.book.openOrders('BTCUSDT').filter((o) => o.reduceOnly)).toHaveLength(1);
    expect(fake.violations()).toEqual([]);
  });

  it('signs with exchange time: orders go through a fake clock running 3 s ahead', async () => {
    const { venue } = await setup({ marketFillOnArrival: true, timestampCheck: true, clockSkewMs: 3_000 });
    const v = venue();
    await v.placeOrder(entry('p9'));
    expect(stops()).toHaveLength(1);
    expect(fake.violations()).toEqual([]);
  });

  it('keeps syncing between candles and alerts while a fill it learned is not booked yet, then protects it', async () => {
    const { venue } = await setup({ marketFillOnArrival: true });
    const v = venue();
    // Filled on arrival; the sync right after it fails after all its retries (an outage), so
    // the fill is known (the order answered FILLED) but neither booked nor protected.
    fake.inject('/fapi/v2/positionRisk', serverError(503), { times: Infinity });
    await v.placeOrder(entry('p11'));
    expect(stops()).toHaveLength(0);
    expect(v.wantsFrequentSync()).toBe(true); // the loop syncs again between candles ...
    expect(v.hasPosition()).toBe(true); // ... and a failing candle sync alerts "UNPROTECTED?"
    fake.clearFaults();
    await v.sync(); // the next sync between candles books the fill and places the stop
    expect(stops()).toMatchObject([{ closePosition: true, side: 'SELL', triggerPrice: P - 100 }]);
    expect(v.wantsFrequentSync()).toBe(false);
  });

  it('keeps syncing between candles after a sync failed, until one succeeds', async () => {
    const { venue } = await setup({ marketFillOnArrival: true });
    const v = venue();
    expect(v.wantsFrequentSync()).toBe(false);
    fake.inject('/fapi/v1/openOrders', serverError(503), { times: Infinity });
    await expect(v.sync()).rejects.toThrow();
    expect(v.wantsFrequentSync()).toBe(true);
    fake.clearFaults();
    await v.sync();
    expect(v.wantsFrequentSync()).toBe(false);
  });

  it('keeps syncing between candles when the cancel of an expired limit entry reports a fill no sync has booked', async () => {
    const { venue, advance } = await setup({});
    const v = venue();
    await v.placeOrder(entry('p12', { type: 'limit', price: P - 50 }));
    advance(bar(1, P - 60), 1_000); // the limit fills on the exchange; no sync sees it before the cancel
    await v.cancelOrder('cb-BTC-p12-e');
    expect(stops()).toHaveLength(0);
    expect(v.wantsFrequentSync()).toBe(true);
    expect(v.hasPosition()).toBe(true);
    await v.sync();
    expect(stops()).toMatchObject([{ closePosition: true, side: 'SELL' }]);
    expect(v.wantsFrequentSync()).toBe(false);
  });
});
