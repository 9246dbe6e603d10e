/**
 * Exchange quirks as data, not branches (STYLE principle 8). coinbot talks to exactly one
 * exchange class, ccxt `binanceusdm`; everything the code needs to know about its limits and
 * conventions sits in {@link BINANCE_USDM} and is read from there, never hard-coded at call sites.
 */

/** What coinbot relies on about one exchange. Times in ms, limits in rows per request. */
export interface ExchangeCapabilities {
  /** The only ccxt class id coinbot constructs. */
  readonly ccxtId: 'binanceusdm';
  /** `options.defaultType` values that mean USDT-M futures: current ccxt says `swap`, older builds `future`. */
  readonly futuresDefaultTypes: readonly string[];
  /** The settle (and quote) currency of every market coinbot trades. */
  readonly settle: 'USDT';
  /** Keys of `exchange.urls.api` that hold USDT-M endpoints; an `--exchange-url` override rewrites these (and, defensively, every other key). */
  readonly apiUrlKeyPrefix: 'fapi';
  /** Most candles one `GET /fapi/v1/klines` returns (`limit` max). */
  readonly ohlcvLimit: number;
  /** Candles returned when `limit` is omitted. */
  readonly ohlcvDefaultLimit: number;
  /** Most events one `GET /fapi/v1/fundingRate` returns (`limit` max). */
  readonly fundingLimit: number;
  /** Events returned when `limit` is omitted. */
  readonly fundingDefaultLimit: number;
  /**
   * Funding intervals seen on this exchange, hours. Intervals differ per symbol and change over
   * time, so code stores each event's own time and never assumes one interval.
   */
  readonly fundingIntervalsH: readonly number[];
  /** Binance stamps a funding event a few ms after the hour; times are floored to this step (ms) on the way in. */
  readonly fundingTimeFloorMs: number;
  /** Response header holding the seconds to wait after a 429/418. */
  readonly retryAfterHeader: string;
  /** Binance kline rows: index of open time, OHLCV and close time (ms, inclusive end). */
  readonly klineColumns: {
    readonly openTime: 0;
    readonly open: 1;
    readonly high: 2;
    readonly low: 3;
    readonly close: 4;
    readonly volume: 5;
    readonly closeTime: 6;
  };
  /** Reduce-only orders are accepted (for the bracket in live mode). */
  readonly supportsReduceOnly: boolean;
  /** ccxt parameter carrying a stop order's trigger price. */
  readonly stopOrderParam: string;
  /** ccxt options the factory sets so that `loadMarkets()` calls only `GET /fapi/v1/exchangeInfo`. */
  readonly ccxtOptions: Readonly<Record<string, unknown>>;
  /** `recvWindow` of every signed request, ms: how long after its `timestamp` Binance still accepts it. */
  readonly recvWindowMs: number;
  /** How often one request is re-signed after a fresh time sync when Binance answers {@link BinanceErrorCodes.timestamp}. */
  readonly timestampRetries: number;
  /** Binance error codes the order and transport code branch on. */
  readonly errorCodes: BinanceErrorCodes;
  /** Codes for an order the exchange refused for what it is (never retried). */
  readonly refusedCodes: readonly number[];
  /** Codes meaning "no such order" (query) or "not open any more" (cancel). */
  readonly notFoundCodes: readonly number[];
  /** Codes of server-side trouble a retry may fix (unknown/internal errors, timeouts, overload). */
  readonly transientCodes: readonly number[];
  /** Origin of Binance's USDT-M futures demo-trading environment (`--testnet`), reached through ccxt `enableDemoTrading(true)`. */
  readonly testnetOrigin: string;
}

/** Named Binance USDT-M error codes (the `code` of an error body `{"code":-2013,"msg":...}`). */
export interface BinanceErrorCodes {
  /** -2013 Order does not exist. */
  readonly orderNotFound: number;
  /** -2011 Unknown order sent (cancel of an order that is not open). */
  readonly unknownOrder: number;
  /** -2021 Order would immediately trigger. */
  readonly wouldTrigger: number;
  /** -2022 ReduceOnly order is rejected. */
  readonly reduceOnlyRejected: number;
  /** -4116 ClientOrderId is duplicated. */
  readonly duplicateClientId: number;
  /** -4120 Order type not supported for this endpoint (conditional orders belong to the Algo Order API). */
  readonly conditionalOnOrderApi: number;
  /** -4130 An open stop or take-profit order with closePosition exists in this direction. */
  readonly closePositionExists: number;
  /** -2019 Margin is insufficient. */
  readonly insufficientMargin: number;
  /** -4164 Order's notional must be no smaller than the minimum. */
  readonly maxNotional: number;
  /** -1021 Timestamp for this request is outside of the recvWindow (ccxt `InvalidNonce`). */
  readonly timestamp: number;
  /** -1007 Timeout waiting for the backend: the order's outcome is unknown. */
  readonly unknownOutcome: number;
  /** -1003 Too many requests (comes with 429/418 and `Retry-After`). */
  readonly tooManyRequests: number;
}

const RECV_WINDOW_MS = 5_000;

/** Binance USDT-M perpetual futures through ccxt `binanceusdm` (ccxt 4.5.x). */
export const BINANCE_USDM: ExchangeCapabilities = {
  ccxtId: 'binanceusdm',
  futuresDefaultTypes: ['swap', 'future'],
  settle: 'USDT',
  apiUrlKeyPrefix: 'fapi',
  ohlcvLimit: 1500,
  ohlcvDefaultLimit: 500,
  fundingLimit: 1000,
  fundingDefaultLimit: 100,
  fundingIntervalsH: [1, 2, 4, 8],
  fundingTimeFloorMs: 60_000,
  retryAfterHeader: 'Retry-After',
  klineColumns: { openTime: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, closeTime: 6 },
  supportsReduceOnly: true,
  stopOrderParam: 'stopPrice',
  ccxtOptions: {
    defaultType: 'swap',
    defaultSubType: 'linear',
    // Only USDT-M markets: no /api/v3 (spot), /dapi (coin-M) or /eapi (options) requests.
    fetchMarkets: { types: ['linear'], loadAllOptions: false },
    // With API keys set, ccxt would otherwise call /sapi/v1/capital/config/getall on loadMarkets().
    fetchCurrencies: false,
    fetchMargins: false,
    // No /fapi/v1/time call inside loadMarkets(): the exchange gate (exchange-gate.ts) sets
    // options.timeDifference from every GET /fapi/v1/time answer, and ccxt signs with it.
    adjustForTimeDifference: false,
    recvWindow: RECV_WINDOW_MS,
  },
  recvWindowMs: RECV_WINDOW_MS,
  timestampRetries: 2,
  errorCodes: {
    orderNotFound: -2013,
    unknownOrder: -2011,
    wouldTrigger: -2021,
    reduceOnlyRejected: -2022,
    duplicateClientId: -4116,
    conditionalOnOrderApi: -4120,
    closePositionExists: -4130,
    insufficientMargin: -2019,
    maxNotional: -4164,
    timestamp: -1021,
    unknownOutcome: -1007,
    tooManyRequests: -1003,
  },
  refusedCodes: [
    -2022, -2019, -2021, -4164, -4014, -4013, -1111, -4003, -1102, -1106, -1116, -1117, -4120, -4131, -4130,
  ],
  notFoundCodes: [-2013, -2011],
  transientCodes: [-1000, -1001, -1003, -1006, -1007, -1008],
  testnetOrigin: 'https://demo-fapi.binance.com',
};
