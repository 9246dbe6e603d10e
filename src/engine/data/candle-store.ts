/**
 * The candle cache: monthly Arrow IPC files per symbol, timeframe and kind (see
 * `cache-layout.ts`). Writes merge with what is cached, dedupe by open time and replace each
 * month file atomically, so a rerun after SIGKILL converges to the same bytes. Reads return one
 * contiguous {@link CandleSeries}; gaps stay gaps.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, NoDataError } from '../errors.js';
import { normaliseSymbol, type PerpSymbol } from '../symbols.js';
import { formatInstant, formatRange, type TimeRange } from '../time.js';
import type { CandleKind, CandleSeries } from '../types.js';
import { readArrowColumns, writeArrowColumns } from './arrow-columns.js';
import { candleDir, cacheRoot, monthFileName, monthStart, nextMonthStart } from './cache-layout.js';
import { allocColumns, concatSeries, lowerBound, makeSeries, sliceIndex, sliceSeries } from './candle-series.js';
import { removeStaleTemps } from './atomic-write.js';

/** What to do when an incoming candle has the same open time as a cached one but other values. */
export type ConflictPolicy = 'refuse' | 'replace';

/** Counts of one {@link writeCandles} call. */
export interface WriteResult {
  /** Candles new to the cache. */
  readonly added: number;
  /** Incoming candles identical to cached ones (deduped). */
  readonly unchanged: number;
  /** Cached candles overwritten by different incoming values (only with `replace`). */
  readonly replaced: number;
  /** Month files rewritten. */
  readonly files: readonly string[];
}

const FORMAT_VERSION = '1';

function sameCandle(a: CandleSeries, i: number, b: CandleSeries, j: number): boolean {
  const eq = (x: number, y: number) => x === y || (Number.isNaN(x) && Number.isNaN(y));
  return eq(a.open[i] as number, b.open[j] as number) && eq(a.high[i] as number, b.high[j] as number) &&
    eq(a.low[i] as number, b.low[j] as number) && eq(a.close[i] as number, b.close[j] as number) &&
    eq(a.volume[i] as number, b.volume[j] as number);
}

function readMonth(path: string, symbol: PerpSymbol, timeframe: string, kind: CandleKind): CandleSeries {
  const { columns, metadata } = readArrowColumns(path);
  const meta = (k: string) => metadata.get(k);
  if (meta('symbol') !== symbol || meta('timeframe') !== timeframe || meta('kind') !== kind) {
    throw new DataError(`${path}: holds ${meta('symbol')} ${meta('timeframe')} ${meta('kind')}, expected ${symbol} ${timeframe} ${kind}; the cache folder was edited by hand: delete the file and import again`);
  }
  const col = (name: keyof ReturnType<typeof allocColumns>) => {
    const v = columns[name];
    if (v === undefined) throw new DataError(`${path}: column '${name}' missing; delete the file and import again`);
    return v;
  };
  return makeSeries(symbol, timeframe, kind, {
    ts: col('ts'), open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume'),
  });
}

/** Merges sorted `cached` and sorted `incoming` into a new series, counting dedupes and conflicts. */
function mergeSorted(cached: CandleSeries, incoming: CandleSeries, policy: ConflictPolicy, source: string) {
  const out = allocColumns(cached.length + incoming.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let added = 0;
  let unchanged = 0;
  let replaced = 0;
  const take = (s: CandleSeries, idx: number) => {
    out.ts[k] = s.ts[idx] as number;
    out.open[k] = s.open[idx] as number;
    out.high[k] = s.high[idx] as number;
    out.low[k] = s.low[idx] as number;
    out.close[k] = s.close[idx] as number;
    out.volume[k] = s.volume[idx] as number;
    k += 1;
  };
  while (i < cached.length || j < incoming.length) {
    const tc = i < cached.length ? (cached.ts[i] as number) : Infinity;
    const tn = j < incoming.length ? (incoming.ts[j] as number) : Infinity;
    if (tc < tn) take(cached, i++);
    else if (tn < tc) {
      take(incoming, j++);
      added += 1;
    } else {
      if (sameCandle(cached, i, incoming, j)) {
        unchanged += 1;
        take(cached, i);
      } else if (policy === 'replace') {
        replaced += 1;
        take(incoming, j);
      } else {
        throw new DataError(
          `${source}: candle ${formatInstant(tc)} differs from the cached one (cached close ${cached.close[i]}, new ${incoming.close[j]}); rerun with --replace to overwrite the cache`,
        );
      }
      i += 1;
      j += 1;
    }
  }
  const merged = makeSeries(cached.symbol, cached.timeframe, cached.kind, {
    ts: out.ts.subarray(0, k), open: out.open.subarray(0, k), high: out.high.subarray(0, k),
    low: out.low.subarray(0, k), close: out.close.subarray(0, k), volume: out.volume.subarray(0, k),
  });
  return { merged, added, unchanged, replaced };
}

/**
 * Merges validated, sorted candles into the cache. Side effect: rewrites each touched month
 * file atomically (temp + rename). Idempotent: writing the same candles twice changes nothing.
 * @param source names the input in error messages (file name or `fetch`).
 * @throws DataError on a conflicting candle when `onConflict` is `refuse` (the default).
 */
export function writeCandles(
  dataDir: string,
  series: CandleSeries,
  opts: { onConflict?: ConflictPolicy; source?: string } = {},
): WriteResult {
  const policy = opts.onConflict ?? 'refuse';
  const source = opts.source ?? 'input';
  const dir = candleDir(dataDir, series.symbol, series.timeframe, series.kind);
  removeStaleTemps(dir);
  let added = 0;
  let unchanged = 0;
  let replaced = 0;
  const files: string[] = [];
  let a = 0;
  while (a < series.length) {
    const start = monthStart(series.ts[a] as number);
    const b = lowerBound(series.ts, nextMonthStart(start));
    const part = sliceIndex(series, a, b);
    const path = join(dir, monthFileName(start));
    const cached = existsSync(path)
      ? readMonth(path, series.symbol, series.timeframe, series.kind)
      : makeSeries(series.symbol, series.timeframe, series.kind, allocColumns(0));
    const r = mergeSorted(cached, part, policy, source);
    added += r.added;
    unchanged += r.unchanged;
    replaced += r.replaced;
    if (r.added > 0 || r.replaced > 0) {
      writeArrowColumns(path, {
        ts: r.merged.ts, open: r.merged.open, high: r.merged.high, low: r.merged.low, close: r.merged.close, volume: r.merged.volume,
      }, { coinbot_format: FORMAT_VERSION, symbol: series.symbol, timeframe: series.timeframe, kind: series.kind });
      files.push(path);
    }
    a = b;
  }
  return { added, unchanged, replaced, files };
}

function monthFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^\d{4}-\d{2}\.arrow$/.test(f)).sort();
}

/**
 * Reads cached candles of one symbol/timeframe/kind, optionally limited to `range` (half-open
 * over open times). Only the month files overlapping the range are opened.
 * @throws NoDataError when nothing is cached for the request (names the command to fix it).
 */
export function readCandles(
  dataDir: string,
  symbol: PerpSymbol,
  timeframe: string,
  opts: { range?: TimeRange; kind?: CandleKind } = {},
): CandleSeries {
  const kind = opts.kind ?? 'last';
  const dir = candleDir(dataDir, symbol, timeframe, kind);
  const range = opts.range;
  const parts: CandleSeries[] = [];
  for (const f of monthFiles(dir)) {
    const [y, m] = f.slice(0, 7).split('-').map(Number) as [number, number];
    const from = Date.UTC(y, m - 1, 1);
    const to = Date.UTC(y, m, 1);
    if (range && (to <= range.from || from >= range.to)) continue;
    const s = readMonth(join(dir, f), symbol, timeframe, kind);
    parts.push(range ? sliceSeries(s, range) : s);
  }
  const all = parts.length === 1 ? (parts[0] as CandleSeries) : concatSeries(parts, symbol, timeframe, kind);
  if (all.length === 0) {
    const where = range ? ` in ${formatRange(range)}` : '';
    throw new NoDataError(`no ${kind === 'mark' ? 'mark-price ' : ''}${timeframe} candles of ${symbol} cached in ${dataDir}${where}: run 'coinbot import' or 'coinbot fetch' first (or pass --data-dir)`);
  }
  return all;
}

/** True when any candle of the symbol/timeframe/kind is cached. */
export function hasCandles(dataDir: string, symbol: PerpSymbol, timeframe: string, kind: CandleKind = 'last'): boolean {
  return monthFiles(candleDir(dataDir, symbol, timeframe, kind)).length > 0;
}

/** One cached candle set, as listed by {@link listCandleSets}. */
export interface CandleSetRef {
  readonly symbol: PerpSymbol;
  readonly timeframe: string;
  readonly kind: CandleKind;
}

/** Every symbol/timeframe/kind with at least one month file, sorted by kind, symbol, timeframe. */
export function listCandleSets(dataDir: string): CandleSetRef[] {
  const out: CandleSetRef[] = [];
  for (const [kind, folder] of [['last', 'candles'], ['mark', 'mark']] as const) {
    const root = join(cacheRoot(dataDir), folder);
    if (!existsSync(root)) continue;
    for (const id of readdirSync(root).sort()) {
      for (const tf of readdirSync(join(root, id)).sort()) {
        if (monthFiles(join(root, id, tf)).length > 0) out.push({ symbol: normaliseSymbol(id), timeframe: tf, kind });
      }
    }
  }
  return out;
}
