/**
 * The simulator's fill rules, all in one place. A candle tells us its open, high, low and close,
 * not the path between them; wherever the path matters we assume the one worst for the trader.
 *
 * Order of events inside candle k (`SimVenue.processCandle` follows it step by step):
 *
 *  0. Funding events at or before the candle's open settle against the position held before
 *     the candle (fees-funding.ts).
 *  1. At the open, in this order:
 *     a. market orders placed at the previous close fill at the open, adverse slippage, taker
 *        ({@link marketFillPrice});
 *     b. limits that were marketable when placed fill at the open the same way, taker
 *        ({@link isMarketableOnArrival});
 *     c. resting orders the open has already crossed: a stop fills at that open with slippage
 *        ({@link stopFillAtOpen}); a limit (entry or take-profit) fills at that better open,
 *        maker ({@link limitFillAtOpen}).
 *  2. Inside the candle: the bracket of a position that was open at the open is checked against
 *     the whole range, the stop before the take-profit ({@link bracketExitFromOpen}); then a
 *     resting entry limit the range reaches fills at its price, maker
 *     ({@link limitFillIntrabar}), and its bracket is checked against what is left of the
 *     candle under the worst path ({@link bracketExitAfterIntrabarEntry}).
 *  3. At the close: reduce-only orders of a flat position are cancelled.
 *
 * Every fill is stamped with the open time of its candle. Slippage never moves a price outside
 * the candle's [low, high]: nobody traded there.
 */
import type { Candle } from '../types.js';
import type { OrderSide } from '../ports/venue.js';

/**
 * Moves `price` against the trader by `slippageBps` (buy up, sell down), then clamps it into the
 * candle's [low, high].
 */
export function slip(side: OrderSide, price: number, slippageBps: number, c: Candle): number {
  const p = side === 'buy' ? price * (1 + slippageBps / 10_000) : price * (1 - slippageBps / 10_000);
  return Math.min(c.high, Math.max(c.low, p));
}

/** Rule 1a: a market order fills at the candle's open with adverse slippage (taker). */
export function marketFillPrice(side: OrderSide, c: Candle, slippageBps: number): number {
  return slip(side, c.open, slippageBps, c);
}

/**
 * Rule 1b: a limit is marketable on arrival when it would cross the last price (buy: limit ≥
 * last close; sell: limit ≤ last close). On the exchange it executes at once as a taker, so the
 * simulator fills it at the next open with slippage and the taker fee, even if that open is past
 * the limit (the exchange would have filled it before the move).
 */
export function isMarketableOnArrival(side: OrderSide, limit: number, lastClose: number): boolean {
  return side === 'buy' ? limit >= lastClose : limit <= lastClose;
}

/**
 * Rule 1c (limits): a resting buy limit whose price the open is already at or below fills at
 * that open (a better price than the limit); sells mirror. Maker fee. Null when not crossed.
 */
export function limitFillAtOpen(side: OrderSide, limit: number, c: Candle): number | null {
  if (side === 'buy') return c.open <= limit ? c.open : null;
  return c.open >= limit ? c.open : null;
}

/**
 * Rule 1c (stops): a sell stop whose trigger the open is already at or below fills at that open
 * with slippage (a gap through the stop is paid in full); buy stops mirror. Taker. Null when the
 * open has not crossed it.
 */
export function stopFillAtOpen(side: OrderSide, trigger: number, c: Candle, slippageBps: number): number | null {
  const crossed = side === 'sell' ? c.open <= trigger : c.open >= trigger;
  return crossed ? slip(side, c.open, slippageBps, c) : null;
}

/**
 * Rule 2 (stops inside the candle): a sell stop triggers when the low reaches the trigger and
 * fills at the trigger with slippage (clamped to the low); buy stops mirror with the high.
 */
export function stopFillIntrabar(side: OrderSide, trigger: number, c: Candle, slippageBps: number): number | null {
  const reached = side === 'sell' ? c.low <= trigger : c.high >= trigger;
  return reached ? slip(side, trigger, slippageBps, c) : null;
}

/**
 * Rule 2 (limits inside the candle): a buy limit fills at its price when the low reaches it
 * (touching counts); sells mirror with the high. Maker. Call after {@link limitFillAtOpen}.
 */
export function limitFillIntrabar(side: OrderSide, limit: number, c: Candle): number | null {
  if (side === 'buy') return c.low <= limit ? limit : null;
  return c.high >= limit ? limit : null;
}

/** Which bracket leg closed a position, at what price, with which liquidity. */
export interface BracketExit {
  readonly leg: 'stop' | 'take_profit';
  readonly price: number;
  readonly liquidity: 'maker' | 'taker';
}

/**
 * Rule 1c + 2 for a position open at the candle's open (from an earlier candle or filled at this
 * open). `exitSide` is the side of the closing order (sell for a long).
 * - the open beyond the stop: stop at the open, slipped (taker);
 * - the open beyond the take-profit: take-profit at that better open (maker): the open is the
 *   candle's first price, nothing can come before it;
 * - else, both levels inside the range: the stop is assumed to come first (pessimistic);
 * - else whichever level the range reaches: stop at its trigger slipped, take-profit at its price.
 */
export function bracketExitFromOpen(
  exitSide: OrderSide,
  stop: number | null,
  takeProfit: number | null,
  c: Candle,
  slippageBps: number,
): BracketExit | null {
  if (stop !== null) {
    const p = stopFillAtOpen(exitSide, stop, c, slippageBps);
    if (p !== null) return { leg: 'stop', price: p, liquidity: 'taker' };
  }
  if (takeProfit !== null) {
    const p = limitFillAtOpen(exitSide, takeProfit, c);
    if (p !== null) return { leg: 'take_profit', price: p, liquidity: 'maker' };
  }
  if (stop !== null) {
    const p = stopFillIntrabar(exitSide, stop, c, slippageBps);
    if (p !== null) return { leg: 'stop', price: p, liquidity: 'taker' };
  }
  if (takeProfit !== null) {
    const p = limitFillIntrabar(exitSide, takeProfit, c);
    if (p !== null) return { leg: 'take_profit', price: p, liquidity: 'maker' };
  }
  return null;
}

/**
 * Where {@link bracketExitFromOpen} stays quiet, as a band: for any candle c it returns null
 * exactly when min(open, low) > `above` and max(open, high) < `below` (a missing leg is ±∞).
 * A sell exit (a long) has its stop below and take-profit above; a buy exit mirrors. For
 * passing over many candles at once; `fill-model.test.ts` checks the equivalence.
 */
export function bracketQuietBand(
  exitSide: OrderSide,
  stop: number | null,
  takeProfit: number | null,
): { readonly above: number; readonly below: number } {
  if (exitSide === 'sell')
    return { above: stop ?? Number.NEGATIVE_INFINITY, below: takeProfit ?? Number.POSITIVE_INFINITY };
  return { above: takeProfit ?? Number.NEGATIVE_INFINITY, below: stop ?? Number.POSITIVE_INFINITY };
}

/**
 * Rule 2 for a position opened by a limit filled inside this candle. The worst path for a long
 * entered on a dip is open → high → down through the limit → low → close: the high came before
 * the fill. So after the fill the stop counts if the low reaches it, and the take-profit only if
 * the close does (at its price); shorts mirror (open → low → up through the limit → high → close).
 */
export function bracketExitAfterIntrabarEntry(
  exitSide: OrderSide,
  stop: number | null,
  takeProfit: number | null,
  c: Candle,
  slippageBps: number,
): BracketExit | null {
  if (stop !== null) {
    const p = stopFillIntrabar(exitSide, stop, c, slippageBps);
    if (p !== null) return { leg: 'stop', price: p, liquidity: 'taker' };
  }
  if (takeProfit !== null) {
    const reached = exitSide === 'sell' ? c.close >= takeProfit : c.close <= takeProfit;
    if (reached) return { leg: 'take_profit', price: takeProfit, liquidity: 'maker' };
  }
  return null;
}
