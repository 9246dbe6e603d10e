/**
 * The MarketData port: closed candles of one symbol and timeframe, one at a time, in time
 * order. `CandleReplay` (engine/sim) replays cached candles; live mode polls the exchange and
 * yields a candle only once it has closed. A candle is never yielded before the clock has
 * reached its close time.
 */
import type { PerpSymbol } from '../symbols.js';
import type { Candle } from '../types.js';
import type { Awaitable } from './venue.js';

/** A feed of closed candles. */
export interface MarketData {
  readonly symbol: PerpSymbol;
  readonly timeframe: string;
  /** The next closed candle, or null when the feed has ended (replay exhausted, live stopped). */
  next(): Awaitable<Candle | null>;
  /**
   * Optional (the simulator's replay): passes over the next candles as long as nothing happens
   * on them at the venue and `quiet(c)` (the runner's own test, which books the candle when it
   * returns true) holds; the first other candle is left for {@link next}. The candle object is
   * reused: valid only during the call. Returns the number of candles passed over.
   * @param ahead the runner vouches that its test holds on the next `ahead.count` candles: as
   *   long as the venue is idle on them they are passed over without calling `quiet`, and
   *   `ahead.passed(n)` is told how many (before `quiet` is called again).
   */
  skipQuiet?(quiet: (c: Candle) => boolean, ahead?: QuietAhead): number;
}

/** Candles the runner knows are quiet on its side (see {@link MarketData.skipQuiet}). */
export interface QuietAhead {
  readonly count: number;
  /** The first `n` of them were passed over (booked at the venue): the runner books its side. */
  passed(n: number): void;
}
