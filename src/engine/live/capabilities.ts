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
}

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
    // coinbot measures time against /fapi/v1/time itself where it matters.
    adjustForTimeDifference: false,
  },
};
