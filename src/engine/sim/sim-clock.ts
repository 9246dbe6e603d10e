/**
 * The simulator's clock: time is whatever the replay says, the close of the newest candle.
 * Never reads the wall clock.
 */
import type { Clock } from '../ports/clock.js';

/** A clock moved forward by the candle replay. */
export class SimClock implements Clock {
  private t: number;

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves the clock to `t` (ms UTC). @throws Error if `t` is in the clock's past. */
  advanceTo(t: number): void {
    if (t < this.t) throw new Error(`Invariant failed: sim clock moved back from ${this.t} to ${t}`);
    this.t = t;
  }

  sleepUntil(t: number): Promise<void> {
    if (t > this.t) this.t = t;
    return Promise.resolve();
  }
}
