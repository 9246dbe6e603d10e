/**
 * The account's own fills of one symbol over a time range, from `GET /fapi/v1/userTrades`
 * (what ccxt's `fetchMyTrades` reads), as port fills: paged by time in windows of at most 7 days
 * (Binance's limit) and by 1000 rows. Whether a fill reduced the position is derived by walking
 * the position from flat at the range start. Amounts base units, prices and fees USDT, ms UTC.
 */
import type { Fill } from '../ports/venue.js';
import type { TimeRange } from '../time.js';
import type { MarketFacts } from '../types.js';
import { parseTrades, type BinanceRest } from './binance-orders.js';
import { withRetry, type RetryHooks, type RetryPolicy } from './retry.js';

const WEEK_MS = 7 * 86_400_000;
const PAGE = 1000;

/**
 * Reads every trade of the account on `facts.id` in `range`.
 * @throws TransientError when the exchange keeps failing; ConfigError for bad keys.
 */
export async function fetchAccountFills(
  rest: BinanceRest,
  facts: MarketFacts,
  range: TimeRange,
  retry?: RetryPolicy,
  hooks?: RetryHooks,
): Promise<Fill[]> {
  const rows: ReturnType<typeof parseTrades> = [];
  for (let from = range.from; from < range.to;) {
    const to = Math.min(range.to - 1, from + WEEK_MS - 1);
    const page = parseTrades(
      await withRetry(
        'GET /fapi/v1/userTrades',
        () => rest.fapiPrivateGetUserTrades({ symbol: facts.id, startTime: from, endTime: to, limit: PAGE }),
        retry,
        hooks,
      ),
    );
    rows.push(...page);
    const last = page[page.length - 1];
    from = page.length === PAGE && last !== undefined ? last.time + 1 : to + 1;
  }
  const seen = new Set<string>();
  let qty = 0;
  const out: Fill[] = [];
  for (const t of rows.sort((a, b) => a.time - b.time)) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const side = t.side;
    const signed = side === 'buy' ? t.qty : -t.qty;
    const reduceOnly = qty !== 0 && Math.sign(signed) !== Math.sign(qty);
    qty += signed;
    if (Math.abs(qty) < facts.stepSize / 2) qty = 0;
    out.push({
      clientOrderId: `order-${t.orderId}`,
      side,
      price: t.price,
      amount: t.qty,
      fee: t.fee,
      liquidity: t.maker ? 'maker' : 'taker',
      ts: t.time,
      reduceOnly,
    });
  }
  return out;
}
