/**
 * `GET /fapi/v1/fundingRate`: funding-rate history with Binance's semantics: `limit` default
 * 100, at most 1000; `startTime`/`endTime` inclusive; without `startTime` the latest events;
 * without `symbol` every market. Fields `symbol`, `fundingTime` (ms), `fundingRate` and
 * `markPrice` (strings); `markPrice` is the served 1m close at that time, or `""` if none.
 */
import { binanceError, intParam, isReply, type RouteGroup } from '../router.js';

/** Events returned when `limit` is omitted. */
export const FUNDING_DEFAULT_LIMIT = 100;
/** Largest accepted `limit`. */
export const FUNDING_MAX_LIMIT = 1000;

/** The funding-rate history endpoint. */
export const fundingRateRoutes: RouteGroup = [
  {
    method: 'GET',
    path: '/fapi/v1/fundingRate',
    handle: (req, ctx) => {
      const q = req.query;
      const symbol = q.get('symbol') || undefined;
      const startTime = intParam(q, 'startTime');
      const endTime = intParam(q, 'endTime');
      const limit = intParam(q, 'limit');
      for (const p of [startTime, endTime, limit]) if (isReply(p)) return p;
      const lim = (limit as number | undefined) ?? FUNDING_DEFAULT_LIMIT;
      if (lim < 1 || lim > FUNDING_MAX_LIMIT)
        return binanceError(400, -1130, "Data sent for parameter 'limit' is not valid.");
      if (symbol !== undefined && ctx.data.series(symbol) === undefined)
        return binanceError(400, -1121, 'Invalid symbol.');
      const events = ctx.data.funding(
        symbol,
        { startTime: startTime as number | undefined, endTime: endTime as number | undefined, limit: lim },
        ctx.clock.now(),
      );
      return {
        status: 200,
        json: events.map((e) => {
          const mark = ctx.data.closeAt(e.symbol, e.fundingTime);
          return {
            symbol: e.symbol,
            fundingTime: e.fundingTime,
            fundingRate: e.rate.toFixed(8),
            markPrice: mark === undefined ? '' : mark.toFixed(8),
          };
        }),
      };
    },
  },
];
