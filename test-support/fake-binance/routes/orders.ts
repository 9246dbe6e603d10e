/**
 * Order endpoints of the fake (matching engine side): `POST|GET|DELETE /fapi/v1/order`,
 * `GET /fapi/v1/openOrders`, `GET /fapi/v1/userTrades`. Orders are checked against the served
 * exchangeInfo filters (tick -4014, step -1111, minimum notional -4164) and, like Binance since
 * 2025-12-09, conditional types on this endpoint are refused with -4120 (use the Algo Order API).
 */
import { parseExchangeInfo } from '../../../src/engine/data/market-facts-store.js';
import { isMultipleOf } from '../../../src/engine/increments.js';
import type { MarketFacts } from '../../../src/engine/types.js';
import { binanceError, type FakeContext, type FakeReply, type RouteGroup } from '../router.js';
import type { FakeOrder } from '../book-types.js';
import { listedOpenOrders } from '../list-lag.js';
import { dec, isErrorReply, lookupLagging, privateCall, required } from './private-request.js';

const factsCache = new WeakMap<FakeContext, Map<string, MarketFacts>>();

/** Market facts of `symbol` from the served exchangeInfo, if listed. */
export function factsOf(ctx: FakeContext, symbol: string): MarketFacts | undefined {
  let m = factsCache.get(ctx);
  if (m === undefined) {
    m = new Map(parseExchangeInfo(JSON.parse(ctx.exchangeInfoText), 'fake exchangeInfo').map((f) => [f.id, f]));
    factsCache.set(ctx, m);
  }
  return m.get(symbol);
}

/** An order in Binance's JSON shape. */
export function orderJson(o: FakeOrder): Record<string, unknown> {
  return {
    orderId: o.orderId,
    symbol: o.symbol,
    status: o.status,
    clientOrderId: o.clientOrderId,
    price: dec(o.price),
    avgPrice: dec(o.avgPrice),
    origQty: dec(o.origQty),
    executedQty: dec(o.executedQty),
    cumQty: dec(o.executedQty),
    cumQuote: dec(o.executedQty * o.avgPrice),
    timeInForce: o.type === 'LIMIT' ? 'GTC' : 'GTC',
    type: o.type,
    reduceOnly: o.reduceOnly,
    closePosition: false,
    side: o.side,
    positionSide: 'BOTH',
    stopPrice: '0',
    workingType: 'CONTRACT_PRICE',
    priceProtect: false,
    origType: o.type,
    priceMatch: 'NONE',
    selfTradePreventionMode: 'EXPIRE_MAKER',
    goodTillDate: 0,
    time: o.time,
    updateTime: o.updateTime,
  };
}

/** Checks quantity and price against the symbol's filters; a Binance error reply or null. */
export function filterError(
  ctx: FakeContext,
  symbol: string,
  qty: number | undefined,
  price: number | undefined,
  reduceOnly: boolean,
  refPrice: number | undefined,
): FakeReply | null {
  const f = factsOf(ctx, symbol);
  if (f === undefined) return binanceError(400, -1121, 'Invalid symbol.');
  if (qty !== undefined && (!(qty > 0) || !isMultipleOf(qty, f.stepSize)))
    return binanceError(400, -1111, 'Precision is over the maximum defined for this asset.');
  if (price !== undefined && (!(price > 0) || !isMultipleOf(price, f.tickSize)))
    return binanceError(400, -4014, 'Price not increased by tick size.');
  const p = price ?? refPrice;
  if (!reduceOnly && qty !== undefined && p !== undefined && qty * p < f.minNotional) {
    return binanceError(
      400,
      -4164,
      `Order's notional must be no smaller than ${f.minNotional} (unless you choose reduce only).`,
    );
  }
  return null;
}

/** The order endpoint group. */
export const orderRoutes: RouteGroup = [
  {
    method: 'POST',
    path: '/fapi/v1/order',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const p = c.params;
      for (const name of ['symbol', 'side', 'type', 'quantity']) {
        const v = required(p, name);
        if (typeof v !== 'string') return v;
      }
      const type = p.get('type') as string;
      if (['STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'].includes(type)) {
        return binanceError(
          400,
          -4120,
          'Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.',
        );
      }
      if (type !== 'MARKET' && type !== 'LIMIT') return binanceError(400, -1116, 'Invalid orderType.');
      const side = p.get('side') as string;
      if (side !== 'BUY' && side !== 'SELL') return binanceError(400, -1117, 'Invalid side.');
      const symbol = p.get('symbol') as string;
      const qty = Number(p.get('quantity'));
      const price = type === 'LIMIT' ? Number(p.get('price')) : undefined;
      if (type === 'LIMIT' && p.get('timeInForce') === null)
        return binanceError(
          400,
          -1102,
          "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.",
        );
      const reduceOnly = p.get('reduceOnly') === 'true';
      const bad = filterError(ctx, symbol, qty, price, reduceOnly, ctx.data.closeAt(symbol, c.now - 60_000));
      if (bad !== null) return bad;
      const o = c.book.placeOrder(
        {
          symbol,
          side,
          type,
          quantity: qty,
          price: price ?? 0,
          reduceOnly,
          clientOrderId: p.get('newClientOrderId') ?? `fake-${c.now}-${Math.random()}`,
        },
        c.now,
      );
      return 'code' in o ? binanceError(400, o.code, o.msg) : { status: 200, json: orderJson(o) };
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/order',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = c.params.get('symbol');
      const byId = c.params.get('orderId');
      const byClient = c.params.get('origClientOrderId');
      if (byId === null && byClient === null)
        return binanceError(
          400,
          -1102,
          "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
        );
      // The newest order with that client id (Binance keys client ids among open orders only).
      const o = [...c.book.orders]
        .reverse()
        .find(
          (x) => x.symbol === symbol && (byId !== null ? String(x.orderId) === byId : x.clientOrderId === byClient),
        );
      if (o === undefined || (byId === null && lookupLagging(ctx, o.time, c.now)))
        return binanceError(400, -2013, 'Order does not exist.');
      return { status: 200, json: orderJson(o) };
    },
  },
  {
    method: 'DELETE',
    path: '/fapi/v1/order',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = c.params.get('symbol') ?? '';
      const byId = c.params.get('orderId');
      const byClient = c.params.get('origClientOrderId');
      const o = c.book.cancelOrder(
        symbol,
        (x) => (byId !== null ? String(x.orderId) === byId : x.clientOrderId === byClient),
        c.now,
      );
      return o === undefined ? binanceError(400, -2011, 'Unknown order sent.') : { status: 200, json: orderJson(o) };
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/openOrders',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = c.params.get('symbol');
      const mine = c.book.orders.filter((o) => symbol === null || o.symbol === symbol);
      return { status: 200, json: listedOpenOrders(ctx, mine, c.now).map(orderJson) };
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/userTrades',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = required(c.params, 'symbol');
      if (typeof symbol !== 'string') return symbol;
      const orderId = c.params.get('orderId');
      // Binance: startTime/endTime (ms) at most 7 days apart, at most `limit` (default 500, max 1000) rows, oldest first.
      const start = Number(c.params.get('startTime') ?? -Infinity);
      const end = Number(c.params.get('endTime') ?? Infinity);
      if (Number.isFinite(start) && Number.isFinite(end) && end - start > 7 * 86_400_000)
        return binanceError(400, -4166, 'Search window is restricted to recent 7 days only.');
      const limit = Math.min(1000, Number(c.params.get('limit') ?? 500));
      const trades = c.book.trades
        .filter((t) => t.symbol === symbol && (orderId === null || String(t.orderId) === orderId))
        .filter((t) => t.time >= start && t.time <= end)
        .slice(0, limit);
      return {
        status: 200,
        json: trades.map((t) => ({
          symbol: t.symbol,
          id: t.id,
          orderId: t.orderId,
          side: t.side,
          price: dec(t.price),
          qty: dec(t.qty),
          realizedPnl: dec(t.realizedPnl),
          quoteQty: dec(t.price * t.qty),
          commission: dec(t.commission),
          commissionAsset: 'USDT',
          time: t.time,
          positionSide: 'BOTH',
          buyer: t.side === 'BUY',
          maker: t.maker,
        })),
      };
    },
  },
];
