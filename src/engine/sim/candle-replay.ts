/**
 * The simulator's MarketData: replays candles `[from, to)` of a series. For each candle it first
 * moves the clock to the candle's close, then lets the listeners (the SimVenue) settle what
 * happened during the candle, and only then hands it to the runner: the strategy sees candle i
 * after everything in it has been settled, and never sees candle i+1 before deciding on i.
 */
import { readCandleInto } from '../data/candle-series.js';
import type { MarketData, QuietAhead } from '../ports/market-data.js';
import type { Candle, CandleSeries } from '../types.js';
import type { PerpSymbol } from '../symbols.js';
import type { SimClock } from './sim-clock.js';

/** Called with each candle before the runner sees it. */
export type CandleListener = (c: Candle) => void;

/**
 * What the listeners would do with candles on which nothing happens (the fast path):
 * `isIdle(c)` promises that the listeners, given `c`, would do no more than `pass` does for it.
 * `pass(from, to)` books the idle candles of indices `[from, to)` in one go, in order.
 */
export interface IdleCandles {
  isIdle(c: Candle): boolean;
  /**
   * The first index in `[from, to)` of a candle on which `isIdle` may not hold (`to` when none),
   * read from the series without building candles: for passing over many at once.
   */
  idleUntil(from: number, to: number): number;
  pass(from: number, to: number): void;
}

/** Called before candle index `at` is replayed: everything before it has been decided on. */
export interface ReplayPause {
  readonly at: number;
  reached(): void;
}

/** Replays cached candles one at a time. */
export class CandleReplay implements MarketData {
  readonly symbol: PerpSymbol;
  readonly timeframe: string;
  private i: number;
  private readonly pauses: ReplayPause[];
  /** Candle index of the next pause (Infinity when none). */
  private pauseAt: number;
  /** The candle {@link skipQuiet} reuses. */
  private readonly scratch = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };

  /**
   * @param from first index replayed; @param to one past the last; @param tfMs candle length (ms).
   */
  constructor(
    private readonly series: CandleSeries,
    from: number,
    private to: number,
    private readonly tfMs: number,
    private readonly clock: SimClock,
    private readonly listeners: readonly CandleListener[],
    private readonly idle?: IdleCandles,
    pauses: readonly ReplayPause[] = [],
  ) {
    this.symbol = series.symbol;
    this.timeframe = series.timeframe;
    this.i = from;
    this.pauses = [...pauses].sort((a, b) => a.at - b.at);
    this.pauseAt = this.pauses[0]?.at ?? Infinity;
  }

  /** Tells the pauses due at candle index `i`, before that candle is replayed or passed over. */
  private pause(i: number): void {
    while (this.pauseAt === i) {
      (this.pauses.shift() as ReplayPause).reached();
      this.pauseAt = this.pauses[0]?.at ?? Infinity;
    }
  }

  /**
   * Ends the replay before candle index `at` (at or after the next candle): no later candle is
   * replayed, passed over or booked. For a pause that knows the rest of the run (sim/run-join.ts).
   */
  endAt(at: number): void {
    this.to = Math.max(this.i, Math.min(this.to, at));
  }

  next(): Candle | null {
    if (this.i === this.pauseAt) this.pause(this.i);
    if (this.i >= this.to) return null;
    const s = this.series;
    const i = this.i++;
    const c: Candle = {
      ts: s.ts[i] as number,
      open: s.open[i] as number,
      high: s.high[i] as number,
      low: s.low[i] as number,
      close: s.close[i] as number,
      volume: s.volume[i] as number,
    };
    this.clock.advanceTo(c.ts + this.tfMs);
    for (const l of this.listeners) l(c);
    return c;
  }

  /**
   * Passes over candles idle at the venue (`idle.isIdle`) and quiet for the runner (`quiet`,
   * asked after the venue): `idle.pass` books them and the clock moves to the last one's close
   * (nothing reads it in between). Stops at the first other candle, which {@link next} then
   * replays as usual. A pause due inside the run sees every earlier candle booked.
   */
  skipQuiet(quiet: (c: Candle) => boolean, ahead?: QuietAhead): number {
    const idle = this.idle;
    if (idle === undefined) return 0;
    const s = this.series;
    const c = this.scratch;
    const from = this.i;
    let booked = from;
    let i = from;
    if (ahead !== undefined && ahead.count > 0) {
      // Quiet for the runner and idle at the venue: book them without building candles.
      i = idle.idleUntil(from, Math.min(this.to, from + ahead.count));
      while (this.pauseAt >= from && this.pauseAt < i && this.pauseAt < this.to) {
        this.book(idle, booked, this.pauseAt);
        booked = this.pauseAt;
        this.pause(this.pauseAt);
      }
      // A pause may have ended the replay inside the run (endAt).
      if (i > this.to) i = this.to;
      ahead.passed(i - from);
    }
    for (; i < this.to; i++) {
      if (i === this.pauseAt) {
        this.book(idle, booked, i);
        booked = i;
        this.pause(i);
        if (i >= this.to) break;
      }
      readCandleInto(s, i, c);
      if (!idle.isIdle(c) || !quiet(c)) break;
    }
    this.book(idle, booked, i);
    this.i = i;
    return i - from;
  }

  private book(idle: IdleCandles, from: number, to: number): void {
    if (to <= from) return;
    this.clock.advanceTo((this.series.ts[to - 1] as number) + this.tfMs);
    idle.pass(from, to);
  }
}
