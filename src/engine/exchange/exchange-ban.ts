/**
 * What one 418/429 said: how long the exchange asked us to stay away. The exchange gate records
 * a {@link BanInfo} for the ccxt error it saw, so code further up (start-up retry, back-off
 * hooks) can read the ban from any error whose `cause` chain leads to that error, even after
 * `last_response_headers` has been overwritten by a later request.
 */

/** One ban. Times are the gate's local clock, ms UTC; durations ms. */
export interface BanInfo {
  /** HTTP status: 418 (IP ban) or 429 (rate limit). */
  readonly status: 418 | 429;
  /** The exchange's `Retry-After`, ms. */
  readonly retryAfterMs: number;
  /** When requests may resume (local ms UTC). */
  readonly untilMs: number;
  /** Binance path of the request that was refused, e.g. `/fapi/v1/klines` (best effort). */
  readonly path: string;
}

const bans = new WeakMap<object, BanInfo>();

/** Remembers `info` for `error`. Side effect: module-level weak map (no leak: keyed weakly). */
export function recordBan(error: unknown, info: BanInfo): void {
  if (typeof error === 'object' && error !== null) bans.set(error, info);
}

/** The ban recorded for `error` or for any error in its `cause` chain, if any. Pure. */
export function banOf(error: unknown): BanInfo | undefined {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (typeof e === 'object' && e !== null && !seen.has(e)) {
    const info = bans.get(e);
    if (info !== undefined) return info;
    seen.add(e);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
