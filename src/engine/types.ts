/**
 * Plain, readonly data types shared by the data layer, the simulator, the strategy and live
 * mode. Times are integer ms UTC; prices in quote currency (USDT); amounts in base units.
 */
import type { PerpSymbol } from './symbols.js';

/** One OHLCV candle, named by its open time `ts` (ms UTC). `volume` is in base units. */
export interface Candle {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Which price series a candle file holds: exchange last-trade prices or mark prices. */
export type CandleKind = 'last' | 'mark';

/**
 * A column-oriented run of candles of one symbol and timeframe, sorted by strictly increasing
 * open time. Columns are typed arrays of equal `length`; `ts` holds integer ms UTC.
 * Mark-price series have `volume` filled with NaN (the exchange publishes none).
 */
export interface CandleSeries {
  readonly symbol: PerpSymbol;
  readonly timeframe: string;
  readonly kind: CandleKind;
  readonly length: number;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Funding events of one symbol, sorted by time: `ts` is the funding time (ms UTC), `rate` a fraction (0.0001 = 0.01 %). */
export interface FundingSeries {
  readonly symbol: PerpSymbol;
  readonly length: number;
  readonly ts: Float64Array;
  readonly rate: Float64Array;
}

/**
 * Contract facts of one market from Binance `exchangeInfo`: the tick (price increment, USDT),
 * the step (amount increment, base units), the minimum amount and the minimum notional (USDT).
 */
export interface MarketFacts {
  readonly symbol: PerpSymbol;
  /** Binance market id, e.g. `BTCUSDT`. */
  readonly id: string;
  readonly contractType: string;
  readonly status: string;
  readonly tickSize: number;
  readonly stepSize: number;
  readonly minQty: number;
  readonly minNotional: number;
  /** serverTime of the exchangeInfo capture these facts come from (ms UTC). */
  readonly asOf: number;
}
