/**
 * CcxtVenue: the Venue port on Binance USDT-M through ccxt `binanceusdm` (raw endpoints, see
 * binance-orders.ts). It keeps a book of the orders it placed (by deterministic client id) and
 * learns what happened to them in {@link CcxtVenue.sync}, which the live market data calls at
 * every candle close before the runner sees the candle (as `SimVenue.processCandle` in a
 * backtest).
 *
 * | Venue method | here |
 * |---|---|
 * | placeOrder | write-ahead to the outbox, then send; after a transient error, look the client id up before sending again; refusals come back `rejected` |
 * | cancelOrder | DELETE on its API; "unknown order" means it finished: looked up |
 * | getOrder, openOrders | from the book, as of the last answer or sync |
 * | position | from the last sync (`/fapi/v2/positionRisk`) |
 * | takeFills | fills found by sync, with fees from `/fapi/v1/userTrades` |
 * | (live) sync, snapshot, CcxtVenue.restore, adoptOpenOrders, wantsFrequentSync | |
 *
 * Semantics kept from the contract: an entry with an attached bracket gets a reduce-only
 * STOP_MARKET (Algo Order API, last-price trigger) and a reduce-only take-profit LIMIT (as the
 * simulator models it: maker, at its price or better) as soon as the fill is seen; when the
 * position is flat every reduce-only order left is cancelled (Binance leaves them).
 */
import { TransientError } from '../errors.js';
import { attachedBracketLevels } from '../risk.js';
import type { Fill, Order, OrderRequest, OrderStatus, Position, Venue } from '../ports/venue.js';
import type { PerpSymbol } from '../symbols.js';
import type { MarketFacts } from '../types.js';
import {
  apiOf,
  binanceCode,
  DUPLICATE_CLIENT_ID,
  isTransientBinance,
  lookupParams,
  ORDER_NOT_FOUND,
  ORDER_REFUSED,
  orderParams,
  orderView,
  parseAlgoOrder,
  parseOrder,
  parsePosition,
  parseTrades,
  type BinanceRest,
  type ExchangeOrderState,
  type OrderApi,
} from './binance-orders.js';
import { fetchOpenOrders, fillOf } from './open-orders.js';
import { shortMessage, toHarnessError } from './ccxt-errors.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  retryAfterFromExchange,
  withRetry,
  type RetryHooks,
  type RetryPolicy,
} from './retry.js';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One order in the venue's book (JSON, persisted with the live state). */
export interface TrackedOrder {
  readonly req: OrderRequest;
  readonly api: OrderApi;
  /** `sending`: written ahead, no answer seen yet (after a crash it is looked up first). */
  status: OrderStatus | 'sending';
  exchangeId: string | null;
  /** Conditional orders: the matching-engine order the trigger placed. */
  actualOrderId: string | null;
  filled: number;
  averagePrice: number | null;
  reason: string;
  /** The fill was handed out by takeFills. */
  reported: boolean;
  /** Entries with a bracket: both legs were placed. */
  legsPlaced: boolean;
  /** Last change seen (ms UTC, exchange time when known). */
  updatedAt: number;
}

/** The venue's persisted state. */
export interface CcxtVenueSnapshot {
  readonly orders: readonly TrackedOrder[];
}

/** What the venue needs besides the exchange. */
export interface CcxtVenueOptions {
  readonly retry?: RetryPolicy;
  readonly hooks?: RetryHooks;
  /** Write-ahead: called (synchronously, durably) with each request before it is sent. */
  readonly outbox?: (req: OrderRequest) => void;
  /** Order traffic for the log: sent, answered, cancelled, adopted. */
  readonly onOrder?: (what: 'sent' | 'rejected' | 'cancelled' | 'adopted' | 'dropped', order: Order) => void;
}

const FINAL: readonly string[] = ['filled', 'cancelled', 'rejected'];
/** Finished orders are kept this long (ms) after their last change, for idempotent lookups. */
const KEEP_FINISHED_MS = 3 * 86_400_000;

/** The live venue of one symbol. */
export class CcxtVenue implements Venue {
  readonly symbol: PerpSymbol;
  private readonly book = new Map<string, TrackedOrder>();
  private pos: Position | null = null;
  private fills: Fill[] = [];
  private readonly policy: RetryPolicy;
  private readonly hooks: RetryHooks;

  constructor(
    private readonly rest: BinanceRest,
    private readonly facts: MarketFacts,
    private readonly opts: CcxtVenueOptions = {},
  ) {
    this.symbol = facts.symbol;
    this.policy = opts.retry ?? DEFAULT_RETRY;
    this.hooks = { retryAfterMs: retryAfterFromExchange(rest), ...opts.hooks, isTransient: isTransientBinance };
  }

  /** A venue with the book of `snap` plus `sending` entries for requests left in the outbox. */
  static restore(
    rest: BinanceRest,
    facts: MarketFacts,
    snap: CcxtVenueSnapshot | undefined,
    outbox: readonly OrderRequest[],
    opts: CcxtVenueOptions = {},
  ): CcxtVenue {
    const v = new CcxtVenue(rest, facts, opts);
    for (const o of snap?.orders ?? []) v.book.set(o.req.clientOrderId, { ...o });
    for (const req of outbox)
      if (!v.book.has(req.clientOrderId)) v.book.set(req.clientOrderId, v.track(req, 'sending'));
    return v;
  }

  /** The book as JSON; finished orders older than three days are dropped. */
  snapshot(now: number): CcxtVenueSnapshot {
    for (const [id, o] of this.book) {
      if (FINAL.includes(o.status) && (o.filled === 0 || o.reported) && now - o.updatedAt > KEEP_FINISHED_MS)
        this.book.delete(id);
    }
    return { orders: [...this.book.values()].map((o) => ({ ...o })) };
  }

  /** True while a bracketed entry rests or waits for its legs: poll more often than once a candle. */
  wantsFrequentSync(): boolean {
    for (const o of this.book.values()) {
      if (
        o.req.bracket !== undefined &&
        !o.legsPlaced &&
        (o.status === 'open' || o.status === 'sending' || o.filled > 0)
      )
        return true;
    }
    return false;
  }

  async placeOrder(req: OrderRequest): Promise<Order> {
    const known = this.book.get(req.clientOrderId);
    if (known !== undefined && known.status !== 'sending') return this.view(known);
    const t = known ?? this.track(req, 'sending');
    this.book.set(req.clientOrderId, t);
    this.opts.outbox?.(req);
    await this.send(t);
    this.opts.onOrder?.(t.status === 'rejected' ? 'rejected' : 'sent', this.view(t));
    // A bracketed market entry filled at once (Binance answers FILLED): protect it now.
    if (t.req.bracket !== undefined && t.status === 'filled') await this.sync();
    return this.view(t);
  }

  async cancelOrder(clientOrderId: string): Promise<Order | null> {
    const t = this.book.get(clientOrderId);
    if (t === undefined) return null;
    if (t.status !== 'open' && t.status !== 'sending') return this.view(t);
    try {
      const raw = await this.call(`cancel ${clientOrderId}`, () =>
        t.api === 'algo'
          ? this.rest.fapiPrivateDeleteAlgoOrder(lookupParams('algo', clientOrderId, this.facts))
          : this.rest.fapiPrivateDeleteOrder(lookupParams('order', clientOrderId, this.facts)),
      );
      if (t.api === 'order') await this.apply(t, parseOrder(raw));
      else t.status = 'cancelled';
      t.reason = 'cancelled on request';
    } catch (e) {
      if (!(ORDER_NOT_FOUND as readonly number[]).includes(binanceCode(e) ?? 0)) throw e;
      await this.refresh(t);
    }
    this.opts.onOrder?.('cancelled', this.view(t));
    return this.view(t);
  }

  getOrder(clientOrderId: string): Promise<Order | null> {
    const t = this.book.get(clientOrderId);
    return Promise.resolve(t === undefined ? null : this.view(t));
  }

  openOrders(): Promise<readonly Order[]> {
    return Promise.resolve([...this.book.values()].filter((o) => o.status === 'open').map((o) => this.view(o)));
  }

  position(): Promise<Position | null> {
    return Promise.resolve(this.pos);
  }

  takeFills(): Promise<readonly Fill[]> {
    const out = this.fills.sort((a, b) => a.ts - b.ts);
    this.fills = [];
    return Promise.resolve(out);
  }

  /**
   * One round trip with the exchange: the position, the open orders and conditional orders,
   * then every order of the book that is no longer open is looked up; new fills are collected
   * (with their fees), brackets attached to filled entries, and reduce-only orders of a flat
   * position cancelled.
   * @throws TransientError when the exchange keeps failing (after retries).
   */
  async sync(): Promise<void> {
    const { open, algo } = await fetchOpenOrders(this.rest, this.facts, (what, fn) => this.call(what, fn));
    this.pos = parsePosition(
      await this.call('GET /fapi/v2/positionRisk', () =>
        this.rest.fapiPrivateV2GetPositionRisk({ symbol: this.facts.id }),
      ),
      this.facts.id,
    );
    for (const t of this.book.values()) {
      if (t.status !== 'open' && t.status !== 'sending') continue;
      const listed = t.api === 'algo' ? algo.get(t.req.clientOrderId) : open.get(t.req.clientOrderId);
      if (listed !== undefined) await this.apply(t, listed);
      else await this.refresh(t);
    }
    for (const t of this.book.values())
      if (!t.reported && t.filled > 0 && FINAL.includes(t.status)) await this.collectFill(t);
    await this.attachBrackets();
    if (this.pos === null) {
      for (const t of [...this.book.values()])
        if (t.req.reduceOnly && t.status === 'open') await this.cancelOrder(t.req.clientOrderId);
    }
  }

  /**
   * Start-up reconciliation's adoption step: open orders and conditional orders of this symbol
   * that carry our client id prefix (`cb-<BASE>-`) but are not in the book (state lost or
   * written before they were sent) join the book.
   * @returns the adopted client ids.
   */
  async adoptOpenOrders(prefix: string): Promise<string[]> {
    const { open, algo } = await fetchOpenOrders(this.rest, this.facts, (what, fn) => this.call(what, fn));
    const adopted: string[] = [];
    for (const list of [open, algo]) {
      for (const s of list.values()) {
        if (!s.clientOrderId.startsWith(prefix) || this.book.has(s.clientOrderId)) continue;
        const t = this.track(s.request, 'open');
        await this.apply(t, s);
        this.book.set(s.clientOrderId, t);
        adopted.push(s.clientOrderId);
        this.opts.onOrder?.('adopted', this.view(t));
      }
    }
    return adopted;
  }

  /** Every order in the book (for reconciliation and tests). */
  orders(): readonly TrackedOrder[] {
    return [...this.book.values()];
  }

  private track(req: OrderRequest, status: TrackedOrder['status']): TrackedOrder {
    return {
      req,
      api: apiOf(req),
      status,
      exchangeId: null,
      actualOrderId: null,
      filled: 0,
      averagePrice: null,
      reason: '',
      reported: false,
      legsPlaced: false,
      updatedAt: 0,
    };
  }

  private view(t: TrackedOrder): Order {
    const status: OrderStatus = t.status === 'sending' ? 'open' : t.status;
    return orderView(t.req, { status, filled: t.filled, averagePrice: t.averagePrice ?? undefined, reason: t.reason });
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(what, fn, this.policy, this.hooks);
  }

  /** Sends `t` (status `sending`) until the exchange answers; a lost answer is resolved by a lookup. */
  private async send(t: TrackedOrder): Promise<void> {
    const what = `${t.api === 'algo' ? 'POST /fapi/v1/algoOrder' : 'POST /fapi/v1/order'} ${t.req.clientOrderId}`;
    const params = orderParams(t.req, this.facts);
    for (let attempt = 1; ; attempt++) {
      try {
        const raw =
          t.api === 'algo'
            ? await this.rest.fapiPrivatePostAlgoOrder(params)
            : await this.rest.fapiPrivatePostOrder(params);
        await this.apply(t, t.api === 'algo' ? parseAlgoOrder(raw) : parseOrder(raw));
        return;
      } catch (e) {
        const code = binanceCode(e);
        if (code !== undefined && (ORDER_REFUSED as readonly number[]).includes(code)) {
          t.status = 'rejected';
          t.reason = shortMessage(e, 200);
          return;
        }
        if (code !== DUPLICATE_CLIENT_ID && !isTransientBinance(e)) throw toHarnessError(e, what);
        if (code !== DUPLICATE_CLIENT_ID) {
          const delayMs = Math.max(
            backoffDelay(attempt, this.policy),
            Math.min(this.hooks.retryAfterMs?.(e) ?? 0, this.policy.maxRetryAfterMs),
          );
          this.hooks.onRetry?.({ what, attempt, delayMs, error: e });
          await (this.hooks.sleep ?? realSleep)(delayMs);
        }
        // The attempt may have landed although its answer was lost: ask before sending again,
        // so that one client id never becomes two orders.
        const found = await this.lookup(t);
        if (found !== null) {
          await this.apply(t, found);
          return;
        }
        if (attempt >= this.policy.attempts)
          throw new TransientError(
            `${what}: failed ${attempt} times, last: ${shortMessage(e, 160)}; the exchange or the network is failing: rerun later`,
            { cause: e },
          );
      }
    }
  }

  /** The exchange's state of `t`, or null when it has no such order. */
  private async lookup(t: TrackedOrder): Promise<ExchangeOrderState | null> {
    try {
      const raw = await this.call(
        `GET ${t.api === 'algo' ? '/fapi/v1/algoOrder' : '/fapi/v1/order'} ${t.req.clientOrderId}`,
        () =>
          t.api === 'algo'
            ? this.rest.fapiPrivateGetAlgoOrder(lookupParams('algo', t.req.clientOrderId, this.facts))
            : this.rest.fapiPrivateGetOrder(lookupParams('order', t.req.clientOrderId, this.facts)),
      );
      return t.api === 'algo' ? parseAlgoOrder(raw) : parseOrder(raw);
    } catch (e) {
      if (binanceCode(e) === -2013) return null;
      throw e;
    }
  }

  /** Updates `t` from the exchange after it left the open lists. */
  private async refresh(t: TrackedOrder): Promise<void> {
    const s = await this.lookup(t);
    if (s !== null) return this.apply(t, s);
    if (t.status === 'sending') {
      // Written ahead but never reached the exchange (killed before the request went out).
      t.status = 'rejected';
      t.reason = 'never reached the exchange';
      this.opts.onOrder?.('dropped', this.view(t));
    } else {
      t.status = 'cancelled';
      t.reason = 'no longer known to the exchange';
    }
  }

  /** Applies an exchange state; a fired conditional order takes the state of its actual order. */
  private async apply(t: TrackedOrder, s: ExchangeOrderState): Promise<void> {
    t.exchangeId = s.exchangeId;
    t.updatedAt = Math.max(t.updatedAt, s.updateTime);
    if (s.status !== 'triggered') {
      t.status = s.status;
      if (t.api === 'order') {
        t.filled = s.filled;
        t.averagePrice = s.averagePrice ?? t.averagePrice;
      }
      return;
    }
    if (s.actualOrderId === undefined || s.actualOrderId === '') return; // still on its way to the matching engine
    t.actualOrderId = s.actualOrderId;
    const raw = await this.call(`GET /fapi/v1/order ${s.actualOrderId}`, () =>
      this.rest.fapiPrivateGetOrder({ symbol: this.facts.id, orderId: s.actualOrderId as string }),
    );
    const a = parseOrder(raw);
    t.status = a.status === 'triggered' ? 'open' : a.status;
    t.filled = a.filled;
    t.averagePrice = a.averagePrice ?? t.averagePrice;
    t.updatedAt = Math.max(t.updatedAt, a.updateTime);
  }

  private async collectFill(t: TrackedOrder): Promise<void> {
    const orderId = t.actualOrderId ?? t.exchangeId;
    const trades =
      orderId === null
        ? []
        : parseTrades(
            await this.call(`GET /fapi/v1/userTrades ${orderId}`, () =>
              this.rest.fapiPrivateGetUserTrades({ symbol: this.facts.id, orderId: orderId as string }),
            ),
          );
    const f = fillOf(t.req, t.filled, trades, { price: t.averagePrice ?? 0, ts: t.updatedAt });
    this.fills.push(f);
    if (t.averagePrice === null) t.averagePrice = f.price;
    t.reported = true;
  }

  /** Places the missing legs of filled bracketed entries while their position is open. */
  private async attachBrackets(): Promise<void> {
    for (const t of [...this.book.values()]) {
      const b = t.req.bracket;
      if (
        b === undefined ||
        t.legsPlaced ||
        t.filled <= 0 ||
        t.averagePrice === null ||
        t.status === 'open' ||
        t.status === 'sending'
      )
        continue;
      const long = t.req.side === 'buy';
      if (this.pos === null || (this.pos.side === 'long') !== long) {
        t.legsPlaced = true; // closed (or never opened) before we could protect it: nothing to attach to
        continue;
      }
      const lv = attachedBracketLevels(long, t.averagePrice, b, this.facts.tickSize);
      const exit = long ? 'sell' : 'buy';
      const amount = Math.min(t.filled, this.pos.amount);
      await this.placeOrder({
        clientOrderId: b.stopClientOrderId,
        side: exit,
        type: 'stop_market',
        amount,
        triggerPrice: lv.stop,
        reduceOnly: true,
      });
      await this.placeOrder({
        clientOrderId: b.takeProfitClientOrderId,
        side: exit,
        type: 'limit',
        amount,
        price: lv.takeProfit,
        reduceOnly: true,
      });
      t.legsPlaced = true;
    }
  }
}
