/**
 * Binance USDT-M order wire format, both ways, without ccxt's unified layer: the raw REST
 * endpoints coinbot calls through ccxt's implicit API (signing, rate limiter and error classes
 * still ccxt's), the request parameters for each order type, and parsers for the answers.
 *
 * Routing (checked in ccxt 4.5.84 `binance.js`): since 2025-12-09 Binance accepts STOP_MARKET /
 * TAKE_PROFIT_MARKET only through the Algo Order API (`POST /fapi/v1/algoOrder`,
 * `algoType=CONDITIONAL`, id field `clientAlgoId`; `/fapi/v1/order` answers -4120). ccxt's
 * unified `createOrder` routes any linear-swap order with a trigger price there
 * (`fapiPrivatePostAlgoOrder`), and `fetchOrder`/`cancelOrder`/`fetchOpenOrders` need
 * `{ trigger: true }` to reach `GET|DELETE /fapi/v1/algoOrder` and `GET /fapi/v1/openAlgoOrders`.
 * coinbot calls those endpoints directly so that every request is explicit and testable:
 * market and limit orders (entries, take-profit, exits) go to `/fapi/v1/order`, the stop to
 * `/fapi/v1/algoOrder`.
 *
 * Stops trigger on the last price (`workingType=CONTRACT_PRICE`), the price the simulator's
 * candles are made of; a mark-price trigger would fire on a different series than the one the
 * strategy was tested on.
 */
import type { Order, OrderRequest, OrderStatus, Position } from '../ports/venue.js';
import type { MarketFacts } from '../types.js';
import { BINANCE_USDM } from './capabilities.js';
import { ExchangeResponseError, isTransient } from './ccxt-errors.js';

type Params = Record<string, string | number | boolean>;

/** The raw Binance USDT-M endpoints live mode uses (ccxt implicit API methods of `binanceusdm`). */
export interface BinanceRest {
  fapiPrivatePostOrder(p: Params): Promise<unknown>;
  fapiPrivateGetOrder(p: Params): Promise<unknown>;
  fapiPrivateDeleteOrder(p: Params): Promise<unknown>;
  fapiPrivateGetOpenOrders(p: Params): Promise<unknown>;
  fapiPrivateGetUserTrades(p: Params): Promise<unknown>;
  fapiPrivatePostAlgoOrder(p: Params): Promise<unknown>;
  fapiPrivateGetAlgoOrder(p: Params): Promise<unknown>;
  fapiPrivateDeleteAlgoOrder(p: Params): Promise<unknown>;
  fapiPrivateGetOpenAlgoOrders(p: Params): Promise<unknown>;
  fapiPrivateV2GetPositionRisk(p: Params): Promise<unknown>;
  fapiPrivateV2GetBalance(p?: Params): Promise<unknown>;
  fapiPrivateGetPositionSideDual(p?: Params): Promise<unknown>;
  fapiPrivatePostMarginType(p: Params): Promise<unknown>;
  fapiPrivatePostLeverage(p: Params): Promise<unknown>;
  readonly last_response_headers?: unknown;
}

/** Which API an order lives in: the matching engine (`/fapi/v1/order`) or the Algo Service. */
export type OrderApi = 'order' | 'algo';

/** Stop trigger price source; see the file comment. */
export const STOP_WORKING_TYPE = 'CONTRACT_PRICE';

/** `x` printed with exactly the decimals of `inc` (no exponent), e.g. (0.1 + 0.2, 0.01) → "0.30". */
export function formatIncrement(x: number, inc: number): string {
  const s = inc.toString();
  const e = /e-(\d+)$/.exec(s);
  const decimals = e ? Number(e[1]) + (s.split('e')[0]?.split('.')[1]?.length ?? 0) : (s.split('.')[1]?.length ?? 0);
  return x.toFixed(decimals);
}

/** The API an order request goes to: stops through the Algo Order API, everything else the order API. */
export function apiOf(req: OrderRequest): OrderApi {
  return req.type === 'stop_market' ? 'algo' : 'order';
}

/**
 * The parameters of a stop that closes the WHOLE position when it triggers (`closePosition=true`,
 * no quantity, no reduceOnly: Binance refuses both beside it): partial fills and resizes can never
 * leave part of the position uncovered. Binance allows one such stop per direction (-4130).
 */
export function closePositionStopParams(
  clientOrderId: string,
  side: 'buy' | 'sell',
  triggerPrice: number,
  facts: MarketFacts,
): Params {
  return {
    symbol: facts.id,
    side: side.toUpperCase(),
    algoType: 'CONDITIONAL',
    type: 'STOP_MARKET',
    closePosition: 'true',
    triggerPrice: formatIncrement(triggerPrice, facts.tickSize),
    workingType: STOP_WORKING_TYPE,
    priceProtect: 'false',
    clientAlgoId: clientOrderId,
  };
}

/** The parameters of `req` for its endpoint (without timestamp and signature, which ccxt adds). */
export function orderParams(req: OrderRequest, facts: MarketFacts): Params {
  const common: Params = {
    symbol: facts.id,
    side: req.side.toUpperCase(),
    quantity: formatIncrement(req.amount, facts.stepSize),
  };
  if (req.reduceOnly) common.reduceOnly = 'true';
  switch (req.type) {
    case 'market':
      return { ...common, type: 'MARKET', newClientOrderId: req.clientOrderId, newOrderRespType: 'RESULT' };
    case 'limit':
      return {
        ...common,
        type: 'LIMIT',
        timeInForce: 'GTC',
        price: formatIncrement(req.price as number, facts.tickSize),
        newClientOrderId: req.clientOrderId,
        newOrderRespType: 'RESULT',
      };
    case 'stop_market':
      return {
        ...common,
        algoType: 'CONDITIONAL',
        type: 'STOP_MARKET',
        triggerPrice: formatIncrement(req.triggerPrice as number, facts.tickSize),
        workingType: STOP_WORKING_TYPE,
        priceProtect: 'false',
        clientAlgoId: req.clientOrderId,
      };
  }
}

/** The query that finds one order by our client id on its API. */
export function lookupParams(api: OrderApi, clientOrderId: string, facts: MarketFacts): Params {
  return api === 'algo' ? { clientAlgoId: clientOrderId } : { symbol: facts.id, origClientOrderId: clientOrderId };
}

/**
 * What an exchange answer says about an order. Amounts base units, prices USDT, times ms UTC.
 * `triggered`: a conditional order fired; its fill is that of the order in `actualOrderId`.
 */
export interface ExchangeOrderState {
  readonly clientOrderId: string;
  readonly exchangeId: string;
  readonly status: OrderStatus | 'triggered';
  readonly filled: number;
  readonly averagePrice?: number;
  readonly updateTime: number;
  /** Algo orders: id of the order the trigger placed in the matching engine ('' before). */
  readonly actualOrderId?: string;
  readonly reduceOnly: boolean;
  /** Binance's own status word, for messages. */
  readonly raw: string;
}

const ORDER_STATUS: Readonly<Record<string, OrderStatus>> = {
  NEW: 'open',
  PARTIALLY_FILLED: 'open',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  EXPIRED: 'cancelled',
  EXPIRED_IN_MATCH: 'cancelled',
  REJECTED: 'rejected',
};
// TRIGGERING/TRIGGERED/FINISHED: the trigger fired and a market order went to the matching
// engine; whether it filled is that order's business (read through actualOrderId).
const ALGO_STATUS: Readonly<Record<string, OrderStatus | 'triggered'>> = {
  NEW: 'open',
  TRIGGERING: 'triggered',
  TRIGGERED: 'triggered',
  FINISHED: 'triggered',
  CANCELED: 'cancelled',
  EXPIRED: 'cancelled',
  REJECTED: 'rejected',
};

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** A non-null object, or an {@link ExchangeResponseError} naming `what` was expected. */
function record(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) throw new ExchangeResponseError(`not a Binance ${what}: ${String(raw)}`);
  return raw as Record<string, unknown>;
}

/**
 * Parses a `/fapi/v1/order` answer.
 * @throws ExchangeResponseError (transient) on a body that is not an order.
 */
export function parseOrder(raw: unknown): ExchangeOrderState {
  const o = record(raw, 'order');
  const status = ORDER_STATUS[String(o.status)];
  if (status === undefined || typeof o.clientOrderId !== 'string')
    throw new ExchangeResponseError(`not a Binance order: ${JSON.stringify(raw).slice(0, 120)}`);
  const filled = num(o.executedQty);
  const avg = num(o.avgPrice);
  return {
    clientOrderId: o.clientOrderId,
    exchangeId: String(o.orderId),
    status,
    filled: Number.isFinite(filled) ? filled : 0,
    ...(avg > 0 ? { averagePrice: avg } : {}),
    updateTime: num(o.updateTime) || num(o.time) || 0,
    reduceOnly: o.reduceOnly === true || o.reduceOnly === 'true',
    raw: String(o.status),
  };
}

/**
 * Parses a `/fapi/v1/algoOrder` answer; `filled` stays 0 (the actual order carries the fill).
 * @throws ExchangeResponseError (transient) on a body that is not an algo order.
 */
export function parseAlgoOrder(raw: unknown): ExchangeOrderState {
  const o = record(raw, 'algo order');
  const status = ALGO_STATUS[String(o.algoStatus)];
  if (status === undefined || typeof o.clientAlgoId !== 'string')
    throw new ExchangeResponseError(`not a Binance algo order: ${JSON.stringify(raw).slice(0, 120)}`);
  const actual = o.actualOrderId === undefined || o.actualOrderId === null ? '' : String(o.actualOrderId);
  return {
    clientOrderId: o.clientAlgoId,
    exchangeId: String(o.algoId),
    status,
    filled: 0,
    updateTime: num(o.updateTime) || num(o.createTime) || 0,
    actualOrderId: actual,
    reduceOnly: o.reduceOnly === true || o.reduceOnly === 'true',
    raw: String(o.algoStatus),
  };
}

/**
 * The one-way position of `marketId` in a `/fapi/v2/positionRisk` answer, or null when flat.
 * @throws ExchangeResponseError (transient) when the answer is not an array of rows.
 */
export function parsePosition(raw: unknown, marketId: string): Position | null {
  if (!Array.isArray(raw)) throw new ExchangeResponseError('positionRisk: expected an array');
  const row = (raw as unknown[])
    .map((r) => record(r, 'positionRisk row'))
    .find((r) => r.symbol === marketId && (r.positionSide === undefined || r.positionSide === 'BOTH'));
  if (row === undefined) return null;
  const amt = num(row.positionAmt);
  if (!Number.isFinite(amt) || amt === 0) return null;
  return { side: amt > 0 ? 'long' : 'short', amount: Math.abs(amt), entryPrice: num(row.entryPrice) };
}

/** One `/fapi/v1/userTrades` row. Fee in USDT (0 when charged in another asset, e.g. BNB). */
export interface ExchangeTrade {
  /** Binance's trade id: each trade is booked as a fill exactly once. */
  readonly id: string;
  readonly orderId: string;
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly qty: number;
  readonly fee: number;
  readonly feeAsset: string;
  readonly time: number;
  readonly maker: boolean;
}

/**
 * Parses a `/fapi/v1/userTrades` answer.
 * @throws ExchangeResponseError (transient) when the answer is not an array of rows.
 */
export function parseTrades(raw: unknown): ExchangeTrade[] {
  if (!Array.isArray(raw)) throw new ExchangeResponseError('userTrades: expected an array');
  return (raw as unknown[])
    .map((r) => record(r, 'userTrades row'))
    .map((t) => ({
      id: String(t.id),
      orderId: String(t.orderId),
      side: t.side === 'SELL' || t.buyer === false ? ('sell' as const) : ('buy' as const),
      price: num(t.price),
      qty: num(t.qty),
      feeAsset: String(t.commissionAsset),
      fee: t.commissionAsset === 'USDT' ? num(t.commission) : 0,
      time: num(t.time),
      maker: t.maker === true,
    }));
}

/** The Binance error code inside a ccxt error message (`… {"code":-2022,"msg":…}`) or its cause, if any. */
export function binanceCode(e: unknown): number | undefined {
  const m = /"code"\s*:\s*"?(-\d+)/.exec(e instanceof Error ? e.message : String(e));
  if (m) return Number(m[1]);
  const cause = (e as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== e ? binanceCode(cause) : undefined;
}

/** Binance codes of server-side trouble that a retry may fix (unknown/internal errors, timeouts, rate limits). */
export const TRANSIENT_CODES: readonly number[] = BINANCE_USDM.transientCodes;

/**
 * Transient for signed calls: network errors and 5xx as usual, but an answer with a Binance error
 * code is transient only for the codes in {@link TRANSIENT_CODES}: "order does not exist", "no need
 * to change margin type" and the like are answers, not failures, and are never retried.
 */
export function isTransientBinance(e: unknown): boolean {
  const code = binanceCode(e);
  if (code !== undefined) return TRANSIENT_CODES.includes(code);
  return isTransient(e);
}

/** Codes meaning "no such order" (query) or "not open any more" (cancel). */
export const ORDER_NOT_FOUND: readonly number[] = BINANCE_USDM.notFoundCodes;

/**
 * Codes for an order the exchange refused for what it is (never retried): reduce-only
 * rejected, margin insufficient, minimum notional, price/precision filters, would trigger
 * immediately, bad parameters, conditional type on the wrong endpoint.
 */
export const ORDER_REFUSED: readonly number[] = BINANCE_USDM.refusedCodes;

/** An order with this client id is already open: the earlier attempt landed. */
export const DUPLICATE_CLIENT_ID = BINANCE_USDM.errorCodes.duplicateClientId;
/** "Order would immediately trigger": the price is already through the stop. */
export const WOULD_TRIGGER = BINANCE_USDM.errorCodes.wouldTrigger;
/** A reduce-only order that would open or grow a position (for an exit: the position is flat). */
export const REDUCE_ONLY_REJECTED = BINANCE_USDM.errorCodes.reduceOnlyRejected;
/** A closePosition stop in that direction is already open. */
export const CLOSE_POSITION_EXISTS = BINANCE_USDM.errorCodes.closePositionExists;
/** Margin is insufficient. */
export const MARGIN_INSUFFICIENT = BINANCE_USDM.errorCodes.insufficientMargin;
/** The notional is below the symbol's minimum (-4164; reduce-only orders are exempt). */
export const NOTIONAL_TOO_SMALL = BINANCE_USDM.errorCodes.maxNotional;
/** The position would exceed the maximum allowed at the current leverage (-2027). */
export const POSITION_TOO_LARGE = -2027;

/** The port's view of an order from its request and the exchange state. */
export function orderView(
  req: OrderRequest,
  s: { status: OrderStatus; filled: number; averagePrice?: number | undefined; reason?: string | undefined },
): Order {
  const v: { -readonly [K in keyof Order]: Order[K] } = { ...req, status: s.status, filled: s.filled };
  if (s.averagePrice !== undefined && s.filled > 0) v.averagePrice = s.averagePrice;
  if (s.reason !== undefined && s.reason !== '') v.reason = s.reason;
  return v;
}
