/**
 * A live clock for in-process tests that follows the fake exchange's clock: `now()` is the
 * fake's time and every sleep moves the fake's time forward by the slept amount at once, so a
 * live run over hours of candles takes milliseconds and never races a real timer. Optionally
 * aborts a controller once the fake time reaches `stopAt` (ends the run after N candles).
 */
import type { LiveClock } from '../../src/engine/exchange/wall-clock.js';
import type { FakeClock } from './clock.js';

/** Options of {@link FollowingClock}. */
export interface FollowingClockOptions {
  /** Abort `controller` once the fake time reaches this (ms UTC). */
  readonly stopAt?: number;
  readonly controller?: AbortController;
}

/** Accelerated time: sleeping advances the fake exchange's clock. */
export class FollowingClock implements LiveClock {
  /** Total fake time slept (ms). */
  slept = 0;

  constructor(
    private readonly fake: FakeClock,
    private readonly opts: FollowingClockOptions = {},
  ) {}

  now(): number {
    return this.fake.now();
  }

  local(): number {
    return this.fake.now();
  }

  syncTo(): void {
    // Already on the exchange's time.
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return;
    const step = Math.max(1, Math.ceil(ms));
    this.fake.advance(step);
    this.slept += step;
    if (this.opts.stopAt !== undefined && this.fake.now() >= this.opts.stopAt) this.opts.controller?.abort();
    // Yield so that sockets and other tasks make progress.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async sleepUntil(t: number): Promise<void> {
    if (t > this.fake.now()) await this.sleep(t - this.fake.now());
  }
}
