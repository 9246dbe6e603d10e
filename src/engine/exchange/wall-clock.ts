/**
 * Live mode's clock: the wall clock (the only `Date.now()` in coinbot's live path), corrected by
 * the exchange's time. Which candle has closed is the exchange's call, so the offset to
 * `serverTime` is measured on every poll and `now()` never runs behind the exchange's clock
 * (the offset is taken from the moment the time request was sent). Sleeping is abortable, so a
 * SIGTERM ends a wait at once.
 */
import type { Clock } from '../ports/clock.js';

/** The live clock port: the Clock plus exchange-time sync and abortable sleeps. */
export interface LiveClock extends Clock {
  /** Aligns `now()` with the exchange: `serverTime` (ms UTC) answered a request sent at local time `sentAt`. */
  syncTo(serverTime: number, sentAt: number): void;
  /** The uncorrected local time (ms UTC), to stamp requests for {@link syncTo}. */
  local(): number;
  /** Waits `ms`, or less when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Waits `ms` on a real timer; resolves early (never rejects) when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The wall clock plus the exchange offset. */
export class WallClock implements LiveClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  local(): number {
    return Date.now();
  }

  syncTo(serverTime: number, sentAt: number): void {
    // Using the send time (not the round trip's midpoint) keeps now() ≥ serverTime afterwards.
    this.offsetMs = serverTime - sentAt;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return abortableSleep(ms, signal);
  }

  sleepUntil(t: number): Promise<void> {
    return abortableSleep(t - this.now());
  }
}
