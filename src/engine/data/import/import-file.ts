/**
 * `coinbot import`'s engine: recognise one input by content, parse, validate, and merge it into
 * the cache. Candle and funding writes are atomic per cache file and idempotent, so an import
 * killed half-way and rerun leaves the cache exact.
 */
import { DataError, UsageError } from '../../errors.js';
import { normaliseSymbol, type PerpSymbol } from '../../symbols.js';
import { timeframeMs } from '../../time.js';
import type { CandleKind } from '../../types.js';
import { makeSeries } from '../candle-series.js';
import { writeCandles, type ConflictPolicy } from '../candle-store.js';
import { writeFunding } from '../funding-store.js';
import { parseExchangeInfo, writeMarketFacts } from '../market-facts-store.js';
import { findGaps, validateCandles, type Gap } from '../validate-candles.js';
import { detectInput, symbolHintFromName, timeframeHintFromName, type InputKind } from './detect-input.js';
import { guessStepMs, parseCandleCsv } from './parse-candle-csv.js';
import { parseFundingCsv } from './parse-funding-csv.js';
import { readInputFile, type InputText } from './read-input-file.js';

/** What one input contributed to the cache. */
export interface ImportResult {
  readonly input: string;
  readonly kind: InputKind;
  readonly symbol: string;
  readonly timeframe?: string;
  /** Rows (candles, funding events or markets) read from the input. */
  readonly rows: number;
  readonly added: number;
  readonly unchanged: number;
  readonly replaced: number;
  /** Gaps inside this input's candles (reported, never filled). */
  readonly gaps: readonly Gap[];
}

/** Options of {@link importPath}. */
export interface ImportOptions {
  /** Overrides the symbol inferred from the file name (candle files only). */
  readonly symbol?: string;
  readonly onConflict?: ConflictPolicy;
}

function resolveSymbol(input: InputText, opts: ImportOptions): PerpSymbol {
  const raw = opts.symbol ?? symbolHintFromName(input.fileName);
  if (raw === undefined) throw new UsageError(`${input.name}: cannot tell the symbol from the file name; pass --symbol`);
  try {
    return normaliseSymbol(raw);
  } catch (e) {
    if (opts.symbol !== undefined) throw e;
    throw new UsageError(`${input.name}: cannot tell the symbol from the file name ('${raw}' is not a USDT-M perpetual); pass --symbol`);
  }
}

function importCandles(dataDir: string, input: InputText, kind: InputKind, opts: ImportOptions): ImportResult {
  const symbol = resolveSymbol(input, opts);
  const layout = kind === 'binance-klines' ? 'binance' : kind === 'mark-candles' ? 'ohlc' : 'ohlcv';
  const candleKind: CandleKind = kind === 'mark-candles' || /mark/i.test(input.fileName) ? 'mark' : 'last';
  const { columns, source } = parseCandleCsv(input.text, input.name, layout);
  const hinted = timeframeHintFromName(input.fileName);
  const guessed = guessStepMs(columns.ts);
  let timeframe = hinted;
  if (timeframe === undefined) {
    const byStep: Record<number, string> = { 60000: '1m', 300000: '5m', 900000: '15m', 3600000: '1h', 14400000: '4h', 86400000: '1d' };
    timeframe = guessed === undefined ? undefined : byStep[guessed];
    if (timeframe === undefined) throw new DataError(`${input.name}: cannot tell the timeframe (no _1m_ in the name, step ${guessed} ms); rename the file to include it`);
  }
  const stepMs = timeframeMs(timeframe);
  validateCandles(columns, source, stepMs, { allowNaNVolume: candleKind === 'mark' });
  const series = makeSeries(symbol, timeframe, candleKind, columns);
  const w = writeCandles(dataDir, series, { source: input.name, ...(opts.onConflict ? { onConflict: opts.onConflict } : {}) });
  return {
    input: input.name, kind, symbol, timeframe, rows: series.length,
    added: w.added, unchanged: w.unchanged, replaced: w.replaced, gaps: findGaps(columns.ts, stepMs),
  };
}

function importFunding(dataDir: string, input: InputText, kind: 'funding' | 'binance-funding', opts: ImportOptions): ImportResult[] {
  const hint = kind === 'binance-funding' ? (opts.symbol ?? symbolHintFromName(input.fileName)) : undefined;
  const rows = parseFundingCsv(input.text, input.name, kind, hint);
  const bySymbol = new Map<PerpSymbol, { ts: number[]; rate: number[] }>();
  for (const r of rows) {
    let symbol: PerpSymbol;
    try {
      symbol = normaliseSymbol(r.symbolText);
    } catch {
      throw new DataError(`${input.name} line ${r.line}: symbol '${r.symbolText}' is not a USDT-M perpetual; remove the row`);
    }
    if (opts.symbol !== undefined && symbol !== normaliseSymbol(opts.symbol)) {
      throw new UsageError(`${input.name} line ${r.line}: holds ${symbol} but --symbol says ${normaliseSymbol(opts.symbol)}; drop --symbol for funding files`);
    }
    const g = bySymbol.get(symbol) ?? { ts: [], rate: [] };
    g.ts.push(r.ts);
    g.rate.push(r.rate);
    bySymbol.set(symbol, g);
  }
  return [...bySymbol].map(([symbol, g]) => {
    const w = writeFunding(dataDir, { symbol, length: g.ts.length, ts: Float64Array.from(g.ts), rate: Float64Array.from(g.rate) }, {
      source: input.name, ...(opts.onConflict ? { onConflict: opts.onConflict } : {}),
    });
    return { input: input.name, kind, symbol, rows: g.ts.length, ...w, gaps: [] };
  });
}

function importExchangeInfo(dataDir: string, input: InputText, opts: ImportOptions): ImportResult[] {
  let doc: unknown;
  try {
    doc = JSON.parse(input.text);
  } catch (e) {
    throw new DataError(`${input.name}: malformed JSON (${(e as Error).message}); save the exchangeInfo response again`);
  }
  let facts = parseExchangeInfo(doc, input.name);
  if (opts.symbol !== undefined) {
    const want = normaliseSymbol(opts.symbol);
    facts = facts.filter((f) => f.symbol === want);
    if (facts.length === 0) throw new UsageError(`${input.name}: no USDT-M perpetual ${want} in this exchangeInfo; check --symbol`);
  }
  for (const f of facts) writeMarketFacts(dataDir, f);
  return [{ input: input.name, kind: 'exchange-info', symbol: facts.length === 1 ? (facts[0]?.symbol ?? '') : `${facts.length} markets`, rows: facts.length, added: facts.length, unchanged: 0, replaced: 0, gaps: [] }];
}

/**
 * Imports one path (file or zip) into the cache of `dataDir`.
 * @throws DataError naming file and line for malformed content; UsageError for an unreadable path or unknown symbol.
 */
export function importPath(dataDir: string, path: string, opts: ImportOptions = {}): ImportResult[] {
  const out: ImportResult[] = [];
  for (const input of readInputFile(path)) {
    const kind = detectInput(input.text, input.name);
    if (kind === 'exchange-info') out.push(...importExchangeInfo(dataDir, input, opts));
    else if (kind === 'funding' || kind === 'binance-funding') out.push(...importFunding(dataDir, input, kind, opts));
    else out.push(importCandles(dataDir, input, kind, opts));
  }
  return out;
}
