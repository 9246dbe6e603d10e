/**
 * The harsh `openOrdersLag` switch: `GET /fapi/v1/openOrders` and `GET /fapi/v1/openAlgoOrders`
 * answer the lists as they stood `lookupLagMs` of exchange time ago, as Binance's open-order
 * lists trail its matching engine: an order booked since is not listed yet, and an order that
 * filled, triggered, was cancelled or expired since is still listed, as it was before (open, no
 * quantity executed). Lookups by id and the trade list stay current.
 */
import type { FakeAlgoOrder, FakeOrder } from './book-types.js';
import { isOpenOrder } from './book-types.js';
import { harshOf } from './harsh-options.js';
import type { FakeContext } from './router.js';

/** The regular orders an open-orders read at `now` lists, each as the read shows it. */
export function listedOpenOrders(ctx: FakeContext, orders: readonly FakeOrder[], now: number): FakeOrder[] {
  const h = harshOf(ctx).current;
  if (!h.openOrdersLag) return orders.filter(isOpenOrder);
  const asOf = now - h.lookupLagMs;
  const out: FakeOrder[] = [];
  for (const o of orders) {
    if (o.time > asOf) continue;
    if (isOpenOrder(o)) out.push(o);
    else if (o.updateTime > asOf) out.push({ ...o, status: 'NEW', executedQty: 0, avgPrice: 0, updateTime: o.time });
  }
  return out;
}

/** The conditional orders an open-algo-orders read at `now` lists, each as the read shows it. */
export function listedOpenAlgoOrders(ctx: FakeContext, orders: readonly FakeAlgoOrder[], now: number): FakeAlgoOrder[] {
  const h = harshOf(ctx).current;
  if (!h.openOrdersLag) return orders.filter((o) => o.algoStatus === 'NEW');
  const asOf = now - h.lookupLagMs;
  const out: FakeAlgoOrder[] = [];
  for (const o of orders) {
    if (o.createTime > asOf) continue;
    if (o.algoStatus === 'NEW') out.push(o);
    else if (o.updateTime > asOf)
      out.push({ ...o, algoStatus: 'NEW', actualOrderId: '', actualPrice: 0, updateTime: o.createTime });
  }
  return out;
}
