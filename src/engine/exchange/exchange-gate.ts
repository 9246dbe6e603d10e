/**
 * The exchange gate: one choke point on the ccxt instance through which every implicit-API call
 * passes (ccxt's `fetch2`, which `request()` and every `fapi*` method call). It
 *
 * - holds every request while an IP ban or rate-limit wait is running: after a 418/429 it
 *   records `bannedUntil = now + Retry-After`, and any request before that time (on any path,
 *   from any caller: candle feed, venue sync, order sends, start-up) sleeps until then first;
 * - keeps ccxt's signing clock on the exchange's: every `GET /fapi/v1/time` answer sets
 *   `options.timeDifference` (ccxt's `nonce()` is `milliseconds() − timeDifference`), and a
 *   -1021 ("Timestamp for this request is outside of the recvWindow") answer triggers a time
 *   sync and a re-signed retry, at most {@link BINANCE_USDM}.timestampRetries times.
 *
 * The gate rethrows the exchange's errors unchanged, so callers keep their classification.
 */
import { AbortedError } from '../errors.js';
import { BINANCE_USDM } from './capabilities.js';
import { errorClassNames } from './ccxt-errors.js';
import { recordBan, type BanInfo } from './exchange-ban.js';
import { isTimestampError, timeDifferenceFrom } from './exchange-time.js';
import { headerValue, parseRetryAfter } from './retry.js';
import { abortableSleep } from './wall-clock.js';

type Fetch2 = (
  path: string,
  api?: unknown,
  method?: string,
  params?: unknown,
  headers?: unknown,
  body?: unknown,
  config?: unknown,
) => Promise<unknown>;
type Fetch = (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;

/** The parts of a ccxt exchange the gate wraps and reads. */
export interface GateableExchange {
  fetch2: Fetch2;
  fetch: Fetch;
  options: Record<string, unknown>;
  urls: { api?: unknown };
  readonly last_response_headers?: unknown;
  milliseconds(): number;
  fapiPublicGetTime(params?: Record<string, unknown>): Promise<unknown>;
}

/** Options of {@link installExchangeGate}. Times ms. */
export interface ExchangeGateOptions {
  /** Local clock for ban bookkeeping, ms UTC (default `Date.now`). Signing always uses ccxt's own clock. */
  readonly now?: () => number;
  /** Waits `ms` or until `signal` aborts (default: a real abortable timer). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborts a ban wait: the waiting request rejects with {@link AbortedError}. */
  readonly signal?: AbortSignal | undefined;
  /** Called once per 418/429 that carried `Retry-After` (for alerts and logs). */
  readonly onBan?: (ban: BanInfo) => void;
  /** Called after each time sync with the new `timeDifference` (local − exchange, ms). */
  readonly onTimeSync?: (timeDifferenceMs: number) => void;
}

/** The gate's state and controls, see {@link exchangeGate}. */
export interface ExchangeGate {
  /** End of the current ban (local ms UTC), or undefined when requests may go now. */
  bannedUntilMs(): number | undefined;
  /** ccxt's signing offset: local clock minus exchange clock, ms. */
  timeDifferenceMs(): number;
  /** Sends `GET /fapi/v1/time` and sets the signing offset from it. @returns the new offset, ms. */
  syncTime(): Promise<number>;
  /** Replaces the signal that aborts ban waits (e.g. the process's SIGTERM signal). */
  setSignal(signal: AbortSignal | undefined): void;
}

const gates = new WeakMap<object, ExchangeGate>();

/** The gate installed on `ex` by {@link installExchangeGate} (createExchange always installs one). */
export function exchangeGate(ex: object): ExchangeGate | undefined {
  return gates.get(ex);
}

/** 418 or 429 when `e` is ccxt's DDoSProtection for that HTTP status (binance.js `handleErrors`). */
export function banStatusOf(e: unknown): 418 | 429 | undefined {
  const names = errorClassNames(e);
  if (!names.includes('DDoSProtection') && !names.includes('RateLimitExceeded')) return undefined;
  const m = /\s(418|429)\s/.exec(` ${e instanceof Error ? e.message : String(e)} `);
  return m ? (Number(m[1]) as 418 | 429) : undefined;
}

function pathOf(ex: GateableExchange, api: unknown, path: string): string {
  const base = (ex.urls.api as Record<string, unknown> | undefined)?.[String(api)];
  try {
    return new URL(`${String(base)}/${path}`).pathname;
  } catch {
    return `${String(api)} ${path}`;
  }
}

const isTimeUrl = (url: string): boolean => url.split('?')[0]?.endsWith('/fapi/v1/time') === true;

/** Wraps `ex.fetch` so that every `GET /fapi/v1/time` answer sets ccxt's signing offset. */
function wrapTimeSync(ex: GateableExchange, onTimeSync: ((timeDifferenceMs: number) => void) | undefined): void {
  const innerFetch = ex.fetch.bind(ex);
  ex.fetch = async (url, method, headers, body) => {
    const sentAt = ex.milliseconds();
    const answer = await innerFetch(url, method, headers, body);
    const serverTime = Number((answer as { serverTime?: unknown } | null)?.serverTime);
    if (isTimeUrl(url) && Number.isFinite(serverTime) && serverTime > 0) {
      ex.options.timeDifference = timeDifferenceFrom(serverTime, sentAt, ex.milliseconds());
      onTimeSync?.(ex.options.timeDifference as number);
    }
    return answer;
  };
}

/**
 * Wraps `ex.fetch2` and `ex.fetch` (instance properties; the class is untouched) with the gate.
 * Side effects: replaces those two methods on `ex`; writes `ex.options.timeDifference`.
 * @returns the gate, also reachable later through {@link exchangeGate}.
 */
export function installExchangeGate(ex: GateableExchange, opts: ExchangeGateOptions = {}): ExchangeGate {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? abortableSleep;
  let signal = opts.signal;
  let until: number | undefined;

  wrapTimeSync(ex, opts.onTimeSync);

  const waitOutBan = async (): Promise<void> => {
    for (;;) {
      // Only a wait for a ban is cut short by shutdown: requests themselves must still go out
      // (the last protection pass after SIGTERM places stops).
      if (until === undefined || now() >= until) return;
      if (signal?.aborted === true) throw new AbortedError('request abandoned: shutting down during an exchange ban');
      await sleep(until - now(), signal);
    }
  };

  const noteBan = (e: unknown, path: string): void => {
    const status = banStatusOf(e);
    if (status === undefined) return;
    const retryAfterMs = parseRetryAfter(headerValue(ex.last_response_headers, BINANCE_USDM.retryAfterHeader), now());
    if (retryAfterMs === undefined) return;
    const info: BanInfo = { status, retryAfterMs, untilMs: now() + retryAfterMs, path };
    until = Math.max(until ?? 0, info.untilMs);
    recordBan(e, info);
    opts.onBan?.(info);
  };

  const gate: ExchangeGate = {
    bannedUntilMs: () => (until !== undefined && now() < until ? until : undefined),
    timeDifferenceMs: () => Number(ex.options.timeDifference ?? 0),
    syncTime: async () => {
      await ex.fapiPublicGetTime();
      return gate.timeDifferenceMs();
    },
    setSignal: (s) => {
      signal = s;
    },
  };

  const innerFetch2 = ex.fetch2.bind(ex);
  ex.fetch2 = async (path, api, method, params, headers, body, config) => {
    for (let resync = 0; ; resync++) {
      await waitOutBan();
      try {
        return await innerFetch2(path, api, method, params, headers, body, config);
      } catch (e) {
        noteBan(e, pathOf(ex, api, path));
        if (!isTimestampError(e) || resync >= BINANCE_USDM.timestampRetries) throw e;
        await gate.syncTime();
      }
    }
  };
  gates.set(ex, gate);
  return gate;
}
