/**
 * Turns what an order has filled so far into fills, each exactly once: by Binance trade id, so
 * a partially filled limit yields one fill per new part, and a restart never books a trade
 * twice. Amounts base units, prices USDT, fees USDT, times exchange ms.
 */
import type { Fill } from '../ports/venue.js';
import type { ExchangeTrade } from '../exchange/binance-orders.js';
import { fillOf } from '../exchange/open-orders.js';
import type { TrackedOrder } from './tracked-order.js';

/**
 * The fill of `t`'s newly filled amount (`t.filled − t.bookedQty`) from its trades not booked
 * yet, or null when nothing new filled. Without visible trades the order's average price and
 * update time stand in (fee 0). Side effect: marks the amount and trades booked on `t`.
 */
export function bookNewFill(t: TrackedOrder, trades: readonly ExchangeTrade[], step: number): Fill | null {
  const delta = t.filled - t.bookedQty;
  if (delta < step / 2) return null;
  const fresh = trades.filter((x) => !t.bookedTrades.includes(x.id));
  const qty = fresh.reduce((s, x) => s + x.qty, 0);
  const use = qty >= delta - step / 2 ? fresh : [];
  const f = fillOf(t.req, delta, use, { price: t.averagePrice ?? 0, ts: t.updatedAt });
  t.bookedQty = t.filled;
  t.bookedTrades.push(...use.map((x) => x.id));
  if (t.averagePrice === null) t.averagePrice = f.price;
  return f;
}
