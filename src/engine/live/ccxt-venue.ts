/**
 * CcxtVenue: the Venue port on Binance USDT-M through ccxt `binanceusdm` (raw endpoints, see
 * binance-orders.ts). It keeps a book of the orders it placed (by client id), learns what
 * happened to them in {@link CcxtVenue.sync} (called at every candle close before the runner
 * sees the candle, at start-up, and between candles while something is pending), and enforces
 * the protection rules of protection.ts there.
 *
 * | Venue method | here |
 * |---|---|
 * | placeOrder | write-ahead to the outbox, then send. Entries are NEVER re-sent: a lost answer leaves them `unknown` (shown open) until a lookup finds them or proves them absent (unknown-outcome.ts). Reduce-only market exits are re-sent under a new client id until flat (-2022 then means flat). |
 * | cancelOrder | DELETE on its API; "unknown order" means it finished: looked up |
 * | getOrder, openOrders | from the book, as of the last answer or sync |
 * | position | from the last sync; a flat read within {@link POSITION_LAG_MS} of our own fill that says otherwise is taken as lagging |
 * | takeFills | fills booked by sync, each once (by trade id), persisted durably before they are handed out |
 * | (live) sync, snapshot, restore, adoptOpenOrders, wantsFrequentSync, entryBlock | |
 *
 * An entry with an attached bracket sets the position's levels at its first fill; the stop is a
 * `closePosition` STOP_MARKET through the Algo Order API (last-price trigger), the take-profit a
 * reduce-only LIMIT. When the position is flat every reduce-only order left is cancelled.
 *
 * Size: this file is over 400 lines on purpose-ish: the port methods, the sync, the three send
 * paths (entry once, stop re-sent under new ids, exit re-sent until flat) and the protection
 * operations all work on one book. The rules (protection.ts), the lookups (order-refresh.ts),
 * the ledger (position-ledger.ts), fill booking and unknown outcomes are already their own files;
 * the send paths are the next candidate to move out.
 */
import { TransientError } from '../errors.js';
import { clientOrderId, legOf } from '../ports/client-order-id.js';
import type { Fill, Order, OrderRequest, Position, Venue } from '../ports/venue.js';
import { attachedBracketLevels } from '../risk.js';
import { baseOf, type PerpSymbol } from '../symbols.js';
import type { MarketFacts } from '../types.js';
import {
  binanceCode,
  closePositionStopParams,
  isTransientBinance,
  lookupParams,
  MARGIN_INSUFFICIENT,
  NOTIONAL_TOO_SMALL,
  POSITION_TOO_LARGE,
  ORDER_NOT_FOUND,
  ORDER_REFUSED,
  DUPLICATE_CLIENT_ID,
  TRANSIENT_CODES,
  REDUCE_ONLY_REJECTED,
  orderParams,
  parseAlgoOrder,
  parseOrder,
  parsePosition,
  parseTrades,
  type BinanceRest,
  type ExchangeOrderState,
} from '../exchange/binance-orders.js';
import { shortMessage, toHarnessError } from '../exchange/ccxt-errors.js';
import { bookNewFill } from './fill-booking.js';
import { fetchOpenOrders } from '../exchange/open-orders.js';
import {
  noProtection,
  protectPosition,
  type AlertKind,
  type ProtectionOps,
  type ProtectionState,
} from './protection.js';
import { protectiveExitGate, unlockedAt, type ProtectiveExitLog } from './protective-exits.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  retryAfterFromExchange,
  withRetry,
  type RetryHooks,
  type RetryPolicy,
} from '../exchange/retry.js';
import { OrderRefresher } from './order-refresh.js';
import { markUnknown, mayBeLive, trackOrder, viewOf, type TrackedOrder } from './tracked-order.js';
import { PositionLedger, type LedgerState } from './position-ledger.js';

export type { TrackedOrder } from './tracked-order.js';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The venue's persisted state. */
export interface CcxtVenueSnapshot {
  readonly orders: readonly TrackedOrder[];
  /** Fills booked but not yet taken by the runner: delivered after a restart. */
  readonly fills?: readonly Fill[];
  readonly protection?: ProtectionState;
  readonly protectiveExits?: ProtectiveExitLog;
  /** Our own signed position from booked fills (base units, + long) and when it last changed (ms). */
  readonly ledger?: LedgerState;
}

/** What the venue needs besides the exchange. */
export interface CcxtVenueOptions {
  readonly retry?: RetryPolicy;
  readonly hooks?: RetryHooks;
  /** Write-ahead: called (synchronously, durably) with each request before it is sent. */
  readonly outbox?: (req: OrderRequest) => void;
  /** Order traffic for the log: sent, answered, cancelled, adopted. */
  readonly onOrder?: (what: 'sent' | 'rejected' | 'cancelled' | 'adopted' | 'dropped', order: Order) => void;
  /** Persists the venue's state durably (fsynced); called after new fills are booked, before the runner sees them. */
  readonly persist?: () => void;
  /** Safety alerts (log at warn + webhook). */
  readonly alert?: (kind: AlertKind, text: string) => void;
  /** Exchange time (ms); default `Date.now`. */
  readonly now?: () => number;
  /** The signing window (ms) the exchange applies to our requests (default 5000). */
  readonly recvWindowMs?: number;
  /** The strategy's cooldown (ms): the pause after a protective exit is at least this long. */
  readonly cooldownMs?: number;
  /** The file `coinbot unlock` writes (clears the protective-exit lockout). */
  readonly unlockFile?: string;
}

const FINAL: readonly string[] = ['filled', 'cancelled', 'rejected'];
/** Finished orders are kept this long (ms) after their last change, for idempotent lookups. */
const KEEP_FINISHED_MS = 3 * 86_400_000;
export { POSITION_LAG_MS } from './position-ledger.js';

/** A book entry saved by an older coinbot, with today's fields filled in (a fill it reported counts as booked). */
function migrated(o: TrackedOrder): TrackedOrder {
  const old = o as TrackedOrder & { reported?: boolean };
  old.bookedQty ??= old.reported === true ? old.filled : 0;
  old.bookedTrades ??= [];
  old.unknown ??= null;
  old.refusedCode ??= null;
  (old as { closePosition: boolean }).closePosition ??= false;
  return old;
}

/** Answers that mean the API key, its permissions or the signature are wrong: configuration (exit 78). */
const AUTH_CODES: readonly number[] = [-2014, -2015, -1022];

/** The live venue of one symbol. */
export class CcxtVenue implements Venue {
  readonly symbol: PerpSymbol;
  private readonly book = new Map<string, TrackedOrder>();
  private pos: Position | null = null;
  private fills: Fill[] = [];
  private protection: ProtectionState = noProtection();
  private protectiveExits: ProtectiveExitLog = [];
  private ledger: PositionLedger;
  private readonly refresher: OrderRefresher;
  /** Fills handed to the runner since the last decision save: kept in the durable snapshot until then. */
  private delivered: Fill[] = [];
  /** A market exit is wanted until flat (re-sent under new client ids). */
  private exitWanted: {
    leg: 'exit_signal' | 'exit_max_hold' | 'backstop_stop' | 'backstop_take_profit' | 'protective_exit';
  } | null = null;
  /** True from the start of a sync until it completes: a failed sync leaves it set. */
  private syncUnfinished = false;
  private readonly policy: RetryPolicy;
  private readonly hooks: RetryHooks;
  private readonly base: string;

  constructor(
    private readonly rest: BinanceRest,
    private readonly facts: MarketFacts,
    private readonly opts: CcxtVenueOptions = {},
  ) {
    this.symbol = facts.symbol;
    this.refresher = new OrderRefresher({
      rest,
      facts,
      call: (what, fn) => this.call(what, fn),
      now: () => this.now(),
      recvWindowMs: opts.recvWindowMs ?? 5_000,
      onDropped: (t) => this.opts.onOrder?.('dropped', viewOf(t)),
    });
    this.ledger = new PositionLedger(facts.stepSize);
    this.base = baseOf(facts.symbol);
    this.policy = opts.retry ?? DEFAULT_RETRY;
    this.hooks = { retryAfterMs: retryAfterFromExchange(rest), ...opts.hooks, isTransient: isTransientBinance };
  }

  /** A venue with the state of `snap`; requests left in the outbox are of unknown outcome (looked up, never re-sent). */
  static restore(
    rest: BinanceRest,
    facts: MarketFacts,
    snap: CcxtVenueSnapshot | undefined,
    outbox: readonly OrderRequest[],
    opts: CcxtVenueOptions = {},
  ): CcxtVenue {
    const v = new CcxtVenue(rest, facts, opts);
    for (const o of snap?.orders ?? []) v.book.set(o.req.clientOrderId, migrated(structuredClone(o)));
    const now = v.now();
    for (const t of v.book.values()) if (t.status === 'sending') v.markUnknown(t, now);
    for (const req of outbox) {
      if (v.book.has(req.clientOrderId)) continue;
      const t = trackOrder(req, 'unknown', req.type === 'stop_market');
      v.markUnknown(t, now);
      v.book.set(req.clientOrderId, t);
    }
    v.fills = [...(snap?.fills ?? [])];
    v.protection = { ...noProtection(), ...snap?.protection };
    v.protectiveExits = [...(snap?.protectiveExits ?? [])];
    if (snap?.ledger) v.ledger = new PositionLedger(facts.stepSize, snap.ledger);
    return v;
  }

  /**
   * The state as JSON; finished orders older than three days are dropped. `decision`: at a
   * decision save (the runner has consumed the fills it took); `durable`: between decisions, when
   * a fill is learned — fills the runner took since the last decision stay in it, so a crash
   * before that decision is saved delivers them again to the runner state saved with it.
   */
  snapshot(now: number, kind: 'decision' | 'durable' = 'decision'): CcxtVenueSnapshot {
    if (kind === 'decision') this.delivered = [];
    for (const [id, o] of this.book) {
      if (FINAL.includes(o.status) && o.bookedQty >= o.filled && now - o.updatedAt > KEEP_FINISHED_MS)
        this.book.delete(id);
    }
    return {
      orders: [...this.book.values()].map((o) => structuredClone(o)),
      fills: [...this.delivered, ...this.fills],
      protection: { ...this.protection },
      protectiveExits: [...this.protectiveExits],
      ledger: this.ledger.snapshot(),
    };
  }

  /**
   * True while something is pending between candles: a resting entry, a position not yet
   * confirmed protected, an unknown outcome, a fill learned but not booked yet (an answer said
   * FILLED, the sync after it failed), or a sync that failed (nothing it would have found is known).
   */
  wantsFrequentSync(): boolean {
    if (this.syncUnfinished) return true;
    if (this.pos !== null && this.protection.unprotectedSince !== null) return true;
    if (this.exitWanted !== null) return true;
    for (const o of this.book.values())
      if (
        o.status === 'unknown' ||
        o.status === 'sending' ||
        (o.req.bracket !== undefined && o.status === 'open') ||
        this.unbooked(o)
      )
        return true;
    return false;
  }

  /** True when `o` filled more than is booked (by half a step): a fill learned and not yet booked. */
  private unbooked(o: TrackedOrder): boolean {
    return o.filled - o.bookedQty >= this.facts.stepSize / 2;
  }

  /**
   * Why no new entry may be sent at `now` (ms), or null: an entry of unknown outcome may be live;
   * the protective-exit pause or lockout (protective-exits.ts).
   */
  entryBlock(now: number): string | null {
    for (const o of this.book.values()) {
      if (!o.req.reduceOnly && (o.status === 'unknown' || o.status === 'sending'))
        return `entry ${o.req.clientOrderId} has an unknown outcome (possibly live): no new entry until it is found or proved absent`;
    }
    return protectiveExitGate(this.protectiveExits, now, this.opts.cooldownMs ?? 0, unlockedAt(this.opts.unlockFile));
  }

  async placeOrder(req: OrderRequest): Promise<Order> {
    const known = this.book.get(req.clientOrderId);
    if (known !== undefined) return viewOf(known);
    if (req.reduceOnly && req.type === 'market') return this.exit(req);
    const t = await this.send(req, false);
    if (!req.reduceOnly && t.status === 'rejected') this.alertRefusedEntry(t);
    if (req.reduceOnly) this.adoptRunnerLeg(t);
    // A bracketed entry filled on arrival (Binance answers FILLED): book and protect it now. If
    // the exchange fails right now, the next (frequent) sync does it; the loop must go on.
    if (req.bracket !== undefined && t.filled > 0) await this.syncSoon();
    return viewOf(t);
  }

  async cancelOrder(clientOrderId: string): Promise<Order | null> {
    const t = this.book.get(clientOrderId);
    if (t === undefined) return null;
    if (!mayBeLive(t)) return viewOf(t);
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
      // "Unknown order" (−2011/−2013) is an answer, not a failure, even when the retry layer
      // wrapped it: the order finished (filled, cancelled, expired) before the cancel: look it up.
      if (ORDER_NOT_FOUND.includes(binanceCode(e) ?? 0)) await this.refresh(t);
      else if (e instanceof TransientError) {
        // Not known whether it was cancelled: the order stays live in the book and the next
        // sync looks it up (if it fills meanwhile, the position is protected like any other).
        this.hooks.onRetry?.({ what: `cancel ${clientOrderId}`, attempt: 1, delayMs: 0, error: e });
        return viewOf(t);
      } else throw e;
    }
    this.opts.onOrder?.('cancelled', viewOf(t));
    return viewOf(t);
  }

  /** A sync whose transient failure is reported and left to the next sync (which wantsFrequentSync asks for). */
  private async syncSoon(): Promise<void> {
    try {
      await this.sync();
    } catch (e) {
      if (!(e instanceof TransientError)) throw e;
      this.hooks.onRetry?.({ what: 'sync after a fill', attempt: 1, delayMs: 0, error: e });
    }
  }

  getOrder(clientOrderId: string): Promise<Order | null> {
    const t = this.book.get(clientOrderId);
    return Promise.resolve(t === undefined ? null : viewOf(t));
  }

  openOrders(): Promise<readonly Order[]> {
    return Promise.resolve([...this.book.values()].filter((o) => mayBeLive(o)).map((o) => viewOf(o)));
  }

  position(): Promise<Position | null> {
    return Promise.resolve(this.pos);
  }

  takeFills(): Promise<readonly Fill[]> {
    const out = this.fills.sort((a, b) => a.ts - b.ts);
    this.delivered.push(...out);
    this.fills = [];
    return Promise.resolve(out);
  }

  /**
   * True while the last sync saw a position, or an entry's fill is known but not booked yet (the
   * position may stand unprotected): for alerts when syncing fails.
   */
  hasPosition(): boolean {
    if (this.pos !== null) return true;
    for (const o of this.book.values()) if (!o.req.reduceOnly && this.unbooked(o)) return true;
    return false;
  }

  /** Every order in the book (for reconciliation and tests). */
  orders(): readonly TrackedOrder[] {
    return [...this.book.values()];
  }

  /** The position's protection (for reconciliation, logs and tests). */
  protectionState(): Readonly<ProtectionState> {
    return this.protection;
  }

  /**
   * One round trip with the exchange: open orders, open conditional orders and the position;
   * every live order of the book that is not listed is looked up; new fills are booked (and
   * persisted before anything else happens); then the protection rules run.
   * @param candleClose the candle close (ms) this sync settles, or null (start-up, between candles).
   * @throws TransientError when the exchange keeps failing (after retries).
   */
  async sync(candleClose: number | null = null): Promise<void> {
    // Until this round trip completes, what it would find is unknown: sync again between candles.
    this.syncUnfinished = true;
    // The position first: a fill that lands between the two reads then shows in the order lists
    // (and is booked now) rather than in an unexplained position read.
    const read = parsePosition(
      await this.call('GET /fapi/v2/positionRisk', () =>
        this.rest.fapiPrivateV2GetPositionRisk({ symbol: this.facts.id }),
      ),
      this.facts.id,
    );
    const { open, algo } = await fetchOpenOrders(this.rest, this.facts, (what, fn) => this.call(what, fn));
    for (const t of [...this.book.values()]) {
      if (!mayBeLive(t)) continue;
      const listed = t.api === 'algo' ? algo.get(t.req.clientOrderId) : open.get(t.req.clientOrderId);
      if (listed !== undefined) await this.apply(t, listed);
      else await this.refresh(t);
    }
    if (await this.bookFills()) this.opts.persist?.();
    this.pos = this.ledger.position(read, this.now());
    await this.protect(candleClose);
    this.syncUnfinished = false;
  }

  /**
   * Start-up adoption: open orders and conditional orders of this symbol with our client id
   * prefix (`cb-<BASE>-`) that the book does not know join it.
   * @returns the adopted client ids.
   */
  async adoptOpenOrders(prefix: string): Promise<string[]> {
    const { open, algo } = await fetchOpenOrders(this.rest, this.facts, (what, fn) => this.call(what, fn));
    const adopted: string[] = [];
    for (const list of [open, algo]) {
      for (const s of list.values()) {
        if (!s.clientOrderId.startsWith(prefix) || this.book.has(s.clientOrderId)) continue;
        const t = trackOrder(s.request, 'open', s.request.type === 'stop_market' && s.closePosition === true);
        await this.apply(t, s);
        this.book.set(s.clientOrderId, t);
        adopted.push(s.clientOrderId);
        this.opts.onOrder?.('adopted', viewOf(t));
      }
    }
    return adopted;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(what, fn, this.policy, this.hooks);
  }

  private sleep(ms: number): Promise<void> {
    return (this.hooks.sleep ?? realSleep)(ms);
  }

  private markUnknown(t: TrackedOrder, sentAt: number): void {
    markUnknown(t, sentAt);
  }

  /**
   * Writes `req` ahead, sends it once and records what the answer says: booked (open or
   * filled), refused (with its code, never retried), or unknown (the answer was lost or the
   * exchange failed: possibly live). Never sends twice under one client id.
   * @throws ConfigError-like harness errors for a request the exchange can never accept.
   */
  private async send(req: OrderRequest, closePosition: boolean): Promise<TrackedOrder> {
    const t = trackOrder(req, 'sending', closePosition);
    this.book.set(req.clientOrderId, t);
    this.opts.outbox?.(req);
    const sentAt = this.now();
    const params = closePosition
      ? closePositionStopParams(req.clientOrderId, req.side, req.triggerPrice as number, this.facts)
      : orderParams(req, this.facts);
    try {
      const raw =
        t.api === 'algo'
          ? await this.rest.fapiPrivatePostAlgoOrder(params)
          : await this.rest.fapiPrivatePostOrder(params);
      await this.apply(t, t.api === 'algo' ? parseAlgoOrder(raw) : parseOrder(raw));
    } catch (e) {
      const code = binanceCode(e);
      if (code === DUPLICATE_CLIENT_ID) {
        await this.refresh(t);
      } else if (code !== undefined && !TRANSIENT_CODES.includes(code) && !AUTH_CODES.includes(code)) {
        // Any other answer with a Binance code refused this order (known ones: ORDER_REFUSED);
        // it was not booked. Never a reason to crash the loop: the rules decide what follows.
        t.status = 'rejected';
        t.refusedCode = code;
        t.reason = `${ORDER_REFUSED.includes(code) ? '' : 'unlisted code: '}${shortMessage(e, 200)}`;
      } else if (isTransientBinance(e)) {
        // The failure's time, not the send's: the request may have been signed later (after a ban
        // wait or a -1021 re-sign), and the recvWindow counts from its signature.
        this.markUnknown(t, Math.max(sentAt, this.now()));
        t.reason = `outcome unknown: ${shortMessage(e, 160)}`;
        this.hooks.onRetry?.({ what: `POST ${req.clientOrderId}`, attempt: 1, delayMs: 0, error: e });
      } else throw toHarnessError(e, `POST ${req.clientOrderId}`);
    }
    this.opts.onOrder?.(t.status === 'rejected' ? 'rejected' : 'sent', viewOf(t));
    return t;
  }

  /** Sends a protective closePosition stop; on an unknown outcome sends again under a new id (-4130 guards against two). */
  private async sendStop(req: OrderRequest): Promise<TrackedOrder> {
    let r = req;
    for (let attempt = 1; ; attempt++) {
      const t = await this.send(r, true);
      if (t.status !== 'unknown' || attempt >= this.policy.attempts) return t;
      await this.sleep(backoffDelay(attempt, this.policy));
      r = { ...r, clientOrderId: this.freshId('stop') };
    }
  }

  /**
   * Sends a reduce-only market exit; after an unknown outcome, again under a new client id (a
   * reduce-only order can never grow the position) until one is booked or -2022 says flat.
   */
  private async sendExit(req: OrderRequest): Promise<TrackedOrder> {
    let r = req;
    for (let attempt = 1; ; attempt++) {
      const t = await this.send(r, false);
      if (t.refusedCode === REDUCE_ONLY_REJECTED) this.exitWanted = null;
      if (t.status !== 'unknown' || attempt >= this.policy.attempts) return t;
      await this.sleep(backoffDelay(attempt, this.policy));
      const leg = this.exitWanted?.leg ?? 'exit_signal';
      r = { ...r, clientOrderId: this.freshId(leg) };
    }
  }

  private freshId(leg: Parameters<typeof clientOrderId>[2]): string {
    let t = this.now();
    while (this.book.has(clientOrderId(this.base, t, leg))) t += 1;
    return clientOrderId(this.base, t, leg);
  }

  /** A runner market exit (signal, max hold, backstop): wanted until flat. */
  private async exit(req: OrderRequest): Promise<Order> {
    const named = legOf(req.clientOrderId);
    const leg =
      named === 'exit_max_hold' || named === 'backstop_stop' || named === 'backstop_take_profit'
        ? named
        : 'exit_signal';
    this.exitWanted = { leg };
    return viewOf(await this.sendExit(req));
  }

  /** The runner replaced a leg itself (a bracket decision): it becomes the position's leg. */
  private adoptRunnerLeg(t: TrackedOrder): void {
    if (t.status !== 'open') return;
    if (t.req.type === 'stop_market') {
      this.protection.stopId = t.req.clientOrderId;
      this.protection.stopPrice = t.req.triggerPrice ?? this.protection.stopPrice;
    } else if (t.req.type === 'limit') {
      this.protection.takeProfitId = t.req.clientOrderId;
      this.protection.takeProfitPrice = t.req.price ?? this.protection.takeProfitPrice;
    }
  }

  private alertRefusedEntry(t: TrackedOrder): void {
    if (t.refusedCode === MARGIN_INSUFFICIENT)
      this.opts.alert?.('margin', `entry refused for margin (-2019): ${t.reason}`);
    if (t.refusedCode === NOTIONAL_TOO_SMALL)
      this.opts.alert?.('notional', `entry refused: notional below the minimum (-4164): ${t.reason}`);
    if (t.refusedCode === POSITION_TOO_LARGE)
      this.opts.alert?.('notional', `entry refused: position above the maximum at this leverage (-2027): ${t.reason}`);
  }

  private refresh(t: TrackedOrder): Promise<void> {
    return this.refresher.refresh(t);
  }

  private apply(t: TrackedOrder, s: ExchangeOrderState): Promise<void> {
    return this.refresher.apply(t, s);
  }

  /** Books every newly filled amount as a fill (with its trades and fees). @returns true when any. */
  private async bookFills(): Promise<boolean> {
    let any = false;
    for (const t of [...this.book.values()]) {
      if (!this.unbooked(t)) continue;
      const orderId = t.actualOrderId ?? t.exchangeId;
      const trades =
        orderId === null
          ? []
          : parseTrades(
              await this.call(`GET /fapi/v1/userTrades ${orderId}`, () =>
                this.rest.fapiPrivateGetUserTrades({ symbol: this.facts.id, orderId: orderId as string }),
              ),
            ).filter((x) => x.orderId === orderId);
      const f = bookNewFill(t, trades, this.facts.stepSize);
      if (f === null) continue;
      this.fills.push(f);
      this.onBooked(t, f);
      any = true;
    }
    return any;
  }

  /** Ledger and levels after a booked fill: an entry's first fill sets the position's bracket levels. */
  private onBooked(t: TrackedOrder, f: Fill): void {
    this.ledger.book(f, this.now());
    const b = t.req.bracket;
    if (!t.req.reduceOnly && b !== undefined && this.protection.entryId !== t.req.clientOrderId) {
      const lv = attachedBracketLevels(t.req.side === 'buy', t.averagePrice ?? f.price, b, this.facts.tickSize);
      this.protection = {
        ...noProtection(),
        entryId: t.req.clientOrderId,
        stopPrice: lv.stop,
        takeProfitPrice: lv.takeProfit,
        firstIds: { stop: b.stopClientOrderId, takeProfit: b.takeProfitClientOrderId },
      };
    }
  }

  /** The protection step of a sync: flat → clean up; open → the rules of protection.ts, and a wanted exit re-sent. */
  private async protect(candleClose: number | null): Promise<void> {
    const pos = this.pos;
    if (pos === null) {
      this.exitWanted = null;
      this.protection = noProtection();
      for (const t of [...this.book.values()])
        if (t.req.reduceOnly && t.status === 'open') await this.cancelOrder(t.req.clientOrderId);
      return;
    }
    if (this.exitWanted !== null) await this.resendExit(pos);
    if (this.pos === null) return;
    await protectPosition(
      this.protection,
      pos,
      this.protectionOps(),
      candleClose,
      this.exitWanted?.leg !== 'protective_exit',
    );
  }

  /** Re-sends a wanted exit under a new id when no exit of ours is booked and resting. */
  private async resendExit(pos: Position): Promise<void> {
    const leg = this.exitWanted?.leg ?? 'exit_signal';
    const resting = [...this.book.values()].some(
      (t) => t.req.reduceOnly && t.req.type === 'market' && t.status === 'open',
    );
    if (resting) return;
    await this.sendExit({
      clientOrderId: this.freshId(leg),
      side: pos.side === 'long' ? 'sell' : 'buy',
      type: 'market',
      amount: pos.amount,
      reduceOnly: true,
    });
  }

  /** Flattens a position the venue cannot protect (once per position; the exit is then re-sent until flat). */
  private async protectiveExit(pos: Position, reason: string): Promise<void> {
    if (this.exitWanted?.leg === 'protective_exit') return;
    const now = this.now();
    this.protectiveExits.push(now);
    this.protectiveExits = this.protectiveExits.slice(-20);
    this.opts.alert?.('protective_exit', `protective exit of ${pos.side} ${pos.amount} at market: ${reason}`);
    this.exitWanted = { leg: 'protective_exit' };
    this.opts.persist?.(); // the lockout count survives a crash right after
    await this.sendExit({
      clientOrderId: this.freshId('protective_exit'),
      side: pos.side === 'long' ? 'sell' : 'buy',
      type: 'market',
      amount: pos.amount,
      reduceOnly: true,
    });
  }

  private protectionOps(): ProtectionOps {
    return {
      facts: this.facts,
      base: this.base,
      now: () => this.now(),
      order: (id) => this.book.get(id),
      liveLegs: (type) =>
        [...this.book.values()].filter((t) => t.req.reduceOnly && t.req.type === type && mayBeLive(t)),
      send: (req, closePosition) => (closePosition ? this.sendStop(req) : this.send(req, false)),
      cancel: async (id) => {
        await this.cancelOrder(id);
      },
      protectiveExit: (p, reason) => this.protectiveExit(p, reason),
      alert: (kind, text) => this.opts.alert?.(kind, text),
    };
  }
}
