/**
 * The start-up guard: runs before anything else touches the network for a symbol and stops a
 * wrong setup with one clear line instead of an error deep inside ccxt (the incident: spot
 * `ccxt.binance` with futures symbols → `KeyError: 'id'`, hidden by `Restart=always`).
 *
 * Order of checks (each its own error class in `guard-errors.ts`):
 * 1. before any request: the exchange id is `binanceusdm`; `options.defaultType` means futures
 *    (`swap` in current ccxt, `future` in older builds);
 * 2. markets load (retried; failure = exit 75) and are not empty;
 * 3. per symbol: listed in `exchange.markets`; `market(symbol).id` present; type swap; linear;
 *    settled in USDT; perpetual (no expiry, Binance contractType PERPETUAL).
 */
import { HarnessError, TransientError } from '../errors.js';
import type { PerpSymbol } from '../symbols.js';
import { BINANCE_USDM } from './capabilities.js';
import { ExchangeResponseError, isConfigFailure, shortMessage } from './ccxt-errors.js';
import {
  MarketIdMissingError,
  MarketsUnavailableError,
  NotLinearMarketError,
  NotPerpetualError,
  NotSwapMarketError,
  SymbolNotListedError,
  WrongDefaultTypeError,
  WrongExchangeClassError,
  WrongSettleCurrencyError,
} from './guard-errors.js';
import { retryAfterFromExchange, withRetry, type RetryHooks, type RetryPolicy } from './retry.js';

/** The fields of a ccxt market the guard reads. */
export interface GuardMarket {
  readonly id?: string | undefined;
  readonly type?: string | undefined;
  readonly swap?: boolean | undefined;
  readonly linear?: boolean | undefined;
  readonly settle?: string | undefined;
  readonly contract?: boolean | undefined;
  readonly expiry?: number | undefined | null;
  readonly info?: unknown;
}

/** What the guard needs of a ccxt exchange (any class, so a wrong one can be refused). */
export interface GuardExchange {
  readonly id: string;
  readonly options: Record<string, unknown>;
  readonly markets?: Readonly<Record<string, unknown>> | undefined;
  readonly last_response_headers?: unknown;
  loadMarkets(reload?: boolean): Promise<unknown>;
  market(symbol: string): GuardMarket;
}

/** A symbol that passed the guard, with its Binance market id (e.g. `ETHUSDT`). */
export interface GuardedMarket {
  readonly symbol: PerpSymbol;
  readonly id: string;
}

/** Retry used while loading markets at start-up: 3 tries, 0.5 s then 1 s. */
export const GUARD_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 };

/**
 * The checks that need no request: exchange class and default type.
 * @throws WrongExchangeClassError, WrongDefaultTypeError (exit 78).
 */
export function checkExchangeClass(ex: GuardExchange): void {
  if (ex.id !== BINANCE_USDM.ccxtId) throw new WrongExchangeClassError(ex.id);
  const t = ex.options.defaultType;
  if (typeof t !== 'string' || !BINANCE_USDM.futuresDefaultTypes.includes(t)) throw new WrongDefaultTypeError(t);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = Math.min(up + 1, (row[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length] as number;
}

function closestListed(symbol: string, markets: Readonly<Record<string, unknown>>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const s of Object.keys(markets)) {
    if (!s.endsWith('/USDT:USDT')) continue;
    const d = editDistance(symbol, s);
    if (d < bestD || (d === bestD && best !== undefined && s < best)) {
      best = s;
      bestD = d;
    }
  }
  return best;
}

/**
 * The per-symbol checks, on loaded markets. No request.
 * @throws SymbolNotListedError, MarketIdMissingError, NotSwapMarketError, NotLinearMarketError,
 *   WrongSettleCurrencyError, NotPerpetualError (all exit 78).
 */
export function checkMarket(ex: GuardExchange, symbol: PerpSymbol): GuardedMarket {
  const markets = ex.markets ?? {};
  if (!Object.prototype.hasOwnProperty.call(markets, symbol)) {
    throw new SymbolNotListedError(symbol, Object.keys(markets).length, closestListed(symbol, markets));
  }
  const m = ex.market(symbol);
  if (typeof m.id !== 'string' || m.id === '') throw new MarketIdMissingError(symbol);
  if (m.type !== 'swap' || m.swap !== true) throw new NotSwapMarketError(symbol, m.type);
  if (m.linear !== true) throw new NotLinearMarketError(symbol);
  if (m.settle !== BINANCE_USDM.settle) throw new WrongSettleCurrencyError(symbol, m.settle);
  const contractType = (m.info as { contractType?: unknown } | undefined)?.contractType;
  if (m.contract !== true || (m.expiry !== undefined && m.expiry !== null)) {
    throw new NotPerpetualError(symbol, `expiry ${String(m.expiry)}`);
  }
  if (contractType !== undefined && contractType !== 'PERPETUAL')
    throw new NotPerpetualError(symbol, `Binance contractType ${String(contractType)}`);
  return { symbol, id: m.id };
}

/**
 * Loads markets once (retrying transient failures), refusing an empty answer.
 * @throws MarketsUnavailableError (exit 75) when they cannot be loaded; ConfigError (78) when
 *   the exchange refuses the credentials.
 */
export async function loadMarketsGuarded(
  ex: GuardExchange,
  policy: RetryPolicy = GUARD_RETRY,
  hooks: RetryHooks = {},
): Promise<void> {
  try {
    await withRetry(
      'load markets (GET /fapi/v1/exchangeInfo)',
      async (attempt) => {
        // ccxt caches a failed load; a retry must force a reload.
        await ex.loadMarkets(attempt > 1);
        if (ex.markets === undefined || Object.keys(ex.markets).length === 0) {
          throw new ExchangeResponseError('exchangeInfo answered without any market');
        }
      },
      policy,
      // Anything but a refusal of our credentials counts as transient here: a garbled
      // exchangeInfo can make ccxt's parser throw plain TypeErrors.
      {
        retryAfterMs: retryAfterFromExchange(ex),
        isTransient: (e) => e instanceof TransientError || (!(e instanceof HarnessError) && !isConfigFailure(e)),
        ...hooks,
      },
    );
  } catch (e) {
    if (e instanceof HarnessError && e.exitCode !== 75) throw e;
    const cause = e instanceof HarnessError && e.cause !== undefined ? e.cause : e;
    throw new MarketsUnavailableError(shortMessage(cause, 200), e);
  }
}

/**
 * Runs the whole guard for `symbols`: class and type before any request, then markets, then
 * each symbol. Resolves to the guarded markets in the order given.
 * @throws a guard error (see `guard-errors.ts`): exit 78 for configuration, 75 for transient.
 * @example
 * const ex = await createExchange();
 * const [eth] = await runStartupGuard(ex, [normaliseSymbol('ETH')]); // eth.id === 'ETHUSDT'
 */
export async function runStartupGuard(
  ex: GuardExchange,
  symbols: readonly PerpSymbol[],
  opts: { retry?: RetryPolicy; hooks?: RetryHooks } = {},
): Promise<GuardedMarket[]> {
  checkExchangeClass(ex);
  await loadMarketsGuarded(ex, opts.retry, opts.hooks);
  return symbols.map((s) => checkMarket(ex, s));
}
