/**
 * Market facts (tick, step, minimum amount and notional) in the cache, one JSON file per
 * symbol, parsed from Binance `GET /fapi/v1/exchangeInfo`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DataError, NoDataError } from '../errors.js';
import { normaliseSymbol, type PerpSymbol } from '../symbols.js';
import type { MarketFacts } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';
import { marketFactsFile } from './cache-layout.js';

interface RawFilter {
  filterType?: string;
  tickSize?: string;
  stepSize?: string;
  minQty?: string;
  notional?: string;
}
interface RawSymbol {
  symbol?: string;
  baseAsset?: string;
  quoteAsset?: string;
  marginAsset?: string;
  contractType?: string;
  status?: string;
  filters?: RawFilter[];
}

/**
 * Extracts facts of the USDT-margined perpetuals in an exchangeInfo document. Symbols that are
 * not USDT perpetuals (dated, other margin assets) are skipped.
 * @throws DataError when the document is not an exchangeInfo response.
 */
export function parseExchangeInfo(doc: unknown, source: string): MarketFacts[] {
  const d = doc as { serverTime?: number; symbols?: RawSymbol[] };
  if (typeof d !== 'object' || d === null || !Array.isArray(d.symbols)) {
    throw new DataError(`${source}: not a Binance exchangeInfo response (no 'symbols' array); use the JSON of GET /fapi/v1/exchangeInfo`);
  }
  const out: MarketFacts[] = [];
  for (const s of d.symbols) {
    if (s.contractType !== 'PERPETUAL' || s.quoteAsset !== 'USDT' || s.marginAsset !== 'USDT' || !s.symbol) continue;
    const f = (type: string) => s.filters?.find((x) => x.filterType === type);
    const num = (v: string | undefined, what: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new DataError(`${source}: ${s.symbol} has no valid ${what}; the exchangeInfo capture is incomplete`);
      return n;
    };
    let symbol: PerpSymbol;
    try {
      symbol = normaliseSymbol(`${s.baseAsset}/USDT:USDT`);
    } catch {
      continue;
    }
    out.push({
      symbol,
      id: s.symbol,
      contractType: s.contractType,
      status: s.status ?? 'UNKNOWN',
      tickSize: num(f('PRICE_FILTER')?.tickSize, 'PRICE_FILTER.tickSize'),
      stepSize: num(f('LOT_SIZE')?.stepSize, 'LOT_SIZE.stepSize'),
      minQty: num(f('LOT_SIZE')?.minQty, 'LOT_SIZE.minQty'),
      minNotional: num(f('MIN_NOTIONAL')?.notional, 'MIN_NOTIONAL.notional'),
      asOf: typeof d.serverTime === 'number' ? d.serverTime : 0,
    });
  }
  return out;
}

/** Writes one symbol's facts atomically (stable key order, trailing newline). */
export function writeMarketFacts(dataDir: string, facts: MarketFacts): void {
  const ordered: MarketFacts = {
    symbol: facts.symbol, id: facts.id, contractType: facts.contractType, status: facts.status,
    tickSize: facts.tickSize, stepSize: facts.stepSize, minQty: facts.minQty, minNotional: facts.minNotional, asOf: facts.asOf,
  };
  writeFileAtomic(marketFactsFile(dataDir, facts.symbol), `${JSON.stringify(ordered, null, 2)}\n`);
}

/**
 * Reads one symbol's cached facts.
 * @throws NoDataError naming the fix when none are cached.
 */
export function readMarketFacts(dataDir: string, symbol: PerpSymbol): MarketFacts {
  const path = marketFactsFile(dataDir, symbol);
  if (!existsSync(path)) {
    throw new NoDataError(`no market facts for ${symbol} in ${dataDir}: import an exchangeInfo JSON ('coinbot import exchangeInfo.json') or run 'coinbot fetch'`);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as MarketFacts;
  } catch (e) {
    throw new DataError(`${path}: unreadable market facts (${(e as Error).message}); import the exchangeInfo again`);
  }
}
