/**
 * `GET /fapi/v1/klines` with Binance's semantics: `symbol` and `interval` required; `limit`
 * default 500, at most 1500 (more is error -1130); `startTime`/`endTime` inclusive over open
 * times; without `startTime` the latest candles; the candle containing the fake clock's "now" is
 * still forming. Rows are Binance's 12 columns with prices and volumes as strings.
 * Columns 7–11 (quote volume, trades, taker volumes) are not in the source data and are served
 * as `"0"`/0 placeholders; coinbot ignores them.
 */
import { binanceError, intParam, isReply, type RouteGroup } from '../router.js';

/** Binance interval names → ms. */
const INTERVALS: Readonly<Record<string, number>> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
};

/** Candles returned when `limit` is omitted. */
export const KLINES_DEFAULT_LIMIT = 500;
/** Largest accepted `limit`. */
export const KLINES_MAX_LIMIT = 1500;

/** The klines endpoint. */
export const klinesRoutes: RouteGroup = [
  {
    method: 'GET',
    path: '/fapi/v1/klines',
    handle: (req, ctx) => {
      const q = req.query;
      const symbol = q.get('symbol');
      const interval = q.get('interval');
      if (!symbol)
        return binanceError(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
      if (!interval)
        return binanceError(400, -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.");
      const ms = INTERVALS[interval];
      if (ms === undefined) return binanceError(400, -1120, 'Invalid interval.');
      const startTime = intParam(q, 'startTime');
      const endTime = intParam(q, 'endTime');
      const limit = intParam(q, 'limit');
      for (const p of [startTime, endTime, limit]) if (isReply(p)) return p;
      const lim = (limit as number | undefined) ?? KLINES_DEFAULT_LIMIT;
      if (lim < 1 || lim > KLINES_MAX_LIMIT)
        return binanceError(400, -1130, "Data sent for parameter 'limit' is not valid.");
      const rows = ctx.data.klines(
        symbol,
        ms,
        { startTime: startTime as number | undefined, endTime: endTime as number | undefined, limit: lim },
        ctx.clock.now(),
      );
      if (rows === undefined) return binanceError(400, -1121, 'Invalid symbol.');
      return {
        status: 200,
        json: rows.map((c) => [
          c.openTime,
          String(c.open),
          String(c.high),
          String(c.low),
          String(c.close),
          String(c.volume),
          c.closeTime,
          '0',
          0,
          '0',
          '0',
          '0',
        ]),
      };
    },
  },
];
