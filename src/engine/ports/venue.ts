/**
 * The Venue port: where orders go and fills come from. `SimVenue` (engine/sim) implements it
 * over replayed candles; live mode implements it with ccxt against Binance USDT-M. Both pass
 * `runVenueContract` (venue.contract.ts).
 *
 * | method | required | notes |
 * |---|---|---|
 * | `placeOrder` | yes | idempotent by `clientOrderId`: a known id returns the existing order |
 * | `cancelOrder` | yes | null for an unknown id; a finished order is returned unchanged |
 * | `getOrder` | yes | by client order id (live: to learn whether a first attempt went through) |
 * | `openOrders` | yes | resting orders, including reduce-only stop and take-profit legs |
 * | `position` | yes | one-way mode: one net position per symbol, or null when flat |
 * | `takeFills` | yes | fills not yet returned, in execution order; each exactly once |
 *
 * Semantics every venue keeps: a market order fills on the next candle (never at a price seen
 * before it was placed); a reduce-only order never opens or flips a position and is cancelled
 * when the position becomes flat; an entry with an attached bracket gets a reduce-only stop and
 * take-profit as soon as it fills; a rejected order comes back with `status: 'rejected'` and a
 * reason (transient failures throw `TransientError`).
 * Methods may return plain values (simulator: keeps the hot loop free of microtasks) or
 * promises (ccxt); callers handle both.
 */
import type { PerpSymbol } from '../symbols.js';

/** A value or a promise of it. */
export type Awaitable<T> = T | Promise<T>;

/** True when `v` is a native promise (then await it; else use it as is). Adapters return native promises (async functions do). */
export function isPromise<T>(v: Awaitable<T>): v is Promise<T> {
  return v instanceof Promise;
}

/** Order side on the exchange. */
export type OrderSide = 'buy' | 'sell';

/**
 * `market`: fills at the next candle's open (taker). `limit`: rests at `price` (maker), or fills
 * at once as a taker when marketable on arrival. `stop_market`: a market order triggered when the
 * last price reaches `triggerPrice` (taker).
 */
export type OrderType = 'market' | 'limit' | 'stop_market';

/** Lifecycle of an order. */
export type OrderStatus = 'open' | 'filled' | 'cancelled' | 'rejected';

/**
 * A reduce-only stop and take-profit the venue places when an entry fills: stop at fill ∓
 * `stopDistance`, take-profit (a reduce-only limit) at fill ± `takeProfitDistance` (USDT),
 * rounded to the tick (stop towards the fill, take-profit away from it).
 */
export interface AttachedBracket {
  readonly stopDistance: number;
  readonly takeProfitDistance: number;
  readonly stopClientOrderId: string;
  readonly takeProfitClientOrderId: string;
}

/** What to send. Amount in base units (a multiple of the market's step); prices in USDT, multiples of the tick. */
export interface OrderRequest {
  /** Deterministic id (see client-order-id.ts); Binance requires ≤ 36 chars of `[.A-Za-z0-9:/_-]`. */
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly amount: number;
  /** Limit price (type `limit`). */
  readonly price?: number;
  /** Trigger price (type `stop_market`), compared with the last price. */
  readonly triggerPrice?: number;
  readonly reduceOnly: boolean;
  readonly bracket?: AttachedBracket;
}

/** An order as the venue knows it. */
export interface Order extends OrderRequest {
  readonly status: OrderStatus;
  /** Filled amount (base units). */
  readonly filled: number;
  /** Average fill price (USDT), when anything filled. */
  readonly averagePrice?: number;
  /** Why the venue rejected or cancelled it, when it did so by itself. */
  readonly reason?: string;
}

/** One execution. Fee in USDT (≥ 0; a maker rebate would be negative, Binance USDT-M has none by default). */
export interface Fill {
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly price: number;
  readonly amount: number;
  readonly fee: number;
  readonly liquidity: 'maker' | 'taker';
  /** Fill time (ms UTC). The simulator stamps every fill with the open time of its candle. */
  readonly ts: number;
  readonly reduceOnly: boolean;
}

/** The net position (one-way mode). Amount in base units (> 0); entry price = average (USDT). */
export interface Position {
  readonly side: 'long' | 'short';
  readonly amount: number;
  readonly entryPrice: number;
}

/** The venue port. See the table above. */
export interface Venue {
  readonly symbol: PerpSymbol;
  placeOrder(req: OrderRequest): Awaitable<Order>;
  cancelOrder(clientOrderId: string): Awaitable<Order | null>;
  getOrder(clientOrderId: string): Awaitable<Order | null>;
  openOrders(): Awaitable<readonly Order[]>;
  position(): Awaitable<Position | null>;
  takeFills(): Awaitable<readonly Fill[]>;
}
