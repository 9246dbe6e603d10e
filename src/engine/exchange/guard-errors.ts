/**
 * The start-up guard's typed errors: one class per check, each with a one-line message naming
 * the check and the fix. Configuration failures (a restart cannot fix them) are
 * {@link ConfigError}s, exit 78 (EX_CONFIG; systemd `RestartPreventExitStatus=78`); failing to
 * load markets is a {@link TransientError}, exit 75 (EX_TEMPFAIL; systemd restarts).
 */
import { ConfigError, TransientError } from '../errors.js';

/** Names of the guard's checks, in the order they run. */
export type GuardCheck =
  | 'exchange-class'
  | 'default-type'
  | 'markets-loaded'
  | 'symbol-listed'
  | 'market-id'
  | 'swap-market'
  | 'linear'
  | 'usdt-settled'
  | 'perpetual';

/** Every guard check, in order (for check lists such as `coinbot doctor`). */
export const GUARD_CHECKS: readonly GuardCheck[] = [
  'exchange-class',
  'default-type',
  'markets-loaded',
  'symbol-listed',
  'market-id',
  'swap-market',
  'linear',
  'usdt-settled',
  'perpetual',
];

/** The exchange object is not ccxt `binanceusdm` (the incident: spot `binance` with futures symbols). Exit 78. */
export class WrongExchangeClassError extends ConfigError {
  readonly check: GuardCheck = 'exchange-class';
  constructor(id: string) {
    super(
      `guard exchange-class: exchange is ccxt '${id}', not 'binanceusdm'; coinbot trades USDT-M perpetuals only through ccxt.binanceusdm (the spot class caused the KeyError 'id' incident): build it with createExchange()`,
    );
  }
}

/** `options.defaultType` is not a futures type (`swap` or `future`). Exit 78. */
export class WrongDefaultTypeError extends ConfigError {
  readonly check: GuardCheck = 'default-type';
  constructor(defaultType: unknown) {
    super(
      `guard default-type: exchange options.defaultType is '${String(defaultType)}', not a futures type (swap or future); set defaultType 'swap' or build the exchange with createExchange()`,
    );
  }
}

/** Markets could not be loaded (unreachable, 5xx, timeout, garbled exchangeInfo). Exit 75. */
export class MarketsUnavailableError extends TransientError {
  readonly check: GuardCheck = 'markets-loaded';
  constructor(detail: string, cause?: unknown) {
    super(
      `guard markets-loaded: could not load markets: ${detail}; the exchange or the network is failing, retry later (check --exchange-url / COINBOT_EXCHANGE_URL)`,
      { cause },
    );
  }
}

/** The symbol is not among the loaded markets. Exit 78. */
export class SymbolNotListedError extends ConfigError {
  readonly check: GuardCheck = 'symbol-listed';
  constructor(symbol: string, marketCount: number, suggestion?: string) {
    const hint = suggestion === undefined ? 'check the coin name' : `did you mean ${suggestion}?`;
    super(`guard symbol-listed: ${symbol} is not listed on Binance USDT-M (${marketCount} markets loaded); ${hint}`);
  }
}

/** ccxt has the symbol but no exchange id for it (`market(symbol).id` missing). Exit 78. */
export class MarketIdMissingError extends ConfigError {
  readonly check: GuardCheck = 'market-id';
  constructor(symbol: string) {
    super(
      `guard market-id: ccxt maps ${symbol} to no Binance market id (market(symbol).id is missing); use the pinned ccxt 4.5.84 (npm ci) and the binanceusdm class`,
    );
  }
}

/** The market is not a swap (e.g. spot or a dated future). Exit 78. */
export class NotSwapMarketError extends ConfigError {
  readonly check: GuardCheck = 'swap-market';
  constructor(symbol: string, type: unknown) {
    super(
      `guard swap-market: ${symbol} is a '${String(type)}' market, not a swap; coinbot trades perpetual swaps: use BASE/USDT:USDT`,
    );
  }
}

/** The market is not linear (an inverse, coin-margined contract). Exit 78. */
export class NotLinearMarketError extends ConfigError {
  readonly check: GuardCheck = 'linear';
  constructor(symbol: string) {
    super(
      `guard linear: ${symbol} is not a linear contract (inverse/coin-margined); coinbot trades USDT-margined contracts: use BASE/USDT:USDT`,
    );
  }
}

/** The market settles in something other than USDT. Exit 78. */
export class WrongSettleCurrencyError extends ConfigError {
  readonly check: GuardCheck = 'usdt-settled';
  constructor(symbol: string, settle: unknown) {
    super(
      `guard usdt-settled: ${symbol} settles in ${String(settle)}, not USDT; coinbot trades USDT-settled perpetuals: use BASE/USDT:USDT`,
    );
  }
}

/** The market expires (a dated/quarterly future) or is not a plain perpetual. Exit 78. */
export class NotPerpetualError extends ConfigError {
  readonly check: GuardCheck = 'perpetual';
  constructor(symbol: string, detail: string) {
    super(
      `guard perpetual: ${symbol} is not a perpetual (${detail}); coinbot trades perpetuals only: use BASE/USDT:USDT without an expiry`,
    );
  }
}
