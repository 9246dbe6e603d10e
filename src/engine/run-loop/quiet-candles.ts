/**
 * The runner's fast path: candles on which provably nothing happens are booked without the
 * per-candle steps. The replay ({@link MarketData.skipQuiet}) checks the venue's side (no fill
 * due, no funding due on an open position); this file checks the runner's: no order of its
 * own pending, no backstop level traded through, and the strategy's own hints (`mayAct` when
 * flat, `mayActHolding` in a position) say its decision would be no intents and the same state.
 * Off with `stepByStep` and in live mode (every decision reported); the property tests in
 * `sim/fast-paths.property.test.ts` compare both paths on whole backtests.
 */
import type { MarketData } from '../ports/market-data.js';
import type { Position } from '../ports/venue.js';
import type { PositionView } from '../strategy.js';
import type { Candle } from '../types.js';
import { backstopDue, positionViewOf, syncFlat } from './candle-steps.js';
import type { LoopState } from './loop-state.js';

/** The runner's quiet test, built once per run (no closure per candle or per skip). */
export class QuietCandles {
  private position: Position | null = null;
  private view: PositionView | null = null;
  /** The test handed to {@link MarketData.skipQuiet}; books the candle when it returns true. */
  readonly test = (c: Candle): boolean => this.quiet(c);

  constructor(
    private readonly l: LoopState,
    private readonly skip: NonNullable<MarketData['skipQuiet']>,
  ) {}

  /**
   * Passes over quiet candles when the runner has nothing pending. `position` is the venue's
   * (constant while nothing fills). Returns the number of candles passed over.
   */
  run(position: Position | null): number {
    const l = this.l;
    if (!l.feed.random || l.entry !== null || l.pendingExit !== null || l.carried !== null) return 0;
    this.position = position;
    this.view = position === null || l.entryTs === null ? null : positionViewOf(l, position, 0);
    return this.skip.call(l.cfg.marketData, this.test);
  }

  private quiet(c: Candle): boolean {
    const l = this.l;
    const { strategy, params, tradeFrom, timeframeMs } = l.cfg;
    l.feed.peek(c);
    if (c.ts >= tradeFrom) {
      const position = this.position;
      if (position === null) {
        if (strategy.mayAct === undefined || strategy.mayAct(c, l.feed.ind, params)) return false;
        syncFlat(l);
      } else {
        const view = this.view;
        if (view === null || strategy.mayActHolding === undefined || backstopDue(l, c, position) !== null) return false;
        if (strategy.mayActHolding(c.ts + timeframeMs, view, params)) return false;
      }
      l.decisions += 1;
    }
    l.feed.skip();
    l.candles += 1;
    return true;
  }
}
