/**
 * The fake exchange's trading side: one account in one-way mode, its positions, regular orders
 * (`/fapi/v1/order`), conditional orders (the Algo Order API, `/fapi/v1/algoOrder`) and trades.
 *
 * Matching rules (documented, so tests can derive expected fills by hand):
 * - orders settle candle by candle once the fake clock has passed a candle's close, lazily on the
 *   next request, so nothing fills at the moment it is placed; an order takes part from the
 *   candle it arrives in when it arrives within {@link ARRIVAL_GRACE_MS} of that candle's open
 *   (a bot reacting to the close just before: its "next trade price" is that open, exactly what
 *   the simulator assumes), else from the next candle;
 * - within a candle the simulator's rules apply (src/engine/sim/fill-model.ts) with zero
 *   slippage: market orders (and limits marketable on arrival) fill at the open as takers (the
 *   next trade price); the bracket of a position open at the open is checked against the whole
 *   range, stop before take-profit; resting limits fill at their price or a better open (maker);
 * - a conditional STOP_MARKET / TAKE_PROFIT_MARKET triggers on the last price (the candle's
 *   range; `workingType` is recorded, MARK_PRICE is treated like CONTRACT_PRICE) and becomes a
 *   MARKET order in the matching engine (`actualOrderId`), algo status FINISHED;
 * - a reduce-only order that would open or flip a position is rejected on arrival (-2022) or,
 *   when the position is already flat at execution, EXPIRED; leftover reduce-only orders are NOT
 *   cancelled when the position closes (clients must cancel them);
 * - fees: taker 0.05 %, maker 0.02 % of notional, in USDT;
 * - harsh switches (harsh-options.ts) change some of these: `marketFillOnArrival` fills a MARKET
 *   (or marketable LIMIT) at arrival at the current price (arrival-checks.ts `currentPrice`),
 *   `partialFills` fills resting LIMIT entries half per candle, `rejectImmediateTrigger` refuses
 *   conditional orders already through their trigger (-2021);
 * - a `closePosition` conditional order closes the whole position at trigger time;
 * - every fill and every settlement feeds the rule checker (rule-checker.ts).
 */
import { lowerBound } from '../../src/engine/data/candle-series.js';
import { SimAccount } from '../../src/engine/sim/sim-account.js';
import { isMarketableOnArrival } from '../../src/engine/sim/fill-model.js';
import type { Candle } from '../../src/engine/types.js';
import {
  closePositionClash,
  currentPrice,
  duplicateAlgoId,
  duplicateOrderId,
  immediateTrigger,
  reduceOnlyRefusal,
} from './arrival-checks.js';
import {
  isOpenOrder,
  type FakeAlgoOrder,
  type FakeOrder,
  type FakeTrade,
  type Refusal,
  type SymbolSettings,
} from './book-types.js';
import { HarshSettings } from './harsh-options.js';
import type { FakeMarketData } from './market-data.js';
import { RuleChecker } from './rule-checker.js';
import { settleCandle, type MatchingBook } from './candle-matcher.js';

export type { FakeAlgoOrder, FakeOrder, FakeTrade, Refusal, SymbolSettings } from './book-types.js';

const TF = 60_000;
/** An order arriving this soon after a candle's open takes part in that candle (see above). */
export const ARRIVAL_GRACE_MS = 5_000;

/** Open time of the first candle an order arriving at `now` takes part in. */
function firstCandle(now: number): number {
  const open = Math.floor(now / TF) * TF;
  return now - open <= ARRIVAL_GRACE_MS ? open : open + TF;
}
const FEES = { taker: 0.0005, maker: 0.0002 } as const;
const EPS = 1e-9;

/** `x` rounded down to a multiple of `step` (base units), without float noise. */
function floorToStep(x: number, step: number): number {
  return Number((Math.floor(x / step + EPS) * step).toFixed(12));
}

/** The trading state of one fake account. */
export class TradingBook {
  /** One-way (false) or hedge mode (true); tests flip it to exercise the guard. */
  dualSidePosition = false;
  /** Wallet balance in USDT before realised PnL and fees. */
  walletUsdt = 10_000;
  readonly orders: FakeOrder[] = [];
  readonly algoOrders: FakeAlgoOrder[] = [];
  readonly trades: FakeTrade[] = [];
  readonly #accounts = new Map<string, SimAccount>();
  readonly #settings = new Map<string, SymbolSettings>();
  /** Next candle open time to settle, per symbol. */
  readonly #settled = new Map<string, number>();
  /** While settling candles: the fake time the settlement runs at (fills become visible then). */
  #settlingAt: number | undefined = undefined;
  #nextId = 1;
  /** The safety rules checked from this book (see rule-checker.ts). */
  readonly rules = new RuleChecker();
  /** Per symbol: the order that opened the current position. */
  readonly #entryOrder = new Map<string, number>();
  /** Per symbol: how many fills changed the position, and the position before the latest one. */
  readonly #fillHistory = new Map<string, { seq: number; before: { amount: number; entryPrice: number } }>();

  /** What the candle matcher may do with this book. */
  readonly #matching: MatchingBook = {
    openOrders: (symbol) => this.openOrders(symbol),
    openAlgoOrders: (symbol) => this.openAlgoOrders(symbol),
    position: (symbol) => this.position(symbol).amount,
    partialFills: () => this.harsh.current.partialFills,
    fill: (o, price, maker, ts, partial) => this.#fill(o, price, maker, ts, partial),
    trigger: (a, price, ts) => this.#trigger(a, price, ts),
  };

  /**
   * @param data the served candles orders are matched against
   * @param harsh the harsh switches in force (read at every decision, so run-time changes apply)
   * @param stepOf the symbol's quantity step size (base units), for partial fills
   * @param tickOf the symbol's price tick (USDT), for a market order's second trade
   */
  constructor(
    private readonly data: FakeMarketData,
    private readonly harsh: HarshSettings = new HarshSettings(),
    private readonly stepOf: (symbol: string) => number = () => 0.001,
    private readonly tickOf: (symbol: string) => number = () => 0.1,
  ) {}

  /** Settings of `symbol` (default: cross, leverage 20, as a fresh Binance account). */
  settings(symbol: string): SymbolSettings {
    let s = this.#settings.get(symbol);
    if (s === undefined) {
      s = { leverage: 20, marginType: 'cross' };
      this.#settings.set(symbol, s);
    }
    return s;
  }

  /** The position of `symbol`: signed amount (base units) and average entry price. */
  position(symbol: string): { amount: number; entryPrice: number } {
    const a = this.#accounts.get(symbol);
    return { amount: a?.amount ?? 0, entryPrice: a?.avgPrice ?? 0 };
  }

  /** Fills that changed the position of `symbol` so far, and the position before the latest one. */
  fillHistory(symbol: string): { seq: number; before: { amount: number; entryPrice: number } } {
    return this.#fillHistory.get(symbol) ?? { seq: 0, before: { amount: 0, entryPrice: 0 } };
  }

  /** Realised PnL minus fees over all symbols (USDT). */
  realised(): number {
    let sum = 0;
    for (const a of this.#accounts.values()) sum += a.balance;
    return sum;
  }

  /** Orders still working (regular and conditional) of `symbol`. */
  openOrders(symbol: string): FakeOrder[] {
    return this.orders.filter((o) => o.symbol === symbol && isOpenOrder(o));
  }

  openAlgoOrders(symbol: string): FakeAlgoOrder[] {
    return this.algoOrders.filter((o) => o.symbol === symbol && o.algoStatus === 'NEW');
  }

  /** Accepts a regular order at fake time `now`, or refuses it. */
  placeOrder(
    p: {
      symbol: string;
      side: 'BUY' | 'SELL';
      type: 'MARKET' | 'LIMIT';
      quantity: number;
      price: number;
      reduceOnly: boolean;
      clientOrderId: string;
    },
    now: number,
  ): FakeOrder | Refusal {
    const refused =
      duplicateOrderId(this.orders, p.clientOrderId) ??
      reduceOnlyRefusal(this.position(p.symbol).amount, p.side, p.reduceOnly);
    if (refused !== null) return refused;
    const onArrival = this.harsh.current.marketFillOnArrival;
    const last = onArrival ? currentPrice(this.data, p.symbol, now) : this.#lastClose(p.symbol, now);
    const marketable =
      p.type === 'LIMIT' &&
      last !== undefined &&
      isMarketableOnArrival(p.side === 'BUY' ? 'buy' : 'sell', p.price, last);
    const o: FakeOrder = {
      orderId: this.#nextId++,
      clientOrderId: p.clientOrderId,
      symbol: p.symbol,
      side: p.side,
      type: p.type,
      origQty: p.quantity,
      price: p.type === 'LIMIT' ? p.price : 0,
      reduceOnly: p.reduceOnly,
      time: now,
      from: firstCandle(now),
      marketable,
      status: 'NEW',
      executedQty: 0,
      avgPrice: 0,
      updateTime: now,
    };
    this.orders.push(o);
    if (onArrival && last !== undefined && (p.type === 'MARKET' || marketable)) this.#takerFill(o, last, now);
    return o;
  }

  /** Accepts a conditional order at fake time `now`, or refuses it. */
  placeAlgoOrder(
    p: {
      symbol: string;
      side: 'BUY' | 'SELL';
      orderType: 'STOP_MARKET' | 'TAKE_PROFIT_MARKET';
      quantity: number;
      triggerPrice: number;
      workingType: string;
      reduceOnly: boolean;
      /** Close the whole position at trigger time; `quantity` is then 0. */
      closePosition: boolean;
      clientAlgoId: string;
    },
    now: number,
  ): FakeAlgoOrder | Refusal {
    const refused =
      duplicateAlgoId(this.algoOrders, p.clientAlgoId) ??
      (p.closePosition
        ? closePositionClash(this.algoOrders, p)
        : reduceOnlyRefusal(this.position(p.symbol).amount, p.side, p.reduceOnly)) ??
      (this.harsh.current.rejectImmediateTrigger ? immediateTrigger(p, currentPrice(this.data, p.symbol, now)) : null);
    if (refused !== null) return refused;
    const o: FakeAlgoOrder = {
      algoId: this.#nextId++,
      clientAlgoId: p.clientAlgoId,
      symbol: p.symbol,
      side: p.side,
      orderType: p.orderType,
      quantity: p.quantity,
      triggerPrice: p.triggerPrice,
      workingType: p.workingType,
      reduceOnly: p.reduceOnly,
      closePosition: p.closePosition,
      createTime: now,
      from: firstCandle(now),
      algoStatus: 'NEW',
      actualOrderId: '',
      actualPrice: 0,
      updateTime: now,
    };
    this.algoOrders.push(o);
    return o;
  }

  /** Cancels a working order; undefined when unknown or already finished (Binance -2011). */
  cancelOrder(symbol: string, find: (o: FakeOrder) => boolean, now: number): FakeOrder | undefined {
    const o = this.orders.find((x) => x.symbol === symbol && isOpenOrder(x) && find(x));
    if (o === undefined) return undefined;
    o.status = 'CANCELED';
    o.updateTime = now;
    return o;
  }

  cancelAlgoOrder(find: (o: FakeAlgoOrder) => boolean, now: number): FakeAlgoOrder | undefined {
    const o = this.algoOrders.find((x) => x.algoStatus === 'NEW' && find(x));
    if (o === undefined) return undefined;
    o.algoStatus = 'CANCELED';
    o.updateTime = now;
    return o;
  }

  /** Settles every candle of every symbol with orders that closed by `now` (see the rules above). */
  catchUp(now: number): void {
    this.#settlingAt = now;
    try {
      this.#catchUp(now);
    } finally {
      this.#settlingAt = undefined;
    }
  }

  #catchUp(now: number): void {
    const symbols = new Set([
      ...this.orders.filter(isOpenOrder).map((o) => o.symbol),
      ...this.openAlgoOrdersAll().map((o) => o.symbol),
    ]);
    for (const symbol of symbols) {
      const s = this.data.series(symbol);
      if (s === undefined) continue;
      const earliest = Math.min(...this.#working(symbol).map((o) => o.from));
      let i = lowerBound(s.ts, Math.max(earliest, this.#settled.get(symbol) ?? -Infinity));
      for (; i < s.length && (s.ts[i] as number) + TF <= now; i++) {
        const c: Candle = {
          ts: s.ts[i] as number,
          open: s.open[i] as number,
          high: s.high[i] as number,
          low: s.low[i] as number,
          close: s.close[i] as number,
          volume: s.volume[i] as number,
        };
        settleCandle(this.#matching, symbol, c);
        this.#settled.set(symbol, c.ts + TF);
      }
    }
    this.rules.evaluate(this, now);
  }

  private openAlgoOrdersAll(): FakeAlgoOrder[] {
    return this.algoOrders.filter((o) => o.algoStatus === 'NEW');
  }

  #working(symbol: string): { from: number }[] {
    return [...this.openOrders(symbol), ...this.openAlgoOrders(symbol)];
  }

  #account(symbol: string): SimAccount {
    let a = this.#accounts.get(symbol);
    if (a === undefined) {
      a = new SimAccount();
      this.#accounts.set(symbol, a);
    }
    return a;
  }

  #lastClose(symbol: string, now: number): number | undefined {
    const s = this.data.series(symbol);
    if (s === undefined) return undefined;
    const i = lowerBound(s.ts, now - TF + 1) - 1;
    return i >= 0 ? s.close[i] : undefined;
  }

  /** A conditional order fires: it becomes a MARKET order in the matching engine, filled at `price`. */
  #trigger(a: FakeAlgoOrder, price: number, at: number): void {
    // A candle is settled as a whole and stamped at its open; nothing fires before it existed.
    const ts = Math.max(at, a.createTime);
    const o: FakeOrder = {
      orderId: this.#nextId++,
      clientOrderId: a.clientAlgoId,
      symbol: a.symbol,
      side: a.side,
      type: 'MARKET',
      origQty: a.closePosition ? Math.abs(this.position(a.symbol).amount) : a.quantity,
      price: 0,
      reduceOnly: a.reduceOnly || a.closePosition,
      time: ts,
      from: ts,
      marketable: false,
      status: 'NEW',
      executedQty: 0,
      avgPrice: 0,
      updateTime: ts,
    };
    this.orders.push(o);
    this.#takerFill(o, price, ts);
    a.algoStatus = 'FINISHED';
    a.actualOrderId = String(o.orderId);
    a.actualPrice = o.avgPrice;
    a.updateTime = ts;
  }

  /**
   * A taker fill on arrival or on a trigger. With `marketFillsInTrades` a MARKET order walks the
   * book: half of it (floored to the step) at `price`, the rest in a second trade one tick worse.
   */
  #takerFill(o: FakeOrder, price: number, at: number): void {
    if (o.type !== 'MARKET' || !this.harsh.current.marketFillsInTrades) {
      this.#fill(o, price, false, at);
      return;
    }
    this.#fill(o, price, false, at, true);
    const tick = this.tickOf(o.symbol);
    const worse = Number((o.side === 'BUY' ? price + tick : price - tick).toFixed(10));
    if (isOpenOrder(o)) this.#fill(o, worse, false, at);
  }

  /** Fills `o` at `price` (all of its remainder, or half of it per call when `partial`). */
  #fill(o: FakeOrder, matched: number, maker: boolean, at: number, partial = false): void {
    // Stamped at the candle's open, but never before the order arrived (the grace window).
    const ts = Math.max(at, o.time);
    const bps = maker ? 0 : this.harsh.current.takerSlippageBps;
    const price = bps === 0 ? matched : matched * (o.side === 'BUY' ? 1 + bps / 10_000 : 1 - bps / 10_000);
    const acct = this.#account(o.symbol);
    let qty = Number((o.origQty - o.executedQty).toFixed(12));
    if (partial) {
      const half = floorToStep(qty / 2, this.stepOf(o.symbol));
      if (half > 0) qty = half;
    }
    if (o.reduceOnly) {
      const reducible =
        (acct.amount > 0 && o.side === 'SELL') || (acct.amount < 0 && o.side === 'BUY') ? Math.abs(acct.amount) : 0;
      if (reducible === 0) {
        o.status = 'EXPIRED';
        o.updateTime = ts;
        return;
      }
      qty = Math.min(qty, reducible);
    }
    const before = this.position(o.symbol);
    if (!o.reduceOnly)
      this.rules.onEntryFill(o.symbol, o.orderId, o.side, before.amount, this.#entryOrder.get(o.symbol), ts);
    const commission = price * qty * (maker ? FEES.maker : FEES.taker);
    const realizedPnl = acct.applyFill(o.side === 'BUY' ? 'buy' : 'sell', price, qty, commission);
    this.#afterFill(o, before.amount);
    this.#fillHistory.set(o.symbol, { seq: this.fillHistory(o.symbol).seq + 1, before });
    o.avgPrice = o.executedQty === 0 ? price : (o.avgPrice * o.executedQty + price * qty) / (o.executedQty + qty);
    o.executedQty = Number((o.executedQty + qty).toFixed(12));
    o.status = o.executedQty >= o.origQty - EPS ? 'FILLED' : 'PARTIALLY_FILLED';
    o.updateTime = ts;
    this.trades.push({
      id: this.#nextId++,
      orderId: o.orderId,
      symbol: o.symbol,
      side: o.side,
      price,
      qty,
      commission,
      realizedPnl,
      time: ts,
      visibleAt: Math.max(ts, this.#settlingAt ?? ts),
      maker,
    });
  }

  /** Tracks which order opened the current position (for the duplicate-entry rule). */
  #afterFill(o: FakeOrder, before: number): void {
    const after = this.position(o.symbol).amount;
    if (Math.abs(after) < EPS) this.#entryOrder.delete(o.symbol);
    else if (Math.abs(before) < EPS || before > 0 !== after > 0) this.#entryOrder.set(o.symbol, o.orderId);
  }
}
