/**
 * The fake's harsh behaviours, each on and off, and the rule checker's violations, driven by raw
 * signed HTTP (and ccxt for the timestamp check) against controlled BTCUSDT candles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seriesFromCandles } from '../../src/engine/data/candle-series.js';
import { createExchange } from '../../src/engine/exchange/exchange-factory.js';
import { normaliseSymbol } from '../../src/engine/symbols.js';
import type { Candle } from '../../src/engine/types.js';
import {
  ALL_HARSH,
  FakeMarketData,
  rateLimited,
  startFakeBinance,
  type FakeBinance,
  type HarshBehaviours,
} from './index.js';

const BTC = normaliseSymbol('BTC');
const T0 = Date.UTC(2025, 5, 1);
const P = 30_000;
const TF = 60_000;
/** Candle i: open/close P, range ±r (default ±50). */
const candle = (i: number, r = 50): Candle => ({
  ts: T0 + i * TF,
  open: P,
  high: P + r,
  low: P - r,
  close: P,
  volume: 1,
});

let fake: FakeBinance | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A fake serving 20 candles from T0, clock 30 s into the first one. */
async function setup(harsh: Partial<HarshBehaviours> = {}, candles = Array.from({ length: 20 }, (_, i) => candle(i))) {
  const data = new FakeMarketData().setCandles(seriesFromCandles(BTC, '1m', candles));
  const f = await startFakeBinance({ data, now: T0 + 30_000, harsh });
  fake = f;
  return f;
}

interface Res {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { code?: number };
}
type Params = Record<string, string | number | boolean>;

/** A signed request (timestamp = the fake clock unless given), POST params in the form body. */
async function call(f: FakeBinance, method: string, path: string, params: Params = {}): Promise<Res> {
  const q = new URLSearchParams(
    Object.entries({ timestamp: f.clock.now(), ...params }).map(([k, v]): [string, string] => [k, String(v)]),
  );
  const post = method === 'POST';
  const res = await fetch(`${f.url}${path}${post ? '' : `?${q}`}`, {
    method,
    headers: { 'X-MBX-APIKEY': 'fake-key', 'content-type': 'application/x-www-form-urlencoded' },
    ...(post ? { body: q.toString() } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Res['body'] };
}
const order = (f: FakeBinance, p: Params) =>
  call(f, 'POST', '/fapi/v1/order', { symbol: 'BTCUSDT', quantity: '0.01', ...p });
const market = (f: FakeBinance, side: string, p: Params = {}) => order(f, { side, type: 'MARKET', ...p });
const algo = (f: FakeBinance, p: Params) =>
  call(f, 'POST', '/fapi/v1/algoOrder', { algoType: 'CONDITIONAL', symbol: 'BTCUSDT', type: 'STOP_MARKET', ...p });
const stop = (f: FakeBinance, p: Params = {}) =>
  algo(f, { side: 'SELL', triggerPrice: '29000', closePosition: 'true', ...p });
const position = async (f: FakeBinance) =>
  Number(
    (
      (await call(f, 'GET', '/fapi/v2/positionRisk', { symbol: 'BTCUSDT' })).body as unknown as {
        positionAmt: string;
      }[]
    )[0]?.positionAmt,
  );

describe('harsh fills', () => {
  it('fills a market order in two trades, the second one tick worse, when marketFillsInTrades is on', async () => {
    const f = await setup({ marketFillOnArrival: true, marketFillsInTrades: true });
    const r = await market(f, 'BUY', { quantity: '0.03' });
    expect(r.body).toMatchObject({ status: 'FILLED', executedQty: '0.03' });
    expect(f.trades().map((t) => [t.qty, t.price])).toEqual([
      [0.015, P],
      [0.015, P + 0.1],
    ]);
    expect(Number(r.body.avgPrice)).toBeCloseTo(P + 0.05, 9);
    expect(f.book.position('BTCUSDT').amount).toBeCloseTo(0.03, 12);
  });

  it('fills a market order in the POST answer when marketFillOnArrival is on', async () => {
    const f = await setup({ marketFillOnArrival: true });
    const r = await market(f, 'BUY');
    expect(r.body).toMatchObject({ status: 'FILLED', executedQty: '0.01', avgPrice: '30000' });
    expect(f.trades()).toMatchObject([{ side: 'BUY', qty: 0.01, price: P, maker: false, time: T0 + 30_000 }]);
    expect(f.book.position('BTCUSDT').amount).toBe(0.01);
  });

  it('leaves a market order NEW until the next candle settles when marketFillOnArrival is off', async () => {
    const f = await setup();
    expect((await market(f, 'BUY')).body).toMatchObject({ status: 'NEW', executedQty: '0' });
    expect(f.trades()).toHaveLength(0);
  });

  it('fills a limit marketable on arrival at once as taker at the current price', async () => {
    const f = await setup({ marketFillOnArrival: true });
    const r = await order(f, { side: 'BUY', type: 'LIMIT', price: '30100', timeInForce: 'GTC' });
    expect(r.body).toMatchObject({ status: 'FILLED', avgPrice: '30000' });
    expect(f.trades()[0]?.maker).toBe(false);
  });

  it('fills a resting limit half per candle when partialFills is on, one trade each', async () => {
    const f = await setup({ partialFills: true });
    const placed = await order(f, {
      side: 'BUY',
      type: 'LIMIT',
      price: '29960',
      timeInForce: 'GTC',
      newClientOrderId: 'L1',
    });
    const get = () => call(f, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', orderId: String(placed.body.orderId) });
    f.clock.set(T0 + 2 * TF);
    expect((await get()).body).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.005' });
    const open = (await call(f, 'GET', '/fapi/v1/openOrders', { symbol: 'BTCUSDT' })).body as unknown as unknown[];
    expect(open).toHaveLength(1);
    f.clock.set(T0 + 6 * TF);
    expect((await get()).body).toMatchObject({ status: 'FILLED', executedQty: '0.01' });
    expect(f.trades().map((t) => t.qty)).toEqual([0.005, 0.002, 0.001, 0.001, 0.001]);
  });

  it('fills a resting limit fully in the first candle reaching it when partialFills is off', async () => {
    const f = await setup();
    await order(f, { side: 'BUY', type: 'LIMIT', price: '29960', timeInForce: 'GTC' });
    f.clock.set(T0 + 2 * TF);
    await position(f);
    expect(f.trades().map((t) => t.qty)).toEqual([0.01]);
  });
});

describe('harsh refusals', () => {
  it('refuses conditional types on /fapi/v1/order with -4120 (always)', async () => {
    const f = await setup();
    const r = await order(f, { side: 'SELL', type: 'STOP_MARKET', stopPrice: '29000' });
    expect([r.status, r.body.code]).toEqual([400, -4120]);
  });

  it('refuses a stop already through its trigger with -2021 when rejectImmediateTrigger is on', async () => {
    const f = await setup({ rejectImmediateTrigger: true });
    const sell = await algo(f, { side: 'SELL', quantity: '0.01', triggerPrice: '30010' });
    expect([sell.status, sell.body]).toEqual([400, { code: -2021, msg: 'Order would immediately trigger.' }]);
    expect((await algo(f, { side: 'BUY', quantity: '0.01', triggerPrice: '29990' })).body.code).toBe(-2021);
    expect((await algo(f, { side: 'SELL', quantity: '0.01', triggerPrice: '29990' })).status).toBe(200);
  });

  it('accepts a stop through its trigger when rejectImmediateTrigger is off', async () => {
    const f = await setup();
    expect((await algo(f, { side: 'SELL', quantity: '0.01', triggerPrice: '30010' })).status).toBe(200);
  });

  it('refuses a market reduce-only order when flat or on the growing side with -2022', async () => {
    const f = await setup({ marketFillOnArrival: true });
    expect((await market(f, 'SELL', { reduceOnly: 'true' })).body.code).toBe(-2022);
    await market(f, 'BUY');
    expect((await market(f, 'BUY', { reduceOnly: 'true' })).body.code).toBe(-2022);
    expect((await market(f, 'SELL', { reduceOnly: 'true' })).body).toMatchObject({ status: 'FILLED' });
    expect(f.book.position('BTCUSDT').amount).toBe(0);
  });
});

describe('closePosition conditional orders', () => {
  it('refuses quantity or reduceOnly with closePosition (-1106) and a second one of the same kind (-4130)', async () => {
    const f = await setup();
    expect((await stop(f, { quantity: '0.01' })).body).toEqual({
      code: -1106,
      msg: "Parameter 'quantity' sent when not required.",
    });
    expect((await stop(f, { reduceOnly: 'true' })).body.code).toBe(-1106);
    expect((await stop(f)).body).toMatchObject({ closePosition: true, quantity: '0', algoStatus: 'NEW' });
    expect((await stop(f)).body.code).toBe(-4130);
    expect((await stop(f, { side: 'BUY', triggerPrice: '31000' })).status).toBe(200);
  });

  it('closes the whole position at trigger time whatever its size', async () => {
    const candles = [candle(0, 5), candle(1, 5), candle(2, 500), candle(3, 5)];
    const f = await setup({ marketFillOnArrival: true }, candles);
    await market(f, 'BUY', { quantity: '0.03' });
    await stop(f, { triggerPrice: '29800' });
    f.clock.set(T0 + 3 * TF);
    expect(await position(f)).toBe(0);
    expect(f.trades().at(-1)).toMatchObject({ side: 'SELL', qty: 0.03, price: 29_800 });
    expect(f.book.algoOrders[0]?.algoStatus).toBe('FINISHED');
  });
});

describe('client order ids', () => {
  it('accepts the id of a finished order as a new order and looks up the newest', async () => {
    const f = await setup({ marketFillOnArrival: true });
    const first = await market(f, 'BUY', { newClientOrderId: 'X' });
    const again = await order(f, {
      side: 'BUY',
      type: 'LIMIT',
      price: '29000',
      timeInForce: 'GTC',
      newClientOrderId: 'X',
    });
    expect(again.status).toBe(200);
    const got = await call(f, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'X' });
    expect(got.body).toMatchObject({ orderId: again.body.orderId, status: 'NEW' });
    expect(got.body.orderId).not.toBe(first.body.orderId);
  });

  it('refuses the id of an open order with -4116', async () => {
    const f = await setup();
    const limit = { side: 'BUY', type: 'LIMIT', price: '29000', timeInForce: 'GTC', newClientOrderId: 'Y' };
    await order(f, limit);
    expect((await order(f, limit)).body).toEqual({ code: -4116, msg: 'ClientOrderId is duplicated.' });
  });
});

describe('timestamps', () => {
  it('refuses a request signed with the local clock when the server runs ahead (timestampCheck on)', async () => {
    const f = await setup({ timestampCheck: true, clockSkewMs: 10_000 });
    const server = (await (await fetch(`${f.url}/fapi/v1/time`)).json()) as { serverTime: number };
    expect(server.serverTime).toBe(T0 + 40_000);
    expect((await call(f, 'GET', '/fapi/v2/balance')).body.code).toBe(-1021);
    expect((await call(f, 'GET', '/fapi/v2/balance', { timestamp: server.serverTime })).status).toBe(200);
    expect((await call(f, 'GET', '/fapi/v2/balance', { recvWindow: 60_000 })).status).toBe(200);
    expect((await call(f, 'GET', '/fapi/v2/balance', { recvWindow: 70_000 })).body.code).toBe(-1131);
  });

  it('refuses a timestamp more than 1 s ahead of the server and accepts anything when off', async () => {
    const f = await setup({ timestampCheck: true, clockSkewMs: -2_000 });
    expect((await call(f, 'GET', '/fapi/v2/balance')).body.code).toBe(-1021);
    f.setHarsh({ timestampCheck: false });
    expect((await call(f, 'GET', '/fapi/v2/balance', { timestamp: 1 })).status).toBe(200);
  });

  it('refuses a request signed with the local clock (-1021) until the client resyncs with /fapi/v1/time', async () => {
    const f = await setup({ timestampCheck: true });
    const ex = await createExchange({
      exchangeUrl: f.url,
      keys: { apiKey: 'fake-api-key-0001', secret: 'fake-api-secret-0001', source: 'env' },
      rateLimitMs: 0.001,
      timeoutMs: 2_000,
    });
    await ex.loadMarkets();
    // coinbot's exchange gate resyncs on -1021 and re-signs; the fake refused the first try.
    await expect(ex.fapiPrivateV2GetBalance({})).resolves.toMatchObject([{ asset: 'USDT' }]);
    const signed = f.requestsTo('/fapi/v2/balance').map((r) => r.status);
    expect(signed[0]).toBe(400);
    expect(signed[signed.length - 1]).toBe(200);
    expect(f.requestsTo('/fapi/v1/time').length).toBeGreaterThan(0);
  });
});

describe('lost answers', () => {
  it('drops the answer of every Nth booked order POST, the order booked all the same', async () => {
    const f = await setup({ lostAnswers: true, lostAnswerEvery: 2 });
    const limit = { side: 'BUY', type: 'LIMIT', price: '29000', timeInForce: 'GTC' };
    expect((await order(f, { ...limit, newClientOrderId: 'a' })).status).toBe(200);
    await expect(order(f, { ...limit, newClientOrderId: 'b' })).rejects.toThrow();
    expect(f.book.orders.map((o) => o.clientOrderId)).toEqual(['a', 'b']);
  });

  it('answers 408 -1007 although the order was booked (lostAnswerKind timeout, or loseNext)', async () => {
    const f = await setup({ lostAnswers: true, lostAnswerEvery: 1, lostAnswerKind: 'timeout' });
    const r = await stop(f);
    expect([r.status, r.body.code]).toEqual([408, -1007]);
    f.setHarsh({ lostAnswers: false });
    f.loseNext('/fapi/v1/order', 1, 'timeout');
    expect((await market(f, 'BUY')).body.code).toBe(-1007);
    expect((await market(f, 'BUY')).status).toBe(200);
    expect([f.book.algoOrders.length, f.book.orders.length]).toEqual([1, 2]);
  });

  it('loses the answer of every Nth cancel that cancelled, the order cancelled all the same (lostCancelAnswers)', async () => {
    const f = await setup({ lostCancelAnswers: true, lostCancelEvery: 2 });
    const limit = { side: 'BUY', type: 'LIMIT', price: '29000', timeInForce: 'GTC' };
    for (const id of ['a', 'b']) expect((await order(f, { ...limit, newClientOrderId: id })).status).toBe(200);
    const cancel = (id: string) => call(f, 'DELETE', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: id });
    expect((await cancel('a')).status).toBe(200);
    await expect(cancel('b')).rejects.toThrow();
    expect(f.book.orders.map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);
    // The bot's retry of a cancel whose answer was lost meets Binance's "unknown order".
    expect((await cancel('b')).body.code).toBe(-2011);
  });

  it('delivers every answer when lostAnswers is off', async () => {
    const f = await setup();
    for (let i = 0; i < 4; i++) expect((await market(f, 'BUY')).status).toBe(200);
  });
});

describe('read lag', () => {
  it('answers positionRisk one read behind a fill when positionLag is on', async () => {
    const f = await setup({ marketFillOnArrival: true, positionLag: true });
    await market(f, 'BUY');
    expect(await position(f)).toBe(0);
    expect(await position(f)).toBe(0.01);
    f.setHarsh({ positionLag: false });
    await market(f, 'BUY');
    expect(await position(f)).toBe(0.02);
  });

  it('does not find an order by client id within lookupLagMs of booking when lookupLag is on', async () => {
    const f = await setup({ lookupLag: true });
    const placed = await order(f, {
      side: 'BUY',
      type: 'LIMIT',
      price: '29000',
      timeInForce: 'GTC',
      newClientOrderId: 'Z',
    });
    await stop(f, { clientAlgoId: 'S' });
    const byClient = () => call(f, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'Z' });
    const algoByClient = () => call(f, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'S' });
    expect((await byClient()).body).toEqual({ code: -2013, msg: 'Order does not exist.' });
    expect((await algoByClient()).body.code).toBe(-2013);
    expect(
      (await call(f, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', orderId: String(placed.body.orderId) })).status,
    ).toBe(200);
    f.clock.advance(1_000);
    expect((await byClient()).status).toBe(200);
    expect((await algoByClient()).status).toBe(200);
  });

  it('lists open orders as they stood lookupLagMs ago when openOrdersLag is on: new ones missing, finished ones still open', async () => {
    const f = await setup({ openOrdersLag: true });
    const listed = async () => ({
      orders: (
        (await call(f, 'GET', '/fapi/v1/openOrders', { symbol: 'BTCUSDT' })).body as unknown as {
          clientOrderId: string;
          status: string;
        }[]
      ).map((o) => `${o.clientOrderId}:${o.status}`),
      algo: (
        (await call(f, 'GET', '/fapi/v1/openAlgoOrders', { symbol: 'BTCUSDT' })).body as unknown as {
          clientAlgoId: string;
        }[]
      ).map((o) => o.clientAlgoId),
    });
    await order(f, { side: 'BUY', type: 'LIMIT', price: '29000', timeInForce: 'GTC', newClientOrderId: 'Z' });
    await stop(f, { clientAlgoId: 'S' });
    expect(await listed()).toEqual({ orders: [], algo: [] });
    f.clock.advance(1_000);
    expect(await listed()).toEqual({ orders: ['Z:NEW'], algo: ['S'] });
    await call(f, 'DELETE', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'Z' });
    await call(f, 'DELETE', '/fapi/v1/algoOrder', { clientAlgoId: 'S' });
    expect(await listed()).toEqual({ orders: ['Z:NEW'], algo: ['S'] });
    expect(f.book.orders[0]?.status).toBe('CANCELED');
    f.clock.advance(1_000);
    expect(await listed()).toEqual({ orders: [], algo: [] });
  });

  it('finds an order by client id at once when lookupLag is off', async () => {
    const f = await setup();
    await order(f, { side: 'BUY', type: 'LIMIT', price: '29000', timeInForce: 'GTC', newClientOrderId: 'Z' });
    expect((await call(f, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'Z' })).status).toBe(200);
  });
});

describe('bans', () => {
  it('bans every path for the given fake-clock seconds and counts the requests during the ban', async () => {
    const f = await setup();
    f.ban(60);
    const pub = await fetch(`${f.url}/fapi/v1/ping`);
    expect([pub.status, pub.headers.get('retry-after')]).toEqual([418, '60']);
    expect((await call(f, 'GET', '/fapi/v2/balance')).body.code).toBe(-1003);
    expect(f.requestsDuringBan()).toBe(2);
    f.clock.advance(60_000);
    expect((await fetch(`${f.url}/fapi/v1/ping`)).status).toBe(200);
    expect(f.requestsDuringBan()).toBe(2);
  });

  it('bans the IP for banSeconds when a request ignores a 429 Retry-After (bans on) and not when off', async () => {
    const f = await setup({ bans: true, banSeconds: 120 });
    f.inject('/fapi/v1/time', rateLimited(5));
    expect((await fetch(`${f.url}/fapi/v1/time`)).status).toBe(429);
    const again = await fetch(`${f.url}/fapi/v1/time`);
    expect([again.status, again.headers.get('retry-after')]).toEqual([418, '120']);
    f.clock.advance(120_000);
    f.setHarsh({ bans: false });
    f.inject('/fapi/v1/time', rateLimited(5));
    expect((await fetch(`${f.url}/fapi/v1/time`)).status).toBe(429);
    expect((await fetch(`${f.url}/fapi/v1/time`)).status).toBe(200);
  });
});

describe('rule checker', () => {
  it('detects an unprotected position after 10 s of exchange time', async () => {
    const f = await setup({ marketFillOnArrival: true });
    await market(f, 'BUY');
    f.clock.advance(9_000);
    expect(f.violations()).toEqual([]);
    f.clock.advance(2_000);
    await position(f);
    expect(f.violations()).toMatchObject([{ kind: 'unprotected', symbol: 'BTCUSDT', time: T0 + 40_000 }]);
    f.clock.advance(30_000);
    expect(f.violations()).toHaveLength(1);
    expect(() => f.assertNoViolations()).toThrow(/unprotected/);
  });

  it('counts a reduce-only stop smaller than the position as no protection', async () => {
    const f = await setup({ marketFillOnArrival: true });
    await market(f, 'BUY', { quantity: '0.02' });
    await algo(f, { side: 'SELL', quantity: '0.01', reduceOnly: 'true', triggerPrice: '29000' });
    f.clock.advance(20_000);
    expect(f.violations().map((v) => v.kind)).toEqual(['unprotected']);
  });

  it('records no violation for one entry protected by one stop at once', async () => {
    const f = await setup(ALL_HARSH);
    f.setHarsh({ lostAnswers: false, lookupLag: false });
    await market(f, 'BUY');
    await algo(f, { side: 'SELL', quantity: '0.01', reduceOnly: 'true', triggerPrice: '29000' });
    f.clock.advance(5 * TF);
    await position(f);
    expect(f.violations()).toEqual([]);
    f.assertNoViolations();
  });

  it('measures a lazily settled fill from the moment the client could see it', async () => {
    const f = await setup();
    f.clock.set(T0 + 1_000);
    await market(f, 'BUY');
    f.clock.set(T0 + 3 * TF);
    await position(f); // the fill (stamped at the candle's open) becomes visible here
    expect(f.violations()).toEqual([]);
    f.clock.set(T0 + 3 * TF + 10_500);
    await position(f);
    expect(f.violations()).toMatchObject([{ kind: 'unprotected', time: T0 + 3 * TF + 10_000 }]);
  });

  it('detects two open stops at a candle close, and not one', async () => {
    const f = await setup();
    await algo(f, { side: 'SELL', quantity: '0.01', triggerPrice: '29000' });
    f.clock.advance(40_000);
    expect(f.violations()).toEqual([]);
    await algo(f, { side: 'SELL', quantity: '0.01', triggerPrice: '28000' });
    f.clock.set(T0 + 2 * TF);
    expect(f.violations()).toMatchObject([{ kind: 'two-stops', time: T0 + 2 * TF }]);
  });

  it('detects a second entry growing an open position', async () => {
    const f = await setup({ marketFillOnArrival: true });
    await market(f, 'BUY');
    await stop(f);
    expect(f.violations()).toEqual([]);
    await market(f, 'BUY');
    expect(f.violations().map((v) => v.kind)).toEqual(['duplicate-entry']);
  });

  it('detects two entries filled in the same candle', async () => {
    const f = await setup({ marketFillOnArrival: true });
    await market(f, 'BUY');
    await market(f, 'SELL', { reduceOnly: 'true' });
    await market(f, 'BUY');
    await market(f, 'SELL', { reduceOnly: 'true' });
    expect(f.violations().map((v) => v.kind)).toEqual(['duplicate-entry']);
  });
});
