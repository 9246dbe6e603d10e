/**
 * What the exchange has open for one symbol, in both of Binance USDT-M's books: the matching
 * engine (`GET /fapi/v1/openOrders`) and the Algo Service's conditional orders
 * (`GET /fapi/v1/openAlgoOrders`, where the stop legs live since 2025-12-09). Reconciliation
 * must read both: a stop is invisible in `openOrders`. Also: one fill from its trades.
 */
import { TransientError } from '../errors.js';
import type { Fill, OrderRequest } from '../ports/venue.js';
import type { MarketFacts } from '../types.js';
import {
  parseAlgoOrder,
  parseOrder,
  type BinanceRest,
  type ExchangeOrderState,
  type ExchangeTrade,
} from './binance-orders.js';

/** An open order as listed, with the request it stands for (for adoption). */
export interface OpenListed extends ExchangeOrderState {
  readonly request: OrderRequest;
  /** A conditional order that closes the whole position (`closePosition=true`). */
  readonly closePosition: boolean;
}

type Call = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

function asRows(raw: unknown): Record<string, unknown>[] {
  // openAlgoOrders may come wrapped ({ orders: [...] }) in some API versions.
  const list = Array.isArray(raw) ? raw : (raw as { orders?: unknown } | null)?.orders;
  if (!Array.isArray(list))
    throw new TransientError(
      `open orders: expected a list, got ${JSON.stringify(raw).slice(0, 80)}; the exchange answered garbage, retry later`,
    );
  return list as Record<string, unknown>[];
}

function requestOf(r: Record<string, unknown>, s: ExchangeOrderState, algo: boolean): OrderRequest {
  const side = String(r.side).toLowerCase() === 'sell' ? 'sell' : 'buy';
  const base = { clientOrderId: s.clientOrderId, side, reduceOnly: s.reduceOnly } as const;
  if (algo) return { ...base, type: 'stop_market', amount: Number(r.quantity), triggerPrice: Number(r.triggerPrice) };
  if (r.type === 'LIMIT') return { ...base, type: 'limit', amount: Number(r.origQty), price: Number(r.price) };
  return { ...base, type: 'market', amount: Number(r.origQty) };
}

/**
 * Lists the open orders and open conditional orders of `facts.id`, keyed by client id.
 * @throws TransientError on garbage or when the exchange keeps failing.
 */
export async function fetchOpenOrders(
  rest: BinanceRest,
  facts: MarketFacts,
  call: Call,
): Promise<{ open: Map<string, OpenListed>; algo: Map<string, OpenListed> }> {
  const rows = await call('GET /fapi/v1/openOrders', () => rest.fapiPrivateGetOpenOrders({ symbol: facts.id }));
  const algoRows = await call('GET /fapi/v1/openAlgoOrders', () =>
    rest.fapiPrivateGetOpenAlgoOrders({ symbol: facts.id }),
  );
  const open = new Map<string, OpenListed>();
  const algo = new Map<string, OpenListed>();
  for (const r of asRows(rows)) {
    const s = parseOrder(r);
    open.set(s.clientOrderId, { ...s, request: requestOf(r, s, false), closePosition: false });
  }
  for (const r of asRows(algoRows)) {
    if (r.symbol !== undefined && r.symbol !== facts.id) continue;
    const s = parseAlgoOrder(r);
    algo.set(s.clientOrderId, {
      ...s,
      request: requestOf(r, s, true),
      closePosition: r.closePosition === true || r.closePosition === 'true',
    });
  }
  return { open, algo };
}

/**
 * The fill of an order from its trades: average price, summed USDT fees, maker only when every
 * trade was, stamped with the first trade's time. Without trades (not visible yet) the order's
 * own average price and update time stand in, fee 0.
 */
export function fillOf(
  req: OrderRequest,
  filled: number,
  trades: readonly ExchangeTrade[],
  fallback: { price: number; ts: number },
): Fill {
  const qty = trades.reduce((s, x) => s + x.qty, 0);
  const price = qty > 0 ? trades.reduce((s, x) => s + x.price * x.qty, 0) / qty : fallback.price;
  return {
    clientOrderId: req.clientOrderId,
    side: req.side,
    price,
    amount: filled,
    fee: trades.reduce((s, x) => s + x.fee, 0),
    liquidity: trades.length > 0 && trades.every((x) => x.maker) ? 'maker' : 'taker',
    ts: trades[0]?.time ?? fallback.ts,
    reduceOnly: req.reduceOnly,
  };
}
