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
 * - fees: taker 0.05 %, maker 0.02 % of notional, in USDT.
 */
import { lowerBound } from '../../src/engine/data/candle-series.js';
import { SimAccount } from '../../src/engine/sim/sim-account.js';
import {
  bracketExitAfterIntrabarEntry,
  bracketExitFromOpen,
  isMarketableOnArrival,
  limitFillAtOpen,
  limitFillIntrabar,
} from '../../src/engine/sim/fill-model.js';
import type { Candle } from '../../src/engine/types.js';
import type { FakeMarketData } from './market-data.js';

const TF = 60_000;
/** An order arriving this soon after a candle's open takes part in that candle (see above). */
export const ARRIVAL_GRACE_MS = 5_000;

/** Open time of the first candle an order arriving at `now` takes part in. */
function firstCandle(now: number): number {
  const open = Math.floor(now / TF) * TF;
  return now - open <= ARRIVAL_GRACE_MS ? open : open + TF;
}
const FEES = { taker: 0.0005, maker: 0.0002 } as const;

/** A regular order as Binance reports it (numbers kept as numbers; routes format them). */
export interface FakeOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: 'MARKET' | 'LIMIT';
  readonly origQty: number;
  readonly price: number;
  readonly reduceOnly: boolean;
  readonly time: number;
  /** First candle open time the order takes part in. */
  readonly from: number;
  readonly marketable: boolean;
  status: 'NEW' | 'FILLED' | 'CANCELED' | 'EXPIRED';
  executedQty: number;
  avgPrice: number;
  updateTime: number;
}

/** A conditional (algo) order. */
export interface FakeAlgoOrder {
  readonly algoId: number;
  readonly clientAlgoId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly orderType: 'STOP_MARKET' | 'TAKE_PROFIT_MARKET';
  readonly quantity: number;
  readonly triggerPrice: number;
  readonly workingType: string;
  readonly reduceOnly: boolean;
  readonly createTime: number;
  readonly from: number;
  algoStatus: 'NEW' | 'CANCELED' | 'FINISHED' | 'EXPIRED';
  actualOrderId: string;
  actualPrice: number;
  updateTime: number;
}

/** One execution (`/fapi/v1/userTrades`). */
export interface FakeTrade {
  readonly id: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly price: number;
  readonly qty: number;
  readonly commission: number;
  readonly realizedPnl: number;
  readonly time: number;
  readonly maker: boolean;
}

/** Per-symbol account settings. */
export interface SymbolSettings {
  leverage: number;
  marginType: 'cross' | 'isolated';
}

/** Why an order was refused: Binance code and message. */
export interface Refusal {
  readonly code: number;
  readonly msg: string;
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
  #nextId = 1;

  constructor(private readonly data: FakeMarketData) {}

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

  /** Realised PnL minus fees over all symbols (USDT). */
  realised(): number {
    let sum = 0;
    for (const a of this.#accounts.values()) sum += a.balance;
    return sum;
  }

  /** Orders still working (regular and conditional) of `symbol`. */
  openOrders(symbol: string): FakeOrder[] {
    return this.orders.filter((o) => o.symbol === symbol && o.status === 'NEW');
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
    if (this.orders.some((o) => o.clientOrderId === p.clientOrderId && o.status === 'NEW'))
      return { code: -4116, msg: 'ClientOrderId is duplicated.' };
    const refused = this.#reduceOnlyRefusal(p.symbol, p.side, p.reduceOnly);
    if (refused !== null) return refused;
    const last = this.#lastClose(p.symbol, now);
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
      clientAlgoId: string;
    },
    now: number,
  ): FakeAlgoOrder | Refusal {
    if (this.algoOrders.some((o) => o.clientAlgoId === p.clientAlgoId && o.algoStatus === 'NEW'))
      return { code: -4116, msg: 'ClientOrderId is duplicated.' };
    const refused = this.#reduceOnlyRefusal(p.symbol, p.side, p.reduceOnly);
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
    const o = this.orders.find((x) => x.symbol === symbol && x.status === 'NEW' && find(x));
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
    const symbols = new Set([
      ...this.orders.filter((o) => o.status === 'NEW').map((o) => o.symbol),
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
        this.#settleCandle(symbol, c);
        this.#settled.set(symbol, c.ts + TF);
      }
    }
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

  #reduceOnlyRefusal(symbol: string, side: 'BUY' | 'SELL', reduceOnly: boolean): Refusal | null {
    if (!reduceOnly) return null;
    const amt = this.position(symbol).amount;
    if (amt === 0 || amt > 0 === (side === 'BUY')) return { code: -2022, msg: 'ReduceOnly Order is rejected.' };
    return null;
  }

  #lastClose(symbol: string, now: number): number | undefined {
    const s = this.data.series(symbol);
    if (s === undefined) return undefined;
    const i = lowerBound(s.ts, now - TF + 1) - 1;
    return i >= 0 ? s.close[i] : undefined;
  }

  #settleCandle(symbol: string, c: Candle): void {
    const live = (o: { from: number }) => o.from <= c.ts;
    for (const o of this.openOrders(symbol)) {
      if (o.status === 'NEW' && live(o) && (o.type === 'MARKET' || o.marketable)) this.#fill(o, c.open, false, c.ts);
    }
    this.#bracket(symbol, c, bracketExitFromOpen);
    for (const o of this.openOrders(symbol)) {
      if (o.status !== 'NEW' || !live(o) || o.reduceOnly || o.type !== 'LIMIT' || o.marketable) continue;
      const side = o.side === 'BUY' ? 'buy' : 'sell';
      const atOpen = limitFillAtOpen(side, o.price, c);
      const inside = atOpen === null ? limitFillIntrabar(side, o.price, c) : null;
      if (atOpen === null && inside === null) continue;
      this.#fill(o, (atOpen ?? inside) as number, true, c.ts);
      this.#bracket(symbol, c, atOpen !== null ? bracketExitFromOpen : bracketExitAfterIntrabarEntry);
    }
  }

  /** Fires the bracket legs of the position by `rule` until none applies or it is flat. */
  #bracket(symbol: string, c: Candle, rule: typeof bracketExitFromOpen): void {
    for (let guard = 0; guard < 8; guard++) {
      const amt = this.position(symbol).amount;
      if (amt === 0) return;
      const exit = amt > 0 ? 'SELL' : 'BUY';
      const stop = this.openAlgoOrders(symbol).find(
        (o) => o.from <= c.ts && o.side === exit && o.orderType === 'STOP_MARKET',
      );
      const tpAlgo = this.openAlgoOrders(symbol).find(
        (o) => o.from <= c.ts && o.side === exit && o.orderType === 'TAKE_PROFIT_MARKET',
      );
      const tpLimit = this.openOrders(symbol).find(
        (o) => o.from <= c.ts && o.side === exit && o.reduceOnly && o.type === 'LIMIT' && !o.marketable,
      );
      const tpPrice = tpLimit?.price ?? tpAlgo?.triggerPrice ?? null;
      const ex = rule(exit === 'SELL' ? 'sell' : 'buy', stop?.triggerPrice ?? null, tpPrice, c, 0);
      if (ex === null) return;
      if (ex.leg === 'take_profit' && tpLimit !== undefined) this.#fill(tpLimit, ex.price, true, c.ts);
      else this.#trigger((ex.leg === 'stop' ? stop : tpAlgo) as FakeAlgoOrder, ex.price, c.ts);
    }
  }

  /** A conditional order fires: it becomes a MARKET order in the matching engine, filled at `price`. */
  #trigger(a: FakeAlgoOrder, price: number, ts: number): void {
    const o: FakeOrder = {
      orderId: this.#nextId++,
      clientOrderId: a.clientAlgoId,
      symbol: a.symbol,
      side: a.side,
      type: 'MARKET',
      origQty: a.quantity,
      price: 0,
      reduceOnly: a.reduceOnly,
      time: ts,
      from: ts,
      marketable: false,
      status: 'NEW',
      executedQty: 0,
      avgPrice: 0,
      updateTime: ts,
    };
    this.orders.push(o);
    this.#fill(o, price, false, ts);
    a.algoStatus = 'FINISHED';
    a.actualOrderId = String(o.orderId);
    a.actualPrice = o.avgPrice;
    a.updateTime = ts;
  }

  #fill(o: FakeOrder, price: number, maker: boolean, ts: number): void {
    const acct = this.#account(o.symbol);
    let qty = o.origQty - o.executedQty;
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
    const commission = price * qty * (maker ? FEES.maker : FEES.taker);
    const realizedPnl = acct.applyFill(o.side === 'BUY' ? 'buy' : 'sell', price, qty, commission);
    o.avgPrice = o.executedQty === 0 ? price : (o.avgPrice * o.executedQty + price * qty) / (o.executedQty + qty);
    o.executedQty += qty;
    o.status = 'FILLED';
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
      maker,
    });
  }
}
