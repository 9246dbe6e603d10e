/**
 * Switches that make the fake exchange as harsh as Binance USDT-M futures. Every behaviour is off
 * by default (the fake then behaves as before: lazy candle-by-candle settlement, no partial fills,
 * no timestamp check, …); {@link ALL_HARSH} turns every one on. Set them at construction
 * (`startFakeBinance({ harsh })`) or at run time (`fake.setHarsh({ ... })`).
 *
 * Always on whatever the switches (Binance semantics the fake had or has unconditionally): -4120
 * for conditional types on `/fapi/v1/order`, client order ids unique among OPEN orders only
 * (-4116 for a duplicate among open orders, reuse of a finished order's id accepted), -2022 for a
 * reduce-only order that would open or grow a position, `closePosition` with -1106 / -4130, and
 * the rule checker (`fake.violations()`).
 */
import type { FakeContext } from './router.js';

/** The harsh behaviours and their parameters. */
export interface HarshBehaviours {
  /**
   * A MARKET order (and a LIMIT marketable on arrival) fills in the POST answer itself at the
   * current price (the open of the candle the fake clock is in; the last close when that candle is
   * not served), as taker; the trade and the position change at once.
   */
  readonly marketFillOnArrival: boolean;
  /**
   * A MARKET order filled on arrival or by a triggered stop executes in two trades, as an order
   * that walks the book: half its quantity (floored to the step) at the price, the rest one tick
   * worse; `avgPrice` is their mean by quantity.
   */
  readonly marketFillsInTrades: boolean;
  /**
   * A resting LIMIT entry (not reduce-only) reached by a candle fills only half of its remaining
   * quantity per candle, rounded down to the symbol's step size; the whole remainder when half
   * rounds to zero. Status PARTIALLY_FILLED in between; one trade per partial fill.
   */
  readonly partialFills: boolean;
  /**
   * `POST /fapi/v1/algoOrder` answers -2021 "Order would immediately trigger." when the current
   * price (as for {@link marketFillOnArrival}) is already through the trigger.
   */
  readonly rejectImmediateTrigger: boolean;
  /** Signed requests are checked against `recvWindow` (-1021); see {@link clockSkewMs}. */
  readonly timestampCheck: boolean;
  /**
   * The fake's server time runs this many ms ahead (positive) or behind (negative) the fake clock
   * that the client treats as its local time. Applies to `GET /fapi/v1/time` and the timestamp
   * check; matching keeps using the fake clock. Default 0.
   */
  readonly clockSkewMs: number;
  /** Every {@link lostAnswerEvery}-th booked order POST (regular and algo) loses its answer. */
  readonly lostAnswers: boolean;
  /** N of "every N-th booked order POST", counted from the first one (default 3). */
  readonly lostAnswerEvery: number;
  /**
   * Every {@link lostCancelEvery}-th cancel (`DELETE /fapi/v1/order` and `/fapi/v1/algoOrder`)
   * that cancelled an order loses its answer the same way ({@link lostAnswerKind}): the order is
   * cancelled, the bot does not hear it. Counted apart from the POSTs.
   */
  readonly lostCancelAnswers: boolean;
  /** N of "every N-th cancel", counted from the first one (default 2: a trade has about two). */
  readonly lostCancelEvery: number;
  /**
   * `'drop'`: the connection is destroyed after booking; `'timeout'`: HTTP 408 with -1007 "Timeout
   * waiting for response from backend server. …" although the order was booked. Default `'drop'`.
   */
  readonly lostAnswerKind: 'drop' | 'timeout';
  /** `GET /fapi/v2/positionRisk` answers the state before the latest fill on its first read after it. */
  readonly positionLag: boolean;
  /** `GET /fapi/v1/order|algoOrder` by client id answers -2013 within {@link lookupLagMs} of booking. */
  readonly lookupLag: boolean;
  /** Exchange-time ms after booking during which a lookup by client id is not found (default 1000). */
  readonly lookupLagMs: number;
  /**
   * `GET /fapi/v1/openOrders` and `/fapi/v1/openAlgoOrders` answer the lists as they stood
   * {@link lookupLagMs} ago: newer orders missing, orders finished since still listed as open
   * (list-lag.ts).
   */
  readonly openOrdersLag: boolean;
  /**
   * Adverse slippage on every taker fill (market orders, triggered stops, marketable limits), in
   * basis points of the matched price: buys fill higher, sells lower (default 0). Parity tests
   * inject it and expect `coinbot parity` to attribute exactly this much.
   */
  readonly takerSlippageBps: number;
  /**
   * A request that arrives while an answered 429's `Retry-After` runs (fake-clock time) bans the
   * IP for {@link banSeconds} (418); bans can also be set with `fake.ban()` whatever this switch.
   */
  readonly bans: boolean;
  /** Length of an automatic ban, s of fake-clock time (default 120, Binance's first ban). */
  readonly banSeconds: number;
}

/** Everything off: the fake as kind as before. */
export const NO_HARSH: HarshBehaviours = {
  marketFillOnArrival: false,
  marketFillsInTrades: false,
  partialFills: false,
  rejectImmediateTrigger: false,
  timestampCheck: false,
  clockSkewMs: 0,
  lostAnswers: false,
  lostAnswerEvery: 3,
  lostCancelAnswers: false,
  lostCancelEvery: 2,
  lostAnswerKind: 'drop',
  positionLag: false,
  lookupLag: false,
  lookupLagMs: 1_000,
  openOrdersLag: false,
  takerSlippageBps: 0,
  bans: false,
  banSeconds: 120,
};

/** Every behaviour on, with the default parameters (no clock skew). */
export const ALL_HARSH: HarshBehaviours = {
  ...NO_HARSH,
  marketFillOnArrival: true,
  marketFillsInTrades: true,
  partialFills: true,
  rejectImmediateTrigger: true,
  timestampCheck: true,
  lostAnswers: true,
  lostCancelAnswers: true,
  positionLag: true,
  lookupLag: true,
  openOrdersLag: true,
  bans: true,
};

/** The mutable holder shared by the server, the routes and the trading book. */
export class HarshSettings {
  #current: HarshBehaviours;

  constructor(initial: Partial<HarshBehaviours> = {}) {
    this.#current = { ...NO_HARSH, ...initial };
  }

  /** The behaviours in force. */
  get current(): HarshBehaviours {
    return this.#current;
  }

  /** Changes some behaviours, keeping the others. */
  set(patch: Partial<HarshBehaviours>): void {
    this.#current = { ...this.#current, ...patch };
  }
}

/** Key of the settings in {@link FakeContext.state}. */
export const HARSH_KEY = 'harsh-settings';

/** The context's harsh settings (all off when created here). */
export function harshOf(ctx: FakeContext): HarshSettings {
  let h = ctx.state.get(HARSH_KEY) as HarshSettings | undefined;
  if (h === undefined) {
    h = new HarshSettings();
    ctx.state.set(HARSH_KEY, h);
  }
  return h;
}

/** The fake's server time (ms): the fake clock plus the configured skew. */
export function serverTime(ctx: FakeContext): number {
  return ctx.clock.now() + harshOf(ctx).current.clockSkewMs;
}
