/**
 * Start-up retries inside the process. A transient failure while starting (exchange unreachable,
 * 5xx, timeouts while loading markets or reconciling) is retried here with backoff for a bounded
 * time (`--startup-retry-s`, default 120 s) before the process exits 75. Under the unit's
 * restart policy (RestartSec=5s, StartLimitBurst=5 in 15 min) a blip shorter than the budget
 * never costs a systemd start, and an outage of about five budgets (≈10 min by default) ends in
 * the start limit and the OnFailure alert instead of endless restart noise. Configuration
 * errors (78) and bugs are not retried.
 */
import { TransientError } from '../errors.js';
import type { LiveClock } from './wall-clock.js';

/** Options of {@link withStartupRetry}. Durations in ms. */
export interface StartupRetryOptions {
  readonly budgetMs: number;
  readonly clock: Pick<LiveClock, 'local' | 'sleep'>;
  readonly signal?: AbortSignal;
  /** First wait; doubles up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onRetry?: (attempt: number, delayMs: number, error: TransientError) => void;
}

/**
 * Runs `fn` until it succeeds, retrying TransientErrors while the budget lasts.
 * @returns the result, or null when `signal` aborted during a wait (a SIGTERM while starting).
 * @throws the last TransientError once the budget is spent; any other error at once.
 */
export async function withStartupRetry<T>(fn: () => Promise<T>, o: StartupRetryOptions): Promise<T | null> {
  const start = o.clock.local();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof TransientError)) throw e;
      const left = o.budgetMs - (o.clock.local() - start);
      if (left <= 0) throw e;
      const delayMs = Math.min(left, o.maxDelayMs ?? 30_000, (o.baseDelayMs ?? 1_000) * 2 ** (attempt - 1));
      o.onRetry?.(attempt, delayMs, e);
      await o.clock.sleep(delayMs, o.signal);
      if (o.signal?.aborted === true) return null;
    }
  }
}
