/**
 * The Clock port. The simulator's clock is driven by candle close times (`SimClock`); live
 * mode's reads the wall clock (the only place `Date.now()` may appear). Strategies never see a
 * clock: they get `now`, the close time of their newest candle.
 */

/** A source of the current time (ms UTC). */
export interface Clock {
  now(): number;
  /** Resolves once `now() ≥ t` (the simulator's clock jumps there at once). */
  sleepUntil(t: number): Promise<void>;
}
