/**
 * SimVenue: the Venue port over replayed candles. Orders placed between candles are settled by
 * {@link SimVenue.processCandle} with the rules of fill-model.ts, in the order written there;
 * costs come from fees-funding.ts. Every method returns synchronously (the runner then awaits
 * nothing in the hot loop).
 *
 * | Venue method | here |
 * |---|---|
 * | placeOrder | validates step/tick, reduce-only against the position; idempotent by client id |
 * | cancelOrder, getOrder, openOrders | from the order book kept here |
 * | position | from {@link SimAccount} |
 * | takeFills | fills since the last call |
 * | (sim only) processCandle, settleWindowEnd, equityAt, account, fundingPayments | |
 * | (paper mode) snapshot, SimVenue.restore | JSON state, so a paper run survives a restart |
 * | (sim only) fork, isIdle, passIdle | a copy at a window prefix's end; the quiet-candle pass |
 *
 * Size: over 400 lines on purpose: one order book whose private state (orders, open list, views,
 * account) every method here reads or changes; the fill rules themselves live in fill-model.ts.
 * Moving methods out would mean exposing that state; a smaller book (numeric ids, only open
 * orders kept) is the next speed step and would shrink it (README, Performance).
 */
import { isMultipleOf } from '../increments.js';
import { attachedBracketLevels } from '../risk.js';
import type { PerpSymbol } from '../symbols.js';
import type { Candle, MarketFacts } from '../types.js';
import type { Fill, Order, OrderRequest, Position, Venue } from '../ports/venue.js';
import { fundingPaid, feeOf, type FundingPayment, type FundingSchedule } from './fees-funding.js';
import {
  bracketExitAfterIntrabarEntry,
  bracketExitFromOpen,
  bracketQuietBand,
  isMarketableOnArrival,
  limitFillAtOpen,
  limitFillIntrabar,
  marketFillPrice,
  type BracketExit,
} from './fill-model.js';
import { SimAccount } from './sim-account.js';
import type { SimSettings } from './sim-settings.js';

interface SimOrder {
  readonly req: OrderRequest;
  status: Order['status'];
  filled: number;
  averagePrice: number;
  reason: string;
  /** A limit that crossed the last price on arrival: fills at the next open as a taker. */
  readonly marketable: boolean;
  /** Cached port view; cleared on every change. */
  view: Order | null;
}

type BracketRule = (
  exitSide: 'buy' | 'sell',
  stop: number | null,
  tp: number | null,
  c: Candle,
  slip: number,
) => BracketExit | null;

/**
 * A SimVenue's state as plain JSON (paper mode persists it): the account, the last close, every
 * order still open plus the finished ones given (for idempotent client ids), and fills not yet
 * taken. Funding is not part of it: paper mode books no funding.
 */
export interface SimVenueSnapshot {
  readonly account: {
    readonly amount: number;
    readonly avgPrice: number;
    readonly balance: number;
    readonly fees: number;
    readonly funding: number;
  };
  readonly lastClose: number | null;
  readonly orders: readonly {
    readonly req: OrderRequest;
    readonly status: Order['status'];
    readonly filled: number;
    readonly averagePrice: number | null;
    readonly reason: string;
    readonly marketable: boolean;
  }[];
  readonly fills: readonly Fill[];
}

const NO_FILLS: readonly Fill[] = Object.freeze([]);
const NO_ORDERS: readonly Order[] = Object.freeze([]);

/** The simulated venue of one symbol. */
export class SimVenue implements Venue {
  readonly symbol: PerpSymbol;
  /** Position and cash; read-only for callers. */
  readonly account = new SimAccount();
  /** Every funding payment booked, in time order. */
  readonly fundingPayments: FundingPayment[] = [];
  private readonly orders = new Map<string, SimOrder>();
  private open: SimOrder[] = [];
  private fills: Fill[] = [];
  private openView: readonly Order[] | null = NO_ORDERS;
  private positionView: Position | null = null;
  private lastClose = Number.NaN;
  /** The bracket legs {@link findBracketLegs} found last (read right after it). */
  private legStop: SimOrder | undefined = undefined;
  private legTp: SimOrder | undefined = undefined;
  /** {@link idleBounds}' answer, reused (one object per venue, not one per call). */
  private readonly bounds = { above: 0, below: 0, until: 0 };

  constructor(
    private readonly facts: MarketFacts,
    private readonly settings: SimSettings,
    private readonly funding?: FundingSchedule,
  ) {
    this.symbol = facts.symbol;
  }

  placeOrder(req: OrderRequest): Order {
    const known = this.orders.get(req.clientOrderId);
    if (known !== undefined) return view(known);
    const problem = this.validate(req);
    const marketable =
      problem === null &&
      req.type === 'limit' &&
      !Number.isNaN(this.lastClose) &&
      isMarketableOnArrival(req.side, req.price as number, this.lastClose);
    const o: SimOrder = {
      req,
      status: problem === null ? 'open' : 'rejected',
      filled: 0,
      averagePrice: Number.NaN,
      reason: problem ?? '',
      marketable,
      view: null,
    };
    this.orders.set(req.clientOrderId, o);
    if (o.status === 'open') this.addOpen(o);
    return view(o);
  }

  cancelOrder(clientOrderId: string): Order | null {
    const o = this.orders.get(clientOrderId);
    if (o === undefined) return null;
    if (o.status === 'open') this.finish(o, 'cancelled', 'cancelled on request');
    return view(o);
  }

  getOrder(clientOrderId: string): Order | null {
    const o = this.orders.get(clientOrderId);
    return o === undefined ? null : view(o);
  }

  openOrders(): readonly Order[] {
    if (this.openView === null) this.openView = Object.freeze(this.open.map(view));
    return this.openView;
  }

  position(): Position | null {
    return this.positionView;
  }

  takeFills(): readonly Fill[] {
    if (this.fills.length === 0) return NO_FILLS;
    const out = this.fills;
    this.fills = [];
    return out;
  }

  /**
   * The venue's state as JSON. Finished orders are kept only when `keepFinished(clientOrderId)`
   * says so (default: all), so a long paper run does not grow its state without bound.
   */
  snapshot(keepFinished: (clientOrderId: string) => boolean = () => true): SimVenueSnapshot {
    const a = this.account;
    const orders = [...this.orders.values()]
      .filter((o) => o.status === 'open' || keepFinished(o.req.clientOrderId))
      .map((o) => ({
        req: o.req,
        status: o.status,
        filled: o.filled,
        averagePrice: Number.isNaN(o.averagePrice) ? null : o.averagePrice,
        reason: o.reason,
        marketable: o.marketable,
      }));
    return {
      account: { amount: a.amount, avgPrice: a.avgPrice, balance: a.balance, fees: a.fees, funding: a.funding },
      lastClose: Number.isNaN(this.lastClose) ? null : this.lastClose,
      orders,
      fills: [...this.fills],
    };
  }

  /** A venue in the state of `snap` (see {@link snapshot}); open orders keep their placement order. */
  static restore(facts: MarketFacts, settings: SimSettings, snap: SimVenueSnapshot): SimVenue {
    const v = new SimVenue(facts, settings);
    Object.assign(v.account, snap.account);
    v.lastClose = snap.lastClose ?? Number.NaN;
    for (const r of snap.orders) {
      const o: SimOrder = {
        req: r.req,
        status: r.status,
        filled: r.filled,
        averagePrice: r.averagePrice ?? Number.NaN,
        reason: r.reason,
        marketable: r.marketable,
        view: null,
      };
      v.orders.set(r.req.clientOrderId, o);
      if (o.status === 'open') v.addOpen(o);
    }
    v.fills = [...snap.fills];
    v.positionView = positionOf(v.account);
    return v;
  }

  /**
   * An independent copy of this venue in its current state, funding schedule included: a
   * backtest ends its shorter windows on copies taken at their last candle (backtest.ts).
   */
  fork(): SimVenue {
    const v = new SimVenue(this.facts, this.settings, this.funding?.fork());
    const a = this.account;
    Object.assign(v.account, {
      amount: a.amount,
      avgPrice: a.avgPrice,
      balance: a.balance,
      fees: a.fees,
      funding: a.funding,
    });
    v.fundingPayments.push(...this.fundingPayments);
    for (const [id, o] of this.orders) v.orders.set(id, o.status === 'open' ? { ...o } : o);
    for (const o of this.open) v.open.push(v.orders.get(o.req.clientOrderId) as SimOrder);
    v.openView = null;
    v.fills = [...this.fills];
    v.positionView = this.positionView;
    v.lastClose = this.lastClose;
    return v;
  }

  /** Wallet balance change plus the open position marked at `price` (USDT). */
  equityAt(price: number): number {
    return this.account.equityAt(price);
  }

  /**
   * Settles everything that happens during candle `c` (fill-model.ts, steps 0–3). Called by the
   * replay before the runner sees `c`.
   */
  processCandle(c: Candle): void {
    if (this.funding !== undefined) this.funding.consumeThrough(c.ts, this.payFunding);
    if (this.open.length > 0) this.settle(c);
    this.lastClose = c.close;
  }

  /**
   * True when {@link processCandle}`(c)` would change nothing but the last close: no funding
   * event due while a position is open, and no open order that the fill rules fill on `c` (a
   * market or marketable order, a resting entry, or a bracket leg the rule reaches). While
   * flat, due funding events pay nothing: they are consumed by the next candle processed.
   */
  isIdle(c: Candle): boolean {
    const amt = this.account.amount;
    if (amt !== 0 && this.funding !== undefined && this.funding.dueBy(c.ts)) return false;
    const open = this.open;
    if (open.length === 0) return true;
    if (amt === 0) return false;
    for (const o of open) if (isTakerAtOpen(o) || isRestingEntry(o)) return false;
    const exitSide = amt > 0 ? 'sell' : 'buy';
    if (!this.findBracketLegs(exitSide)) return true;
    return (
      bracketExitFromOpen(
        exitSide,
        this.legStop?.req.triggerPrice ?? null,
        this.legTp?.req.price ?? null,
        c,
        this.settings.slippageBps,
      ) === null
    );
  }

  /**
   * Until an order is placed, {@link isIdle}`(c)` holds exactly for the candles c opening before
   * `until` (ms UTC: the next funding event while a position is open) with min(open, low) >
   * `above` and max(open, high) < `below` (the band of the position's bracket legs, fill-model.ts
   * {@link bracketQuietBand}). Null when an order other than bracket legs is open (it may fill on
   * any candle). Flat without orders: every candle is idle. The answer is one object this venue
   * reuses: read it before the next call.
   */
  idleBounds(): { readonly above: number; readonly below: number; readonly until: number } | null {
    const amt = this.account.amount;
    const open = this.open;
    const b = this.bounds;
    b.until = amt !== 0 && this.funding !== undefined ? this.funding.nextTs() : Number.POSITIVE_INFINITY;
    b.above = Number.NEGATIVE_INFINITY;
    b.below = Number.POSITIVE_INFINITY;
    if (open.length === 0) return b;
    if (amt === 0) return null;
    for (const o of open) if (isTakerAtOpen(o) || isRestingEntry(o)) return null;
    const exitSide = amt > 0 ? 'sell' : 'buy';
    if (!this.findBracketLegs(exitSide)) return b;
    const band = bracketQuietBand(exitSide, this.legStop?.req.triggerPrice ?? null, this.legTp?.req.price ?? null);
    b.above = band.above;
    b.below = band.below;
    return b;
  }

  /** No position and no open order: what happens next depends on new orders only. */
  isFlatWithoutOrders(): boolean {
    return this.account.amount === 0 && this.open.length === 0;
  }

  /** Books idle candles (see {@link isIdle}) ending with a close of `lastClose`: only that close is remembered. */
  passIdle(lastClose: number): void {
    this.lastClose = lastClose;
  }

  /**
   * Ends the run after candle `last`: cancels open orders, books funding events up to its close
   * time `closeTs`, and closes a position at its close price with the taker fee and no slippage
   * (an accounting close, not a trade), stamped `closeTs`.
   */
  settleWindowEnd(last: Candle, closeTs: number, clientOrderId: string): void {
    for (const o of [...this.open]) this.finish(o, 'cancelled', 'window end');
    if (this.funding !== undefined) this.funding.consumeThrough(closeTs, this.payFunding);
    const amt = this.account.amount;
    if (amt === 0) return;
    const side = amt > 0 ? 'sell' : 'buy';
    const req: OrderRequest = { clientOrderId, side, type: 'market', amount: Math.abs(amt), reduceOnly: true };
    const o = openOrder(req);
    this.orders.set(clientOrderId, o);
    this.fillOrder(o, last.close, 'taker', closeTs);
  }

  private validate(req: OrderRequest): string | null {
    const f = this.facts;
    if (!(req.amount > 0) || !isMultipleOf(req.amount, f.stepSize))
      return `amount ${req.amount} is not a positive multiple of the step ${f.stepSize}`;
    if (req.type === 'limit' && !(req.price !== undefined && req.price > 0 && isMultipleOf(req.price, f.tickSize))) {
      return `limit price ${req.price} is not a positive multiple of the tick ${f.tickSize}`;
    }
    if (req.type === 'stop_market') {
      if (!req.reduceOnly) return 'the simulator supports stop orders only as reduce-only exits';
      if (!(req.triggerPrice !== undefined && req.triggerPrice > 0 && isMultipleOf(req.triggerPrice, f.tickSize))) {
        return `trigger price ${req.triggerPrice} is not a positive multiple of the tick ${f.tickSize}`;
      }
    }
    if (req.reduceOnly) {
      const amt = this.account.amount;
      if (amt === 0) return 'reduce-only order with no open position';
      if (amt > 0 === (req.side === 'buy')) return 'reduce-only order on the side that would increase the position';
    }
    return null;
  }

  private readonly payFunding = (ts: number, rate: number): void => {
    const amt = this.account.amount;
    if (amt === 0) return;
    const side = amt > 0 ? 'long' : 'short';
    const mark = (this.funding as FundingSchedule).markAt(ts, this.lastClose);
    const paid = fundingPaid(side, Math.abs(amt), mark.price, rate);
    this.account.applyFunding(paid);
    this.fundingPayments.push({
      ts,
      rate,
      markPrice: mark.price,
      markSource: mark.source,
      amount: Math.abs(amt),
      side,
      paid,
    });
  };

  private settle(c: Candle): void {
    const slip = this.settings.slippageBps;
    // 1a, 1b: market orders and limits marketable on arrival, in placement order.
    if (this.open.some(isTakerAtOpen)) {
      for (const o of [...this.open]) {
        if (o.status === 'open' && isTakerAtOpen(o))
          this.fillOrder(o, marketFillPrice(o.req.side, c, slip), 'taker', c.ts);
      }
    }
    // 1c + 2 for the position held at the open: its bracket against the whole candle.
    if (this.account.amount !== 0) this.runBracket(c, bracketExitFromOpen);
    // Entry limits (one position per symbol: they rest only while flat): crossed at the open,
    // then reached inside the candle, each followed by its bracket under the matching rule.
    if (!this.open.some(isRestingEntry)) return;
    for (const o of [...this.open]) {
      if (o.status !== 'open' || o.req.reduceOnly || o.req.type !== 'limit') continue;
      const price = o.req.price as number;
      const atOpen = limitFillAtOpen(o.req.side, price, c);
      if (atOpen !== null) {
        this.fillOrder(o, atOpen, 'maker', c.ts);
        this.runBracket(c, bracketExitFromOpen);
        continue;
      }
      const inside = limitFillIntrabar(o.req.side, price, c);
      if (inside !== null) {
        this.fillOrder(o, inside, 'maker', c.ts);
        this.runBracket(c, bracketExitAfterIntrabarEntry);
      }
    }
  }

  /** Fills bracket legs of the current position by `rule` until none applies or it is flat. */
  private runBracket(c: Candle, rule: BracketRule): void {
    for (let guard = 0; guard < 8 && this.account.amount !== 0; guard++) {
      const exitSide = this.account.amount > 0 ? 'sell' : 'buy';
      if (!this.findBracketLegs(exitSide)) return;
      const stop = this.legStop;
      const tp = this.legTp;
      const ex = rule(exitSide, stop?.req.triggerPrice ?? null, tp?.req.price ?? null, c, this.settings.slippageBps);
      if (ex === null) return;
      this.fillOrder((ex.leg === 'stop' ? stop : tp) as SimOrder, ex.price, ex.liquidity, c.ts);
    }
  }

  /**
   * Finds the first open reduce-only stop and take-profit limit on `exitSide` into
   * {@link legStop} and {@link legTp} (fields, not a pair per call); false when neither.
   */
  private findBracketLegs(exitSide: 'buy' | 'sell'): boolean {
    let stop: SimOrder | undefined;
    let tp: SimOrder | undefined;
    for (const o of this.open) {
      if (!o.req.reduceOnly || o.req.side !== exitSide) continue;
      if (o.req.type === 'stop_market' && stop === undefined) stop = o;
      else if (o.req.type === 'limit' && !o.marketable && tp === undefined) tp = o;
    }
    this.legStop = stop;
    this.legTp = tp;
    return stop !== undefined || tp !== undefined;
  }

  private fillOrder(o: SimOrder, price: number, liquidity: 'maker' | 'taker', ts: number): void {
    let amount = o.req.amount - o.filled;
    if (o.req.reduceOnly) {
      const amt = this.account.amount;
      const reducible = (amt > 0 && o.req.side === 'sell') || (amt < 0 && o.req.side === 'buy') ? Math.abs(amt) : 0;
      if (reducible === 0) {
        this.finish(o, 'cancelled', 'position is flat');
        return;
      }
      amount = Math.min(amount, reducible);
    }
    const fee = feeOf(price, amount, liquidity, this.settings);
    this.account.applyFill(o.req.side, price, amount, fee);
    o.averagePrice = o.filled === 0 ? price : (o.averagePrice * o.filled + price * amount) / (o.filled + amount);
    o.filled += amount;
    o.view = null;
    const fill: Fill = {
      clientOrderId: o.req.clientOrderId,
      side: o.req.side,
      price,
      amount,
      fee,
      liquidity,
      ts,
      reduceOnly: o.req.reduceOnly,
    };
    // Usually the candle's only fill: an array of one (a push onto `[]` reserves 17 slots).
    if (this.fills.length === 0) this.fills = [fill];
    else this.fills.push(fill);
    this.finish(o, 'filled', '');
    this.positionView = positionOf(this.account);
    if (o.req.bracket !== undefined && !o.req.reduceOnly) this.attachBracket(o, price, amount);
    if (this.account.amount === 0) this.cancelReduceOnly();
  }

  /** Places the attached stop (rounded towards the fill) and take-profit (rounded away from it). */
  private attachBracket(entry: SimOrder, fill: number, amount: number): void {
    const b = entry.req.bracket;
    if (b === undefined) return;
    const long = entry.req.side === 'buy';
    const exitSide = long ? 'sell' : 'buy';
    const { stop, takeProfit } = attachedBracketLevels(long, fill, b, this.facts.tickSize);
    this.addLeg({
      clientOrderId: b.stopClientOrderId,
      side: exitSide,
      type: 'stop_market',
      amount,
      triggerPrice: stop,
      reduceOnly: true,
    });
    this.addLeg({
      clientOrderId: b.takeProfitClientOrderId,
      side: exitSide,
      type: 'limit',
      amount,
      price: takeProfit,
      reduceOnly: true,
    });
  }

  /** Opens bracket leg `req` unless its client id is already known. */
  private addLeg(req: OrderRequest): void {
    if (this.orders.has(req.clientOrderId)) return;
    const o = openOrder(req);
    this.orders.set(req.clientOrderId, o);
    this.addOpen(o);
  }

  private addOpen(o: SimOrder): void {
    this.open.push(o);
    this.openView = null;
  }

  private finish(o: SimOrder, status: Order['status'], reason: string): void {
    markFinished(o, status, reason);
    // Removed in place, the others keeping their placement order (no array per call, as `splice`
    // makes), and shortened by `pop`: a store to `length` is a call into V8's runtime.
    const open = this.open;
    const i = open.indexOf(o);
    if (i >= 0) {
      for (let k = i + 1; k < open.length; k++) open[k - 1] = open[k] as SimOrder;
      open.pop();
    }
    this.openView = null;
  }

  /** Cancels every open reduce-only order (the position is flat), the others kept in order. */
  private cancelReduceOnly(): void {
    const open = this.open;
    let kept = 0;
    for (let k = 0; k < open.length; k++) {
      const r = open[k] as SimOrder;
      if (r.req.reduceOnly) markFinished(r, 'cancelled', 'position is flat');
      else open[kept++] = r;
    }
    if (kept === open.length) return;
    while (open.length > kept) open.pop();
    this.openView = null;
  }
}

/** A new open order of `req`, not marketable on arrival (an exit or a bracket leg). */
function openOrder(req: OrderRequest): SimOrder {
  return { req, status: 'open', filled: 0, averagePrice: Number.NaN, reason: '', marketable: false, view: null };
}

/** Sets a finished order's status and reason (its view is rebuilt on the next read). */
function markFinished(o: SimOrder, status: Order['status'], reason: string): void {
  o.status = status;
  o.reason = reason;
  o.view = null;
}

function isTakerAtOpen(o: SimOrder): boolean {
  return o.req.type === 'market' || o.marketable;
}

function isRestingEntry(o: SimOrder): boolean {
  return !o.req.reduceOnly && o.req.type === 'limit';
}

function positionOf(a: SimAccount): Position | null {
  if (a.amount === 0) return null;
  return { side: a.amount > 0 ? 'long' : 'short', amount: Math.abs(a.amount), entryPrice: a.avgPrice };
}

function view(o: SimOrder): Order {
  if (o.view !== null) return o.view;
  const r = o.req;
  const v: { -readonly [K in keyof Order]: Order[K] } = {
    clientOrderId: r.clientOrderId,
    side: r.side,
    type: r.type,
    amount: r.amount,
    reduceOnly: r.reduceOnly,
    status: o.status,
    filled: o.filled,
  };
  if (r.price !== undefined) v.price = r.price;
  if (r.triggerPrice !== undefined) v.triggerPrice = r.triggerPrice;
  if (r.bracket !== undefined) v.bracket = r.bracket;
  if (o.filled > 0) v.averagePrice = o.averagePrice;
  if (o.reason !== '') v.reason = o.reason;
  o.view = v;
  return v;
}
