/**
 * `coinbot fetch --since cached`: the incremental fetch the scheduled re-evaluation runs on the
 * live host. Each symbol resumes from its last cached candle, and the first 418/429 ends the run
 * (exit 75) instead of being waited out: the fetch shares the IP's request weight with the live
 * units, which must keep theirs. The next run resumes where this one stopped.
 */
import { hasCandles, readCandles } from '../../engine/data/candle-store.js';
import { ConfigError, TransientError } from '../../engine/errors.js';
import { banOf } from '../../engine/exchange/exchange-ban.js';
import { errorClassNames } from '../../engine/exchange/ccxt-errors.js';
import { baseOf, type PerpSymbol } from '../../engine/symbols.js';
import { parseInstant } from '../../engine/time.js';

/** The `--since` value that selects the incremental mode. */
export const SINCE_CACHED = 'cached';

/**
 * The first candle to fetch for `symbol`: `--since` parsed, or with `cached` the open time of the
 * last cached candle (refetched: it may have been stored before it closed elsewhere).
 * @throws ConfigError (exit 78) for `cached` with nothing cached yet.
 */
export function sinceFor(arg: string, dataDir: string, symbol: PerpSymbol, timeframe: string): number {
  if (arg !== SINCE_CACHED) return parseInstant(arg, '--since');
  if (!hasCandles(dataDir, symbol, timeframe))
    throw new ConfigError(
      `--since cached: no ${timeframe} candles of ${symbol} in ${dataDir}; fetch once with --since <date> (e.g. coinbot fetch --symbol ${baseOf(symbol)} --since 2025-06-01 --data-dir ${dataDir})`,
    );
  const s = readCandles(dataDir, symbol, timeframe);
  return s.ts[s.length - 1] as number;
}

/** True for an error the exchange answered with 418 or 429. */
export function isBan(e: unknown): boolean {
  return banOf(e) !== undefined || errorClassNames(e).some((n) => n === 'DDoSProtection' || n === 'RateLimitExceeded');
}

/**
 * Wraps a retry hook so that the first 418/429 ends the fetch with exit 75.
 * @throws TransientError from the returned hook on a ban.
 */
export function stopAtFirstBan<E extends { what: string; error: unknown }>(onRetry: (e: E) => void): (e: E) => void {
  return (e) => {
    if (isBan(e.error)) {
      const ban = banOf(e.error);
      throw new TransientError(
        `${e.what}: the exchange answered ${ban?.status ?? '418/429'}: stopped at the first rate limit (the live units share this IP's request weight); the next run resumes from the cache`,
        { cause: e.error },
      );
    }
    onRetry(e);
  };
}
