/**
 * Retries with capped exponential backoff for transient exchange failures, honouring the
 * exchange's `Retry-After`. No jitter: coinbot makes one request at a time per process, so there
 * is no herd to spread, and fixed delays keep tests exact. Sleeping is injectable so tests run
 * with zero real waiting.
 */
import { TransientError } from '../errors.js';
import { BINANCE_USDM } from './capabilities.js';
import { banOf } from './exchange-ban.js';
import { isTransient, mayCarryRetryAfter, shortMessage, toHarnessError } from './ccxt-errors.js';

/** How hard to retry. All durations in ms. */
export interface RetryPolicy {
  /** Total tries including the first (≥ 1). */
  readonly attempts: number;
  /** Wait before the second try; each further wait doubles. */
  readonly baseDelayMs: number;
  /** Cap on one backoff wait (a longer `Retry-After` is still honoured, up to {@link maxRetryAfterMs}). */
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this (e.g. a long IP ban after 418) ends the retries at once. */
  readonly maxRetryAfterMs: number;
}

/** Default policy: 6 tries, waits 0.5, 1, 2, 4, 8 s (cap 30 s); Retry-After honoured up to 5 min. */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
};

/** One scheduled retry, reported to {@link RetryHooks.onRetry}. */
export interface RetryEvent {
  readonly what: string;
  /** The try that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/** Injection points of {@link withRetry}. */
export interface RetryHooks {
  /** Waits `ms` (default: a real timer). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called before each wait. */
  readonly onRetry?: (e: RetryEvent) => void;
  /** The exchange's requested wait for this error, ms, if it sent one. */
  readonly retryAfterMs?: (error: unknown) => number | undefined;
  /** Which errors to retry (default {@link isTransient}). */
  readonly isTransient?: (error: unknown) => boolean;
}

/** The backoff before try `attempt + 1` after try `attempt` failed: `min(cap, base · 2^(attempt−1))`. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Parses an HTTP `Retry-After` value: delta seconds (`"120"`) or an HTTP date, relative to `nowMs`.
 * @returns ms to wait (≥ 0), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs = 0): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) && nowMs > 0 ? Math.max(0, at - nowMs) : undefined;
}

/** Reads a header case-insensitively from ccxt's `last_response_headers`. */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === want) return Array.isArray(v) ? String(v[0]) : String(v);
  }
  return undefined;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` until it succeeds, retrying transient failures.
 * The wait after a failure is `max(backoff, Retry-After)`.
 * @param what names the operation in messages, e.g. `GET /fapi/v1/klines ETHUSDT from 2025-06-20T00:00Z`.
 * @throws TransientError (exit 75) when the tries run out or `Retry-After` exceeds the policy;
 *   ConfigError (exit 78) for ccxt errors a retry cannot fix; other errors unchanged.
 */
export async function withRetry<T>(
  what: string,
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? realSleep;
  const transient = hooks.isTransient ?? isTransient;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!transient(e)) throw toHarnessError(e, what);
      const asked = hooks.retryAfterMs?.(e);
      if (asked !== undefined && asked > policy.maxRetryAfterMs) {
        throw new TransientError(
          `${what}: the exchange asks to wait ${Math.round(asked / 1000)} s (rate limit or IP ban): ${shortMessage(e, 160)}; wait and rerun`,
          { cause: e },
        );
      }
      if (attempt >= policy.attempts) {
        throw new TransientError(
          `${what}: failed ${attempt} times, last: ${shortMessage(e, 160)}; the exchange or the network is failing: rerun later`,
          { cause: e },
        );
      }
      const delayMs = Math.max(backoffDelay(attempt, policy), asked ?? 0);
      hooks.onRetry?.({ what, attempt, delayMs, error: e });
      await sleep(delayMs);
    }
  }
}

/**
 * A {@link RetryHooks.retryAfterMs} for 429/418/503-style errors: the `Retry-After` the exchange
 * gate recorded for this very error (exchange-ban.ts), else the header of the exchange's last
 * response (ccxt keeps it on `last_response_headers`).
 */
export function retryAfterFromExchange(ex: {
  readonly last_response_headers?: unknown;
}): (error: unknown) => number | undefined {
  return (error) => {
    const ban = banOf(error);
    if (ban !== undefined) return ban.retryAfterMs;
    return mayCarryRetryAfter(error)
      ? parseRetryAfter(headerValue(ex.last_response_headers, BINANCE_USDM.retryAfterHeader))
      : undefined;
  };
}
