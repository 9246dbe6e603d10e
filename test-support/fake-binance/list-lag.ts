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

/** How one kind of order is read for the list: booking time, open now, and as it was when open. */
interface ListedKind<T> {
  bookedAt(o: T): number;
  isOpen(o: T): boolean;
  /** The order as a list read before it finished showed it. */
  asOpen(o: T): T;
}

const REGULAR: ListedKind<FakeOrder> = {
  bookedAt: (o) => o.time,
  isOpen: isOpenOrder,
  asOpen: (o) => ({ ...o, status: 'NEW', executedQty: 0, avgPrice: 0, updateTime: o.time }),
};

const ALGO: ListedKind<FakeAlgoOrder> = {
  bookedAt: (o) => o.createTime,
  isOpen: (o) => o.algoStatus === 'NEW',
  asOpen: (o) => ({ ...o, algoStatus: 'NEW', actualOrderId: '', actualPrice: 0, updateTime: o.createTime }),
};

/** The orders an open-orders read at `now` lists, each as the read shows it. */
function listed<T extends { readonly updateTime: number }>(
  ctx: FakeContext,
  kind: ListedKind<T>,
  orders: readonly T[],
  now: number,
): T[] {
  const h = harshOf(ctx).current;
  if (!h.openOrdersLag) return orders.filter((o) => kind.isOpen(o));
  const asOf = now - h.lookupLagMs;
  const out: T[] = [];
  for (const o of orders) {
    if (kind.bookedAt(o) > asOf) continue;
    if (kind.isOpen(o)) out.push(o);
    else if (o.updateTime > asOf) out.push(kind.asOpen(o));
  }
  return out;
}

/** The regular orders an open-orders read at `now` lists. */
export const listedOpenOrders = (ctx: FakeContext, orders: readonly FakeOrder[], now: number): FakeOrder[] =>
  listed(ctx, REGULAR, orders, now);

/** The conditional orders an open-algo-orders read at `now` lists. */
export const listedOpenAlgoOrders = (
  ctx: FakeContext,
  orders: readonly FakeAlgoOrder[],
  now: number,
): FakeAlgoOrder[] => listed(ctx, ALGO, orders, now);
