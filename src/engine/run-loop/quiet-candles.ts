/**
 * The runner's fast path: candles on which provably nothing happens are booked without the
 * per-candle steps. The replay ({@link MarketData.skipQuiet}) checks the venue's side (no fill
 * due, no funding due on an open position); this file checks the runner's: no order of its
 * own pending, no backstop level traded through, and the strategy's own hints (`mayAct` when
 * flat, `mayActHolding` in a position) say its decision would be no intents and the same state.
 * Off with `stepByStep` and in live mode (every decision reported); the property tests in
 * `sim/fast-paths.property.test.ts` compare both paths on whole backtests.
 */
import type { Position } from '../ports/venue.js';
import { backstopDue, positionViewOf, syncFlat } from './candle-steps.js';
import type { LoopState } from './loop-state.js';
import type { Candle } from '../types.js';

/**
 * Passes over quiet candles when the runner has nothing pending. `position` is the venue's
 * (constant while nothing fills). Returns the number of candles passed over.
 */
export function skipQuietCandles(l: LoopState, position: Position | null): number {
  const { cfg, feed } = l;
  const skip = cfg.marketData.skipQuiet;
  if (skip === undefined || !feed.random || l.entry !== null || l.pendingExit !== null || l.carried !== null) return 0;
  const { strategy, params, tradeFrom, timeframeMs } = cfg;
  const ind = feed.ind;
  const view = position === null || l.entryTs === null ? null : positionViewOf(l, position, 0);
  const quiet = (c: Candle): boolean => {
    feed.peek(c);
    if (c.ts >= tradeFrom) {
      if (position === null) {
        if (strategy.mayAct === undefined || strategy.mayAct(c, ind, params)) return false;
        syncFlat(l);
      } else if (
        view === null ||
        strategy.mayActHolding === undefined ||
        backstopDue(l, c, position) !== null ||
        strategy.mayActHolding(c.ts + timeframeMs, view, params)
      )
        return false;
      l.decisions += 1;
    }
    feed.skip();
    l.candles += 1;
    return true;
  };
  return skip.call(cfg.marketData, quiet);
}
