/**
 * The fake checks coinbot's safety rules from its own book (always on), so a test fails when the
 * bot leaves a position naked, stacks stops or enters twice, whatever the bot's journal says:
 * - `unprotected`: a non-zero position that stays longer than {@link UNPROTECTED_LIMIT_MS} of
 *   exchange time without an open STOP_MARKET on the closing side that covers the full size
 *   (`closePosition=true`, or reduce-only with quantity >= the position). Computed from the
 *   book's history (trade times, stop creation and end times), so a check run lazily, after the
 *   fact, still measures exchange time correctly;
 * - `two-stops`: two or more open STOP_MARKET algo orders on one symbol at a candle close;
 * - `duplicate-entry`: a non-reduce-only fill that grows a position another order opened, or two
 *   entry orders filled within the same candle.
 * Each violation is recorded once per episode (an uncovered span, a pair of stops, a fill).
 */
import type { FakeAlgoOrder, FakeTrade } from './book-types.js';

/** How long a position may stay without a covering stop, ms exchange time. */
export const UNPROTECTED_LIMIT_MS = 10_000;
const TF = 60_000;
const EPS = 1e-9;

/** A broken rule. */
export interface Violation {
  readonly kind: 'unprotected' | 'two-stops' | 'duplicate-entry';
  readonly symbol: string;
  /** Exchange time (ms) at which the rule was broken. */
  readonly time: number;
  readonly detail: string;
}

/** What the checker reads from the book. */
export interface CheckedBook {
  readonly trades: readonly FakeTrade[];
  readonly algoOrders: readonly FakeAlgoOrder[];
}

/** End of an algo order's open life (ms), Infinity while NEW. */
const endOf = (o: FakeAlgoOrder): number => (o.algoStatus === 'NEW' ? Infinity : o.updateTime);

/** Records violations, once per episode key. */
export class RuleChecker {
  readonly #violations: Violation[] = [];
  readonly #keys = new Set<string>();
  readonly #lastEntry = new Map<string, { orderId: number; candle: number }>();

  /** Violations found so far, in detection order. */
  violations(): Violation[] {
    return [...this.#violations];
  }

  #record(key: string, v: Violation): void {
    if (this.#keys.has(key)) return;
    this.#keys.add(key);
    this.#violations.push(v);
  }

  /**
   * Called by the book before a non-reduce-only fill of `orderId` is applied.
   * @param before signed position (base units) before the fill
   * @param entryOrderId the order that opened the current position, if any
   */
  onEntryFill(
    symbol: string,
    orderId: number,
    side: 'BUY' | 'SELL',
    before: number,
    entryOrderId: number | undefined,
    ts: number,
  ): void {
    const grows = Math.abs(before) > EPS && before > 0 === (side === 'BUY');
    if (grows && entryOrderId !== undefined && entryOrderId !== orderId) {
      this.#record(`dup:${orderId}`, {
        kind: 'duplicate-entry',
        symbol,
        time: ts,
        detail: `order ${orderId} grows the ${before > 0 ? 'long' : 'short'} position ${before} opened by order ${entryOrderId}`,
      });
    }
    const candle = Math.floor(ts / TF) * TF;
    const last = this.#lastEntry.get(symbol);
    if (last !== undefined && last.orderId !== orderId && last.candle === candle) {
      this.#record(`dup:${orderId}`, {
        kind: 'duplicate-entry',
        symbol,
        time: ts,
        detail: `entry orders ${last.orderId} and ${orderId} both filled in the candle opening at ${candle}`,
      });
    }
    this.#lastEntry.set(symbol, { orderId, candle });
  }

  /** Evaluates the history-based rules up to exchange time `now` (ms). */
  evaluate(book: CheckedBook, now: number): void {
    const symbols = new Set([...book.trades.map((t) => t.symbol), ...book.algoOrders.map((o) => o.symbol)]);
    for (const symbol of symbols) {
      const trades = book.trades.filter((t) => t.symbol === symbol);
      const stops = book.algoOrders.filter((o) => o.symbol === symbol && o.orderType === 'STOP_MARKET');
      this.#unprotected(symbol, trades, stops, now);
      this.#twoStops(symbol, stops, now);
    }
  }

  #unprotected(symbol: string, trades: readonly FakeTrade[], stops: readonly FakeAlgoOrder[], now: number): void {
    // A trade that opens or grows the position counts from when the client could see it (the
    // fake reveals resting-order fills only after the candle closes); one that reduces it, from
    // its own time (the stop that filled it ends then too).
    const timed = effectiveTimes(trades);
    const points = new Set<number>([...timed.map((t) => t.at), ...stops.flatMap((o) => [o.createTime, endOf(o)])]);
    const times = [...points].filter((t) => t <= now).sort((a, b) => a - b);
    const sorted = timed.sort((a, b) => a.at - b.at).map((t) => ({ ...t.trade, time: t.at }));
    let k = 0;
    let amount = 0;
    let spanStart: number | undefined;
    const close = (end: number) => {
      if (spanStart !== undefined && end - spanStart > UNPROTECTED_LIMIT_MS) {
        this.#record(`unprotected:${symbol}:${spanStart}`, {
          kind: 'unprotected',
          symbol,
          time: spanStart + UNPROTECTED_LIMIT_MS,
          detail: `position without a covering stop from ${spanStart} for ${end - spanStart} ms`,
        });
      }
    };
    for (const t of times) {
      for (; k < sorted.length && (sorted[k] as FakeTrade).time <= t; k++) {
        const tr = sorted[k] as FakeTrade;
        amount += tr.side === 'BUY' ? tr.qty : -tr.qty;
      }
      const naked = Math.abs(amount) > EPS && !covered(stops, amount, t);
      if (naked && spanStart === undefined) spanStart = t;
      if (!naked && spanStart !== undefined) {
        close(t);
        spanStart = undefined;
      }
    }
    close(now);
  }

  #twoStops(symbol: string, stops: readonly FakeAlgoOrder[], now: number): void {
    for (let i = 0; i < stops.length; i++) {
      for (let j = i + 1; j < stops.length; j++) {
        const a = stops[i] as FakeAlgoOrder;
        const b = stops[j] as FakeAlgoOrder;
        const from = Math.max(a.createTime, b.createTime);
        const to = Math.min(endOf(a), endOf(b), now + 1);
        const firstClose = Math.ceil(from / TF) * TF;
        if (firstClose >= to) continue;
        this.#record(`two-stops:${a.algoId}:${b.algoId}`, {
          kind: 'two-stops',
          symbol,
          time: firstClose,
          detail: `stops ${a.algoId} and ${b.algoId} both open at the candle close ${firstClose}`,
        });
      }
    }
  }
}

/** True when an open stop at time `t` covers the whole signed position `amount`. */
function covered(stops: readonly FakeAlgoOrder[], amount: number, t: number): boolean {
  const exit = amount > 0 ? 'SELL' : 'BUY';
  return stops.some(
    (o) =>
      o.createTime <= t &&
      t < endOf(o) &&
      o.side === exit &&
      (o.closePosition || (o.reduceOnly && o.quantity >= Math.abs(amount) - EPS)),
  );
}

/** Each trade with the time it counts from in the unprotected rule (see #unprotected). */
function effectiveTimes(trades: readonly FakeTrade[]): { trade: FakeTrade; at: number }[] {
  let amount = 0;
  return [...trades]
    .sort((a, b) => a.time - b.time)
    .map((trade) => {
      const next = amount + (trade.side === 'BUY' ? trade.qty : -trade.qty);
      const grows = Math.abs(next) > Math.abs(amount) + EPS;
      amount = next;
      return { trade, at: grows ? (trade.visibleAt ?? trade.time) : trade.time };
    });
}
