/**
 * The market facts shipped with coinbot (`data/fixtures/exchange_info/`, a real exchangeInfo
 * capture of BTCUSDT, ETHUSDT and SOLUSDT), used when a data dir has no facts of its own: a user
 * who imported candles alone can still backtest, and every output says the facts came from the
 * capture (its date) rather than from the exchange today. `coinbot fetch` or importing an
 * exchangeInfo replaces them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { marketFactsFile } from './cache-layout.js';
import { parseExchangeInfo, readMarketFacts } from './market-facts-store.js';
import type { PerpSymbol } from '../symbols.js';
import type { MarketFacts } from '../types.js';

/** The committed capture. */
export const BUNDLED_EXCHANGE_INFO = fileURLToPath(
  new URL('../../../data/fixtures/exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_BTC_ETH_SOL_subset.json', import.meta.url),
);

/** Where a run's market facts came from. */
export type FactsSource =
  | { readonly kind: 'cache' }
  | { readonly kind: 'bundled'; readonly capture: string; readonly capturedAt: number };

/**
 * The data dir's facts for `symbol`, else the bundled capture's.
 * @throws NoDataError (from the cache read) when neither has the symbol.
 */
export function marketFactsWithFallback(dataDir: string, symbol: PerpSymbol): { facts: MarketFacts; source: FactsSource } {
  if (existsSync(marketFactsFile(dataDir, symbol)) || !existsSync(BUNDLED_EXCHANGE_INFO))
    return { facts: readMarketFacts(dataDir, symbol), source: { kind: 'cache' } };
  const doc = JSON.parse(readFileSync(BUNDLED_EXCHANGE_INFO, 'utf8')) as { serverTime: number };
  const facts = parseExchangeInfo(doc, BUNDLED_EXCHANGE_INFO).find((f) => f.symbol === symbol);
  if (facts === undefined) return { facts: readMarketFacts(dataDir, symbol), source: { kind: 'cache' } };
  return { facts, source: { kind: 'bundled', capture: 'binance_fapi_v1_exchangeInfo_2025-11-26 (BTC, ETH, SOL)', capturedAt: doc.serverTime } };
}

/** One line for the output: where the facts came from. */
export function factsSourceLine(symbol: string, s: FactsSource): string | null {
  if (s.kind === 'cache') return null;
  return `${symbol}: no market facts in the data dir: using the bundled exchangeInfo capture of ${new Date(s.capturedAt).toISOString().slice(0, 10)} (tick, step, minimum notional as they were then); run 'coinbot fetch' or import an exchangeInfo to use today's`;
}
