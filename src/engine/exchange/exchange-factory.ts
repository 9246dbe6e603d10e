/**
 * The one door to the exchange: builds ccxt `binanceusdm` (and nothing else), configured so that
 * `loadMarkets()` calls only `GET /fapi/v1/exchangeInfo`, with the rate limiter on, an optional
 * base-URL override for testnets, proxies and the loopback fake, and API keys only from
 * {@link loadApiKeys}. ccxt (67 MB, ~1.5 s to import) is imported lazily here.
 *
 * Run the start-up guard (`guard.ts`) on the result before any other request.
 */
import type { binanceusdm } from 'ccxt';
import { ConfigError, UsageError } from '../errors.js';
import type { ApiKeys } from './api-keys.js';
import { BINANCE_USDM } from './capabilities.js';
import { installExchangeGate, type ExchangeGateOptions, type GateableExchange } from './exchange-gate.js';

/** The ccxt exchange class coinbot uses. */
export type UsdmExchange = binanceusdm;

/** Environment variable holding the base-URL override. */
export const EXCHANGE_URL_ENV = 'COINBOT_EXCHANGE_URL';

/** Options of {@link createExchange}. */
export interface ExchangeFactoryOptions {
  /** Base URL (`http://127.0.0.1:PORT`, `https://testnet.binancefuture.com`) replacing scheme and host of every API URL; see {@link resolveExchangeUrl}. */
  readonly exchangeUrl?: string | undefined;
  /** Credentials; omit for public endpoints (fetch, doctor, paper mode). */
  readonly keys?: ApiKeys | undefined;
  /** Per-request timeout, ms (ccxt default 10 000). */
  readonly timeoutMs?: number | undefined;
  /** ccxt's rate-limit unit, ms per weight point (Binance default 50). The limiter is always on. */
  readonly rateLimitMs?: number | undefined;
  /**
   * Binance's USDT-M futures demo-trading environment (`--testnet`) through ccxt's
   * `enableDemoTrading(true)`. Also chosen when `exchangeUrl` is {@link BINANCE_USDM}.testnetOrigin.
   * @throws UsageError from {@link createExchange} together with any other `exchangeUrl`.
   */
  readonly testnet?: boolean | undefined;
  /** Ban gate and time sync hooks (clock, sleep, abort signal, `onBan`); see exchange-gate.ts. */
  readonly gate?: ExchangeGateOptions | undefined;
}

/**
 * Picks the base-URL override: the flag value, else `COINBOT_EXCHANGE_URL`, else none.
 * @returns the origin (`scheme://host[:port]`) or undefined.
 * @throws ConfigError (exit 78) when the value is not an http(s) URL without path, query or credentials.
 */
export function resolveExchangeUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = flag ?? (env[EXCHANGE_URL_ENV] || undefined);
  if (raw === undefined) return undefined;
  const where = flag === undefined ? EXCHANGE_URL_ENV : '--exchange-url';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(
      `${where} '${raw}' is not a URL; write scheme and host only, e.g. http://127.0.0.1:8080 or https://testnet.binancefuture.com`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new ConfigError(`${where} '${raw}': scheme must be http or https`);
  if ((u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.hash !== '') {
    throw new ConfigError(
      `${where} '${raw}': give scheme and host only; coinbot keeps Binance's paths (/fapi/v1/...) itself`,
    );
  }
  if (u.username !== '' || u.password !== '')
    throw new ConfigError(
      `${where}: credentials in the URL are not allowed; use BINANCE_API_KEY/BINANCE_API_SECRET or a key file`,
    );
  return u.origin;
}

/**
 * Replaces scheme and host of every URL in a ccxt `urls.api` map by `origin`, keeping each path.
 * The USDT-M keys (`fapi*`) are the ones coinbot uses; every other key (spot `public`, `sapi`,
 * `dapi*`, `eapi*`, `papi*`) is rewritten too, so a stray request goes to the override and fails
 * there instead of reaching production with testnet keys. Pure: returns a new map.
 */
export function rewriteApiUrls<T>(api: T, origin: string): T {
  if (typeof api === 'string') {
    const u = new URL(api);
    return `${origin}${u.pathname}` as T;
  }
  if (typeof api === 'object' && api !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(api)) out[k] = rewriteApiUrls(v, origin);
    return out as T;
  }
  return api;
}

/**
 * Refuses `--testnet` together with `--exchange-url` (two answers to "which exchange").
 * @throws UsageError (exit 2).
 */
export function checkTestnetFlags(testnet: boolean | undefined, exchangeUrl: string | undefined): void {
  if (testnet === true && exchangeUrl !== undefined && exchangeUrl !== BINANCE_USDM.testnetOrigin)
    throw new UsageError(
      `--testnet and --exchange-url ${exchangeUrl} (or COINBOT_EXCHANGE_URL) name two exchanges; give one of them`,
    );
}

/**
 * Builds `ccxt.binanceusdm` with coinbot's options (see {@link BINANCE_USDM}.ccxtOptions) and
 * installs the exchange gate on it (bans waited out for every caller, signing on exchange time,
 * -1021 resynced and retried; read it with `exchangeGate(ex)`).
 * No request is made here. Side effect: imports ccxt on first call.
 * @example
 * const ex = await createExchange({ exchangeUrl: resolveExchangeUrl(args.exchangeUrl) });
 * const [market] = await runStartupGuard(ex, [normaliseSymbol('ETH')]);
 */
export async function createExchange(opts: ExchangeFactoryOptions = {}): Promise<UsdmExchange> {
  const ccxt = await import('ccxt');
  const ex = new ccxt.binanceusdm({
    enableRateLimit: true,
    ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
    ...(opts.rateLimitMs === undefined ? {} : { rateLimit: opts.rateLimitMs }),
    options: { ...BINANCE_USDM.ccxtOptions },
  });
  if (opts.keys !== undefined) {
    ex.apiKey = opts.keys.apiKey;
    ex.secret = opts.keys.secret;
  }
  const origin = opts.exchangeUrl === undefined ? undefined : (resolveExchangeUrl(opts.exchangeUrl, {}) as string);
  checkTestnetFlags(opts.testnet, origin);
  if (opts.testnet === true || origin === BINANCE_USDM.testnetOrigin) {
    // demo-fapi.binance.com; ccxt's futures sandbox (testnet.binancefuture.com) throws NotSupported
    // on signed requests in 4.5.84 (see docs/testnet-rehearsal.md).
    ex.enableDemoTrading(true);
  } else if (origin !== undefined) {
    ex.urls = { ...ex.urls, api: rewriteApiUrls(ex.urls.api, origin) };
  }
  installExchangeGate(ex as unknown as GateableExchange, opts.gate);
  return ex;
}
