/**
 * Where things live inside a data directory (`--data-dir`, default `data/`). Documented in
 * `data/README.md`:
 *
 * ```
 * <data-dir>/cache/candles/<ID>/<timeframe>/<YYYY-MM>.arrow   last-price candles, one UTC month a file
 * <data-dir>/cache/mark/<ID>/<timeframe>/<YYYY-MM>.arrow      mark-price candles
 * <data-dir>/cache/funding/<ID>.arrow                         funding events
 * <data-dir>/cache/markets/<ID>.json                          market facts (tick, step, min notional)
 * <data-dir>/state/                                           live-mode state and journals
 * ```
 * `<ID>` is the Binance market id (`BTCUSDT`).
 */
import { join } from 'node:path';
import type { CandleKind } from '../types.js';
import { marketIdOf, type PerpSymbol } from '../symbols.js';

/** Default data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = 'data';

/** Root of the cache inside a data directory. */
export function cacheRoot(dataDir: string): string {
  return join(dataDir, 'cache');
}

/** Folder holding the monthly candle files of one symbol, timeframe and kind. */
export function candleDir(dataDir: string, symbol: PerpSymbol, timeframe: string, kind: CandleKind): string {
  return join(cacheRoot(dataDir), kind === 'mark' ? 'mark' : 'candles', marketIdOf(symbol), timeframe);
}

/** The month file name (`2025-06.arrow`) holding candles that open in the UTC month of `ts`. */
export function monthFileName(ts: number): string {
  const d = new Date(ts);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}.arrow`;
}

/** Start (ms UTC) of the UTC month containing `ts`. */
export function monthStart(ts: number): number {
  const d = new Date(ts);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Start (ms UTC) of the UTC month after the one containing `ts`. */
export function nextMonthStart(ts: number): number {
  const d = new Date(ts);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Path of the funding file of one symbol. */
export function fundingFile(dataDir: string, symbol: PerpSymbol): string {
  return join(cacheRoot(dataDir), 'funding', `${marketIdOf(symbol)}.arrow`);
}

/** Path of the market-facts file of one symbol. */
export function marketFactsFile(dataDir: string, symbol: PerpSymbol): string {
  return join(cacheRoot(dataDir), 'markets', `${marketIdOf(symbol)}.json`);
}

/** Folder for live-mode state and journals. */
export function stateDir(dataDir: string): string {
  return join(dataDir, 'state');
}
