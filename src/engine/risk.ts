/**
 * Pre-trade checks between a strategy's intent and the venue: one position per symbol, and
 * sizing. An entry's amount is `notional / refPrice` rounded down to the market's step; an
 * amount of 0, below the minimum amount, or whose notional at `refPrice` is below the minimum
 * notional is refused with its reason (listed in the result, never silently dropped). After the
 * trade: the bracket levels the runner enforces itself as a backstop.
 */
import { ceilTo, floorTo } from './increments.js';
import type { BracketDistances, Side } from './strategy.js';
import type { Candle, MarketFacts } from './types.js';

/** The outcome of sizing an entry. */
export type SizingResult =
  | { readonly ok: true; readonly amount: number }
  | { readonly ok: false; readonly amount: number; readonly reason: string };

/**
 * Sizes an entry of `notionalUsdt` at `refPrice` (the close of the decision candle).
 * @returns the amount in base units, or a refusal naming the limit it breaks.
 */
export function sizeEntry(notionalUsdt: number, refPrice: number, facts: MarketFacts): SizingResult {
  if (!(refPrice > 0) || !(notionalUsdt > 0))
    return { ok: false, amount: 0, reason: `no valid price or notional (price ${refPrice}, notional ${notionalUsdt})` };
  const amount = floorTo(notionalUsdt / refPrice, facts.stepSize);
  if (amount <= 0) {
    return {
      ok: false,
      amount,
      reason: `amount rounds to 0: ${notionalUsdt} USDT / ${refPrice} is below one step of ${facts.stepSize}`,
    };
  }
  if (amount < facts.minQty)
    return { ok: false, amount, reason: `amount ${amount} is below the minimum amount ${facts.minQty}` };
  const notional = amount * refPrice;
  if (notional < facts.minNotional) {
    return {
      ok: false,
      amount,
      reason: `notional ${notional.toFixed(2)} USDT is below the minimum notional ${facts.minNotional} USDT`,
    };
  }
  return { ok: true, amount };
}

/**
 * One position per symbol: an entry is refused while a position is open or another entry
 * order is pending.
 * @returns the reason to refuse, or null.
 */
export function checkOnePosition(hasPosition: boolean, hasPendingEntry: boolean): string | null {
  if (hasPosition) return 'a position is already open';
  if (hasPendingEntry) return 'an entry order is already pending';
  return null;
}

/** Bracket levels the runner's backstop watches (USDT). */
export interface ArmedBracket {
  readonly stop: number;
  readonly takeProfit: number;
  /** ms UTC when the levels were armed (entry fill or bracket decision): only candles opening after it are checked. */
  readonly from: number;
}

/**
 * THE rounding rule for bracket prices (stop and take-profit, USDT), used by the simulator, the
 * runner's backstop and the live venue alike: a long's levels round up to the tick, a short's
 * down (so a long's stop moves towards its fill and its take-profit away from it; shorts mirror),
 * and never below one tick.
 */
export function roundBracketLevel(long: boolean, price: number, tick: number): number {
  return Math.max(long ? ceilTo(price, tick) : floorTo(price, tick), tick);
}

/**
 * The levels of a bracket attached to an entry filled at `fill` (USDT), by {@link roundBracketLevel}.
 */
export function attachedBracketLevels(
  long: boolean,
  fill: number,
  d: BracketDistances,
  tick: number,
): { stop: number; takeProfit: number } {
  const stop = roundBracketLevel(long, long ? fill - d.stopDistance : fill + d.stopDistance, tick);
  const takeProfit = roundBracketLevel(long, long ? fill + d.takeProfitDistance : fill - d.takeProfitDistance, tick);
  return { stop, takeProfit };
}

/**
 * Which level a candle traded through (strictly beyond it), the stop first when both: the
 * backstop's trigger. A long's stop is below, its take-profit above; shorts mirror.
 */
export function backstopHit(side: Side, b: ArmedBracket, bar: Candle): 'stop' | 'take_profit' | null {
  const long = side === 'long';
  if (long ? bar.low < b.stop : bar.high > b.stop) return 'stop';
  if (long ? bar.high > b.takeProfit : bar.low < b.takeProfit) return 'take_profit';
  return null;
}

/**
 * Where {@link backstopHit} stays quiet, as a band: for any candle with a numeric low and high it
 * returns null exactly when low ≥ `above` and high ≤ `below` (a NaN level never triggers, so its
 * side of the band is ±∞). For passing over many candles at once (quiet-candles.ts); risk.test.ts
 * checks the equivalence.
 */
export function backstopQuietBand(side: Side, b: ArmedBracket): { readonly above: number; readonly below: number } {
  const long = side === 'long';
  const lower = long ? b.stop : b.takeProfit;
  const upper = long ? b.takeProfit : b.stop;
  return {
    above: Number.isNaN(lower) ? Number.NEGATIVE_INFINITY : lower,
    below: Number.isNaN(upper) ? Number.POSITIVE_INFINITY : upper,
  };
}
