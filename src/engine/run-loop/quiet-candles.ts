/**
 * The runner's fast path: candles on which provably nothing happens are booked without the
 * per-candle steps. The replay ({@link MarketData.skipQuiet}) checks the venue's side (no fill
 * due, no funding due on an open position); this file checks the runner's: no order of its
 * own pending, no backstop level traded through, and the strategy's own hints (`mayAct` when
 * flat, `mayActHolding` in a position) say its decision would be no intents and the same state.
 * Off with `stepByStep` and in live mode (every decision reported); the property tests in
 * `sim/fast-paths.property.test.ts` compare both paths on whole backtests.
 */
import { lowerBound } from '../data/candle-series.js';
import type { PrecomputedIndicators } from '../indicators/precompute.js';
import type { MarketData, QuietAhead } from '../ports/market-data.js';
import type { Position } from '../ports/venue.js';
import { backstopQuietBand } from '../risk.js';
import type { PositionView } from '../strategy.js';
import type { Candle } from '../types.js';
import { backstopDue, positionViewOf, syncFlat } from './candle-steps.js';
import type { LoopState } from './loop-state.js';
import { mayActIndex } from './may-act-index.js';

/** A band no candle leaves (no bracket armed). */
const NO_BAND = { above: Number.NEGATIVE_INFINITY, below: Number.POSITIVE_INFINITY } as const;

/** The runner's quiet test, built once per run (no closure per candle or per skip). */
export class QuietCandles {
  private position: Position | null = null;
  private view: PositionView | null = null;
  /** The position {@link view} was made of. */
  private viewOf: Position | null = null;
  /** The test handed to {@link MarketData.skipQuiet}; books the candle when it returns true. */
  readonly test = (c: Candle): boolean => this.quiet(c);
  /** Where `mayAct` holds (may-act-index.ts), or null: then every flat candle is asked. */
  private readonly acts: Int32Array | null;
  /** First entry of {@link acts} not yet behind the feed (candles only move forward). */
  private cursor = 0;
  /** Precomputed index of the first candle decided on (opening at or after `tradeFrom`). */
  private readonly firstDecision: number;
  /** The flat candles vouched for ahead of the next one the strategy may act on. */
  private readonly ahead: QuietAhead & { count: number } = { count: 0, passed: (n) => this.passedAhead(n) };

  constructor(
    private readonly l: LoopState,
    private readonly skip: NonNullable<MarketData['skipQuiet']>,
  ) {
    const pre = l.cfg.precomputed;
    this.acts = pre !== undefined && l.feed.random ? mayActIndex(l.cfg.strategy, l.cfg.params, pre) : null;
    this.firstDecision = pre === undefined ? 0 : lowerBound(pre.ts, l.cfg.tradeFrom);
  }

  /**
   * Passes over quiet candles when the runner has nothing pending. `position` is the venue's
   * (constant while nothing fills). Returns the number of candles passed over.
   */
  run(position: Position | null): number {
    const l = this.l;
    if (!l.feed.random || l.entry !== null || l.pendingExit !== null || l.carried !== null) return 0;
    this.position = position;
    // The venue's position object stays the same while nothing fills: its view is kept with it.
    if (position === null || l.entryTs === null) this.view = null;
    else if (position !== this.viewOf || this.view === null || this.view.entryTs !== l.entryTs)
      this.view = positionViewOf(l, position, 0);
    this.viewOf = position;
    const count = position === null ? this.flatAhead() : this.holdingAhead(position);
    if (count === 0) return this.skip.call(l.cfg.marketData, this.test);
    this.ahead.count = count;
    return this.skip.call(l.cfg.marketData, this.test, this.ahead);
  }

  /** Flat: the candles before the next one on which `mayAct` holds (0 without the index). */
  private flatAhead(): number {
    const acts = this.acts;
    if (acts === null) return 0;
    const j = this.l.feed.nextIndex;
    const from = Math.max(j, this.firstDecision);
    let k = this.cursor;
    while (k < acts.length && (acts[k] as number) < from) k += 1;
    this.cursor = k;
    return (k < acts.length ? (acts[k] as number) : (this.l.cfg.precomputed as PrecomputedIndicators).ts.length) - j;
  }

  /**
   * In a position: the candles before the first on which {@link quiet} would not hold for the
   * runner (its backstop due, or `mayActHolding`), read from the precomputed source columns:
   * the same tests as {@link quietHolding}, with the backstop's as the band of
   * {@link backstopQuietBand} (no candle object, nothing looked up per candle).
   */
  private holdingAhead(position: Position): number {
    const l = this.l;
    const { precomputed, strategy, params, timeframeMs } = l.cfg;
    const view = this.view;
    const source = precomputed?.source;
    const hint = strategy.mayActHolding;
    if (view === null || source === undefined) return 0;
    const { candles, from } = source;
    const { ts, low, high } = candles;
    const n = (precomputed as PrecomputedIndicators).ts.length;
    // backstopDue: a bracket checked on candles opening after it was armed, unless an exit is pending.
    const armed = l.pendingExit === null ? l.bracket : null;
    const armedFrom = armed === null ? Number.POSITIVE_INFINITY : armed.from;
    const band = armed === null ? NO_BAND : backstopQuietBand(position.side, armed);
    const { above, below } = band;
    const j0 = l.feed.nextIndex;
    // Warm-up candles (before the first decision) are quiet whatever they are.
    let j = Math.max(j0, this.firstDecision);
    if (hint === undefined) return j - j0;
    for (; j < n; j++) {
      const i = from + j;
      const t = ts[i] as number;
      if (t > armedFrom && !((low[i] as number) >= above && (high[i] as number) <= below)) break;
      if (hint.call(strategy, t + timeframeMs, view, params)) break;
    }
    return j - j0;
  }

  /** In a position, on a decision candle: no backstop due and `mayActHolding` rules the strategy out. */
  private quietHolding(c: Candle, position: Position, view: PositionView | null): boolean {
    const { strategy, params, timeframeMs } = this.l.cfg;
    if (view === null || strategy.mayActHolding === undefined || backstopDue(this.l, c, position) !== null)
      return false;
    return !strategy.mayActHolding(c.ts + timeframeMs, view, params);
  }

  /** Books `n` candles passed over unread as {@link quiet} would have booked them one by one. */
  private passedAhead(n: number): void {
    const l = this.l;
    const j = l.feed.nextIndex;
    const decided = Math.max(0, j + n - Math.max(j, this.firstDecision));
    if (decided > 0) {
      if (this.position === null) syncFlat(l);
      l.decisions += decided;
    }
    l.feed.skipMany(n);
    l.candles += n;
  }

  private quiet(c: Candle): boolean {
    const l = this.l;
    const { strategy, params, tradeFrom } = l.cfg;
    l.feed.peek(c);
    if (c.ts >= tradeFrom) {
      const position = this.position;
      if (position === null) {
        if (strategy.mayAct === undefined || strategy.mayAct(c, l.feed.ind, params)) return false;
        syncFlat(l);
      } else if (!this.quietHolding(c, position, this.view)) return false;
      l.decisions += 1;
    }
    l.feed.skip();
    l.candles += 1;
    return true;
  }
}
