/**
 * Conditional orders through Binance USDT-M's Algo Order API (the only way to place
 * STOP_MARKET / TAKE_PROFIT_MARKET since 2025-12-09): `POST|GET|DELETE /fapi/v1/algoOrder`
 * (`algoType=CONDITIONAL`, `clientAlgoId`) and `GET /fapi/v1/openAlgoOrders`. Shapes follow the
 * documented responses (`algoId`, `algoStatus`, `actualOrderId`, `actualPrice`, …).
 * `closePosition=true` takes no `quantity` and no `reduceOnly` (-1106 "Parameter '…' sent when not
 * required."), at most one per symbol, side and type (-4130); it closes the whole position.
 */
import { binanceError, type RouteGroup } from '../router.js';
import type { FakeAlgoOrder } from '../trading-book.js';
import { filterError } from './orders.js';
import { listedOpenAlgoOrders } from '../list-lag.js';
import { dec, isErrorReply, lookupLagging, privateCall, required } from './private-request.js';

/** A conditional order in Binance's JSON shape. */
export function algoJson(o: FakeAlgoOrder): Record<string, unknown> {
  return {
    algoId: o.algoId,
    clientAlgoId: o.clientAlgoId,
    algoType: 'CONDITIONAL',
    orderType: o.orderType,
    symbol: o.symbol,
    side: o.side,
    positionSide: 'BOTH',
    timeInForce: 'GTC',
    quantity: dec(o.quantity),
    algoStatus: o.algoStatus,
    actualOrderId: o.actualOrderId,
    actualPrice: dec(o.actualPrice),
    triggerPrice: dec(o.triggerPrice),
    price: '0',
    icebergQuantity: null,
    selfTradePreventionMode: 'EXPIRE_MAKER',
    workingType: o.workingType,
    priceMatch: 'NONE',
    closePosition: o.closePosition,
    priceProtect: false,
    reduceOnly: o.reduceOnly,
    createTime: o.createTime,
    updateTime: o.updateTime,
    triggerTime: o.algoStatus === 'FINISHED' ? o.updateTime : 0,
    goodTillDate: 0,
  };
}

/** The algo-order endpoint group. */
export const algoOrderRoutes: RouteGroup = [
  {
    method: 'POST',
    path: '/fapi/v1/algoOrder',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const p = c.params;
      const closePosition = p.get('closePosition') === 'true';
      const names = ['algoType', 'symbol', 'side', 'type', 'triggerPrice', ...(closePosition ? [] : ['quantity'])];
      for (const name of names) {
        const v = required(p, name);
        if (typeof v !== 'string') return v;
      }
      for (const name of closePosition ? ['quantity', 'reduceOnly'] : []) {
        if (p.has(name)) return binanceError(400, -1106, `Parameter '${name}' sent when not required.`);
      }
      if (p.get('algoType') !== 'CONDITIONAL') return binanceError(400, -1116, 'Invalid algoType.');
      const type = p.get('type');
      if (type !== 'STOP_MARKET' && type !== 'TAKE_PROFIT_MARKET')
        return binanceError(400, -1116, 'Invalid orderType (the fake supports STOP_MARKET and TAKE_PROFIT_MARKET).');
      const side = p.get('side');
      if (side !== 'BUY' && side !== 'SELL') return binanceError(400, -1117, 'Invalid side.');
      const symbol = p.get('symbol') as string;
      const qty = closePosition ? 0 : Number(p.get('quantity'));
      const trigger = Number(p.get('triggerPrice'));
      const reduceOnly = p.get('reduceOnly') === 'true';
      const bad = filterError(
        ctx,
        symbol,
        closePosition ? undefined : qty,
        trigger,
        reduceOnly || closePosition,
        undefined,
      );
      if (bad !== null) return bad;
      const o = c.book.placeAlgoOrder(
        {
          symbol,
          side,
          orderType: type,
          quantity: qty,
          triggerPrice: trigger,
          workingType: p.get('workingType') ?? 'CONTRACT_PRICE',
          reduceOnly,
          closePosition,
          clientAlgoId: p.get('clientAlgoId') ?? `fake-${c.now}-${Math.random()}`,
        },
        c.now,
      );
      return 'code' in o ? binanceError(400, o.code, o.msg) : { status: 200, json: algoJson(o) };
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/algoOrder',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const byId = c.params.get('algoId');
      const byClient = c.params.get('clientAlgoId');
      if (byId === null && byClient === null)
        return binanceError(400, -1102, "Param 'clientAlgoId' or 'algoId' must be sent, but both were empty/null!");
      const o = [...c.book.algoOrders]
        .reverse()
        .find((x) => (byId !== null ? String(x.algoId) === byId : x.clientAlgoId === byClient));
      if (o === undefined || (byId === null && lookupLagging(ctx, o.createTime, c.now)))
        return binanceError(400, -2013, 'Order does not exist.');
      return { status: 200, json: algoJson(o) };
    },
  },
  {
    method: 'DELETE',
    path: '/fapi/v1/algoOrder',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const byId = c.params.get('algoId');
      const byClient = c.params.get('clientAlgoId');
      const o = c.book.cancelAlgoOrder(
        (x) => (byId !== null ? String(x.algoId) === byId : x.clientAlgoId === byClient),
        c.now,
      );
      return o === undefined
        ? binanceError(400, -2011, 'Unknown order sent.')
        : { status: 200, json: { algoId: o.algoId, clientAlgoId: o.clientAlgoId, code: '200', msg: 'success' } };
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/openAlgoOrders',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = c.params.get('symbol');
      const mine = c.book.algoOrders.filter((o) => symbol === null || o.symbol === symbol);
      return { status: 200, json: listedOpenAlgoOrders(ctx, mine, c.now).map(algoJson) };
    },
  },
];
