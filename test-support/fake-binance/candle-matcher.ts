/**
 * The fake's candle matcher: how one closed candle settles a symbol's working orders (the rules
 * are documented in trading-book.ts). Works on a narrow view of the book, {@link MatchingBook}.
 */
import {
  bracketExitAfterIntrabarEntry,
  bracketExitFromOpen,
  limitFillAtOpen,
  limitFillIntrabar,
} from '../../src/engine/sim/fill-model.js';
import type { Candle } from '../../src/engine/types.js';
import { isOpenOrder, type FakeAlgoOrder, type FakeOrder } from './book-types.js';

/** What the matcher reads and does: prices USDT, quantities base units, times ms exchange time. */
export interface MatchingBook {
  openOrders(symbol: string): FakeOrder[];
  openAlgoOrders(symbol: string): FakeAlgoOrder[];
  /** Signed position amount, base units. */
  position(symbol: string): number;
  /** The harsh `partialFills` switch. */
  partialFills(): boolean;
  /** Fills `o` at `price` (half of the remainder when `partial`). */
  fill(o: FakeOrder, price: number, maker: boolean, ts: number, partial: boolean): void;
  /** A conditional order fires at `price`. */
  trigger(a: FakeAlgoOrder, price: number, ts: number): void;
}

/** Settles one closed candle of `symbol`: market orders at the open, the bracket, resting limits. */
export function settleCandle(book: MatchingBook, symbol: string, c: Candle): void {
  const live = (o: { from: number }) => o.from <= c.ts;
  for (const o of book.openOrders(symbol)) {
    if (isOpenOrder(o) && live(o) && (o.type === 'MARKET' || o.marketable)) book.fill(o, c.open, false, c.ts, false);
  }
  bracket(book, symbol, c, bracketExitFromOpen);
  for (const o of book.openOrders(symbol)) {
    if (!isOpenOrder(o) || !live(o) || o.reduceOnly || o.type !== 'LIMIT' || o.marketable) continue;
    const side = o.side === 'BUY' ? 'buy' : 'sell';
    const atOpen = limitFillAtOpen(side, o.price, c);
    const inside = atOpen === null ? limitFillIntrabar(side, o.price, c) : null;
    if (atOpen === null && inside === null) continue;
    book.fill(o, (atOpen ?? inside) as number, true, c.ts, book.partialFills());
    bracket(book, symbol, c, atOpen !== null ? bracketExitFromOpen : bracketExitAfterIntrabarEntry);
  }
}

/** Fires the bracket legs of the position by `rule` until none applies or it is flat. */
function bracket(book: MatchingBook, symbol: string, c: Candle, rule: typeof bracketExitFromOpen): void {
  for (let guard = 0; guard < 8; guard++) {
    const amt = book.position(symbol);
    if (amt === 0) return;
    const exit = amt > 0 ? 'SELL' : 'BUY';
    const stop = book
      .openAlgoOrders(symbol)
      .find((o) => o.from <= c.ts && o.side === exit && o.orderType === 'STOP_MARKET');
    const tpAlgo = book
      .openAlgoOrders(symbol)
      .find((o) => o.from <= c.ts && o.side === exit && o.orderType === 'TAKE_PROFIT_MARKET');
    const tpLimit = book
      .openOrders(symbol)
      .find((o) => o.from <= c.ts && o.side === exit && o.reduceOnly && o.type === 'LIMIT' && !o.marketable);
    const tpPrice = tpLimit?.price ?? tpAlgo?.triggerPrice ?? null;
    const ex = rule(exit === 'SELL' ? 'sell' : 'buy', stop?.triggerPrice ?? null, tpPrice, c, 0);
    if (ex === null) return;
    if (ex.leg === 'take_profit' && tpLimit !== undefined) book.fill(tpLimit, ex.price, true, c.ts, false);
    else book.trigger((ex.leg === 'stop' ? stop : tpAlgo) as FakeAlgoOrder, ex.price, c.ts);
  }
}
