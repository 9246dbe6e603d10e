/**
 * The fake exchange's clock: the only notion of "now" the fake uses (which candle is still
 * forming, which funding events have happened, `/fapi/v1/time`). Tests set or advance it; it
 * never reads the wall clock.
 */

/** A settable clock in integer ms UTC. */
export class FakeClock {
  #now: number;

  /** @param start the initial time, ms UTC. */
  constructor(start: number) {
    this.#now = start;
  }

  /** The current fake time, ms UTC. */
  now(): number {
    return this.#now;
  }

  /** Jumps to `ms` (ms UTC); moving backwards is allowed (tests of clock skew). */
  set(ms: number): void {
    this.#now = ms;
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }
}
