/**
 * One order in the live venue's book, as persisted with the live state, and the port's view of
 * it. Amounts in base units, prices USDT, times exchange ms.
 */
import type { Order, OrderRequest, OrderStatus } from '../ports/venue.js';
import { apiOf, orderView, type OrderApi } from '../exchange/binance-orders.js';
import type { UnknownOutcome } from './unknown-outcome.js';

/**
 * `sending`: written ahead, no answer yet; `unknown`: sent, the answer was lost (possibly live,
 * see unknown-outcome.ts); the rest as on the port.
 */
export type TrackedStatus = OrderStatus | 'sending' | 'unknown';

/** One order in the venue's book (JSON). */
export interface TrackedOrder {
  readonly req: OrderRequest;
  readonly api: OrderApi;
  /** A protective stop that closes the whole position (`closePosition=true`, no quantity). */
  readonly closePosition: boolean;
  status: TrackedStatus;
  exchangeId: string | null;
  /** Conditional orders: the matching-engine order the trigger placed. */
  actualOrderId: string | null;
  /** Filled amount so far (base units). */
  filled: number;
  averagePrice: number | null;
  reason: string;
  /** The Binance error code of a refusal, when refused. */
  refusedCode: number | null;
  /** Amount already booked as fills (handed to the runner or waiting in the durable queue). */
  bookedQty: number;
  /** Binance trade ids already booked. */
  bookedTrades: string[];
  /** Set while the outcome of the last send is unknown. */
  unknown: UnknownOutcome | null;
  /** Last change seen (exchange ms). */
  updatedAt: number;
}

/** A fresh book entry for `req`. */
export function trackOrder(req: OrderRequest, status: TrackedStatus, closePosition = false): TrackedOrder {
  return {
    req,
    api: apiOf(req),
    closePosition,
    status,
    exchangeId: null,
    actualOrderId: null,
    filled: 0,
    averagePrice: null,
    reason: '',
    refusedCode: null,
    bookedQty: 0,
    bookedTrades: [],
    unknown: null,
    updatedAt: 0,
  };
}

/** True while the order may still rest or fill on the exchange (open, being sent, or of unknown outcome). */
export function mayBeLive(t: TrackedOrder): boolean {
  return t.status === 'open' || t.status === 'sending' || t.status === 'unknown';
}

/** The port's view: `sending` and `unknown` show as `open` (possibly live). */
export function viewOf(t: TrackedOrder): Order {
  const status: OrderStatus = mayBeLive(t) ? 'open' : (t.status as OrderStatus);
  return orderView(t.req, { status, filled: t.filled, averagePrice: t.averagePrice ?? undefined, reason: t.reason });
}

/** Marks `t` as of unknown outcome since `sentAt` (exchange ms): possibly live until found or proved absent. */
export function markUnknown(t: TrackedOrder, sentAt: number): void {
  t.status = 'unknown';
  t.unknown = { sentAt, absentAt: [] };
}
