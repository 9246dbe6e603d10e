/**
 * Loads what a backtest of one symbol needs from a data dir's cache: last-price candles of the
 * parameters' timeframe, funding events, 1h mark-price candles (optional) and market facts;
 * and resolves the window. Default window: the whole cached range, i.e. from the first cached
 * candle plus the warm-up to the close of the last cached candle.
 */
import { hasCandles, readCandles } from '../data/candle-store.js';
import { readFunding } from '../data/funding-store.js';
import { marketFactsWithFallback, type FactsSource } from '../data/bundled-facts.js';
import { UsageError } from '../errors.js';
import type { PerpSymbol } from '../symbols.js';
import { formatInstant, makeRange, parseInstant, timeframeMs, type TimeRange } from '../time.js';
import type { CandleSeries, FundingSeries, MarketFacts } from '../types.js';

/** Cached inputs of one symbol. */
export interface CachedInputs {
  readonly candles: CandleSeries;
  readonly funding: FundingSeries;
  readonly mark?: CandleSeries;
  readonly facts: MarketFacts;
  /** The data dir's own facts, or the bundled capture's (said in every output). */
  readonly factsSource: FactsSource;
}

/**
 * Reads one symbol's cached inputs.
 * @throws NoDataError naming the command to run when candles or market facts are missing.
 */
export function loadCachedInputs(dataDir: string, symbol: PerpSymbol, timeframe: string): CachedInputs {
  const candles = readCandles(dataDir, symbol, timeframe);
  const { facts, source: factsSource } = marketFactsWithFallback(dataDir, symbol);
  const funding = readFunding(dataDir, symbol);
  const mark = hasCandles(dataDir, symbol, '1h', 'mark')
    ? readCandles(dataDir, symbol, '1h', { kind: 'mark' })
    : undefined;
  return mark ? { candles, funding, mark, facts, factsSource } : { candles, funding, facts, factsSource };
}

/**
 * The backtest window from optional `--from`/`--to` (half-open over candle open times).
 * Defaults: from = open of the candle `warmup` candles after the first cached one (so the whole
 * warm-up is available), to = close of the last cached candle.
 * @throws UsageError for unreadable times or an empty range.
 */
export function resolveWindow(candles: CandleSeries, warmup: number, from?: string, to?: string): TimeRange {
  const tf = timeframeMs(candles.timeframe);
  const firstIdx = Math.min(warmup, candles.length - 1);
  const f = from !== undefined ? parseInstant(from, '--from') : (candles.ts[firstIdx] as number);
  const t = to !== undefined ? parseInstant(to, '--to') : (candles.ts[candles.length - 1] as number) + tf;
  if (from === undefined && to !== undefined && t <= f) {
    throw new UsageError(
      `--to ${formatInstant(t)} is before the default start ${formatInstant(f)} (first cached candle + ${warmup} warm-up candles): pass --from too`,
    );
  }
  return makeRange(f, t, 'window');
}
