/**
 * Refusals the fake's matching engine applies when an order arrives, with Binance's codes and
 * messages, and the fake's notion of the current price:
 * - -4116 a client order id already used by an OPEN order (Binance keeps them unique among open
 *   orders only, so a finished order's id may be reused);
 * - -2022 a reduce-only order that would open or grow the position (closePosition is exempt);
 * - -4130 a second open closePosition order of the same type and side;
 * - -2021 (switch `rejectImmediateTrigger`) a conditional order whose trigger the current price
 *   is already through.
 */
import { lowerBound } from '../../src/engine/data/candle-series.js';
import { isOpenOrder, type FakeAlgoOrder, type FakeOrder, type Refusal } from './book-types.js';
import type { FakeMarketData } from './market-data.js';

const TF = 60_000;

/**
 * The latest trade price the fake knows at `now` (USDT): the open of the candle the clock is in
 * when that candle is served, else the close of the newest candle that closed by `now`.
 */
export function currentPrice(data: FakeMarketData, symbol: string, now: number): number | undefined {
  const s = data.series(symbol);
  if (s === undefined) return undefined;
  const open = Math.floor(now / TF) * TF;
  const i = lowerBound(s.ts, open);
  if (i < s.length && s.ts[i] === open) return s.open[i];
  const j = lowerBound(s.ts, now - TF + 1) - 1;
  return j >= 0 ? s.close[j] : undefined;
}

/** -4116 when an open regular order already carries `clientOrderId`. */
export function duplicateOrderId(orders: readonly FakeOrder[], clientOrderId: string): Refusal | null {
  return orders.some((o) => o.clientOrderId === clientOrderId && isOpenOrder(o))
    ? { code: -4116, msg: 'ClientOrderId is duplicated.' }
    : null;
}

/** -4116 when an open algo order already carries `clientAlgoId`. */
export function duplicateAlgoId(algos: readonly FakeAlgoOrder[], clientAlgoId: string): Refusal | null {
  return algos.some((o) => o.clientAlgoId === clientAlgoId && o.algoStatus === 'NEW')
    ? { code: -4116, msg: 'ClientOrderId is duplicated.' }
    : null;
}

/** -2022 when a reduce-only order on `side` would open (flat) or grow the signed position `amount`. */
export function reduceOnlyRefusal(amount: number, side: 'BUY' | 'SELL', reduceOnly: boolean): Refusal | null {
  if (!reduceOnly) return null;
  if (amount === 0 || amount > 0 === (side === 'BUY')) return { code: -2022, msg: 'ReduceOnly Order is rejected.' };
  return null;
}

/** -4130 when an open closePosition order of the same symbol, type and side exists. */
export function closePositionClash(
  algos: readonly FakeAlgoOrder[],
  p: { symbol: string; side: string; orderType: string },
): Refusal | null {
  const clash = algos.some(
    (o) =>
      o.algoStatus === 'NEW' &&
      o.closePosition &&
      o.symbol === p.symbol &&
      o.side === p.side &&
      o.orderType === p.orderType,
  );
  return clash
    ? { code: -4130, msg: 'An open stop or take profit order with GTE and closePosition in the direction is existing.' }
    : null;
}

/**
 * -2021 when `price` is already through the trigger: a sell stop at or above it, a buy stop at or
 * below it; a sell take-profit at or below it, a buy take-profit at or above it.
 */
export function immediateTrigger(
  p: { side: 'BUY' | 'SELL'; orderType: 'STOP_MARKET' | 'TAKE_PROFIT_MARKET'; triggerPrice: number },
  price: number | undefined,
): Refusal | null {
  if (price === undefined) return null;
  const above = p.triggerPrice >= price;
  const below = p.triggerPrice <= price;
  const sellSide = p.side === 'SELL';
  const fires = p.orderType === 'STOP_MARKET' ? (sellSide ? above : below) : sellSide ? below : above;
  return fires ? { code: -2021, msg: 'Order would immediately trigger.' } : null;
}
