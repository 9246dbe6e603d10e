/**
 * Start-up retries inside the process. A transient failure while starting (exchange unreachable,
 * 5xx, timeouts while loading markets or reconciling) is retried here with backoff for a bounded
 * time (`--startup-retry-s`, default 120 s) before the process exits 75. Under the unit's
 * restart policy (RestartSec=5s, StartLimitBurst=5 in 15 min) a blip shorter than the budget
 * never costs a systemd start, and an outage of about five budgets (≈10 min by default) ends in
 * the start limit and the OnFailure alert instead of endless restart noise. Configuration
 * errors (78) and bugs are not retried.
 *
 * A ban (418/429 with `Retry-After`) is different: it is slept through here, however long, with
 * {@link StartupRetryOptions.onBan} told first (send a `stale` alert), and the budget starts
 * afresh when it ends. Exiting 75 instead would have systemd retry every 5 s, and Binance
 * lengthens the ban for every request it refuses.
 */
import { TransientError } from '../errors.js';
import { banOf } from './exchange-ban.js';
import { backoffDelay } from './retry.js';
import type { LiveClock } from './wall-clock.js';

/** A ban met while starting, reported to {@link StartupRetryOptions.onBan}. Times local ms UTC, durations ms. */
export interface StartupBan {
  readonly untilMs: number;
  readonly waitMs: number;
  readonly error: TransientError;
}

/** Options of {@link withStartupRetry}. Durations in ms. */
export interface StartupRetryOptions {
  readonly budgetMs: number;
  readonly clock: Pick<LiveClock, 'local' | 'sleep'>;
  readonly signal?: AbortSignal;
  /** First wait; doubles up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onRetry?: (attempt: number, delayMs: number, error: TransientError) => void;
  /** The exchange gate's ban end (`exchangeGate(ex).bannedUntilMs`); bans recorded on the error are found without it. */
  readonly bannedUntilMs?: () => number | undefined;
  /** Called before sleeping through a ban (the caller sends its `stale` alert). */
  readonly onBan?: (ban: StartupBan) => void;
}

/** End of the ban behind `e` (local ms UTC), from the error's cause chain or the gate, if any. */
function banEnd(e: TransientError, o: StartupRetryOptions): number | undefined {
  const ends = [banOf(e)?.untilMs, o.bannedUntilMs?.()].filter((t): t is number => t !== undefined);
  return ends.length === 0 ? undefined : Math.max(...ends);
}

/**
 * Runs `fn` until it succeeds, retrying TransientErrors while the budget lasts; bans are slept
 * through whatever the budget (see the file comment).
 * @returns the result, or null when `signal` aborted during a wait (a SIGTERM while starting).
 * @throws the last TransientError once the budget is spent; any other error at once.
 */
export async function withStartupRetry<T>(fn: () => Promise<T>, o: StartupRetryOptions): Promise<T | null> {
  const policy = { baseDelayMs: o.baseDelayMs ?? 1_000, maxDelayMs: o.maxDelayMs ?? 30_000 };
  let start = o.clock.local();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof TransientError)) throw e;
      const until = banEnd(e, o);
      const banWait = until === undefined ? 0 : until - o.clock.local();
      if (banWait > 0) {
        o.onBan?.({ untilMs: until as number, waitMs: banWait, error: e });
        await o.clock.sleep(banWait, o.signal);
        if (o.signal?.aborted === true) return null;
        start = o.clock.local();
        continue;
      }
      const left = o.budgetMs - (o.clock.local() - start);
      if (left <= 0) throw e;
      const delayMs = Math.min(left, backoffDelay(attempt, policy));
      o.onRetry?.(attempt, delayMs, e);
      await o.clock.sleep(delayMs, o.signal);
      if (o.signal?.aborted === true) return null;
    }
  }
}
