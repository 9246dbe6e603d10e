/**
 * The harsh `positionLag` switch: `GET /fapi/v2/positionRisk` is one read behind a fill. The
 * first read of a symbol after a fill that changed its position answers the position before that
 * fill (the latest one, when several happened since the previous read); the next read is current.
 */
import { harshOf } from './harsh-options.js';
import type { FakeContext } from './router.js';
import type { TradingBook } from './trading-book.js';

const LAG_KEY = 'position-lag-reads';

/** The position of `symbol` (signed base units, entry price USDT) as a positionRisk read sees it. */
export function readPosition(
  ctx: FakeContext,
  book: TradingBook,
  symbol: string,
): { amount: number; entryPrice: number } {
  let seen = ctx.state.get(LAG_KEY) as Map<string, number> | undefined;
  if (seen === undefined) {
    seen = new Map();
    ctx.state.set(LAG_KEY, seen);
  }
  const history = book.fillHistory(symbol);
  const stale = harshOf(ctx).current.positionLag && history.seq > (seen.get(symbol) ?? 0);
  seen.set(symbol, history.seq);
  return stale ? history.before : book.position(symbol);
}
