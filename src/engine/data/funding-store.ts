/**
 * Funding events in the cache: one Arrow file per symbol (`timestamp` Int64 ms, `rate` Float64).
 * Each event keeps its own time: Binance funding intervals are 1–8 h and change per symbol,
 * so nothing here assumes 8 h.
 */
import { existsSync } from 'node:fs';
import { DataError } from '../errors.js';
import type { PerpSymbol } from '../symbols.js';
import { formatInstant, type TimeRange } from '../time.js';
import type { FundingSeries } from '../types.js';
import { readArrowColumns, writeArrowColumns } from './arrow-columns.js';
import { fundingFile } from './cache-layout.js';
import { lowerBound } from './candle-series.js';

/** An empty funding series for `symbol`. */
export function emptyFunding(symbol: PerpSymbol): FundingSeries {
  return { symbol, length: 0, ts: new Float64Array(0), rate: new Float64Array(0) };
}

/**
 * Reads cached funding events, optionally limited to `[range.from, range.to)`. Returns an empty
 * series when none are cached (callers decide whether that means "funding not modelled").
 */
export function readFunding(dataDir: string, symbol: PerpSymbol, range?: TimeRange): FundingSeries {
  const path = fundingFile(dataDir, symbol);
  if (!existsSync(path)) return emptyFunding(symbol);
  const { columns } = readArrowColumns(path);
  const ts = columns.ts ?? new Float64Array(0);
  const rate = columns.rate ?? new Float64Array(0);
  const a = range ? lowerBound(ts, range.from) : 0;
  const b = range ? lowerBound(ts, range.to) : ts.length;
  return { symbol, length: b - a, ts: ts.subarray(a, b), rate: rate.subarray(a, b) };
}

/** Result of {@link writeFunding}. */
export interface FundingWriteResult {
  readonly added: number;
  readonly unchanged: number;
  readonly replaced: number;
}

/**
 * Merges funding events (any order; validated here) into the cache atomically; dedupes by time.
 * A cached event with a different rate is refused unless `onConflict` is `replace`.
 * @throws DataError for NaN rates, non-integer times or conflicting duplicates, naming `source`.
 */
export function writeFunding(
  dataDir: string,
  incoming: FundingSeries,
  opts: { onConflict?: 'refuse' | 'replace'; source?: string } = {},
): FundingWriteResult {
  const source = opts.source ?? 'input';
  const map = new Map<number, number>();
  const cached = readFunding(dataDir, incoming.symbol);
  for (let i = 0; i < cached.length; i++) map.set(cached.ts[i] as number, cached.rate[i] as number);
  let added = 0;
  let unchanged = 0;
  let replaced = 0;
  for (let i = 0; i < incoming.length; i++) {
    const t = incoming.ts[i] as number;
    const r = incoming.rate[i] as number;
    if (!Number.isSafeInteger(t) || !Number.isFinite(r)) {
      throw new DataError(`${source}: funding event ${i + 1} has time '${t}' or rate '${r}' that is not a number; fix the file and import again`);
    }
    const old = map.get(t);
    if (old === undefined) added += 1;
    else if (old === r) unchanged += 1;
    else if (opts.onConflict === 'replace') replaced += 1;
    else throw new DataError(`${source}: funding at ${formatInstant(t)} is ${r}, cached ${old}; rerun with --replace to overwrite the cache`);
    map.set(t, r);
  }
  if (added > 0 || replaced > 0) {
    const times = [...map.keys()].sort((x, y) => x - y);
    const ts = Float64Array.from(times);
    const rate = Float64Array.from(times, (t) => map.get(t) as number);
    writeArrowColumns(fundingFile(dataDir, incoming.symbol), { ts, rate }, { coinbot_format: '1', symbol: incoming.symbol, kind: 'funding' });
  }
  return { added, unchanged, replaced };
}
