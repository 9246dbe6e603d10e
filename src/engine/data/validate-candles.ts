/**
 * Candle validation. Malformed candles are fatal ({@link DataError} naming file and row);
 * gaps are facts to report, never silently filled; zero-volume candles (exchange halts) are
 * counted, not refused.
 */
import { DataError } from '../errors.js';
import { formatInstant } from '../time.js';
import type { CandleColumns } from './candle-series.js';

/** Where rows came from, for error messages: a file name and each row's 1-based line number. */
export interface RowSource {
  readonly file: string;
  /** Line number in `file` of row `i` (1-based, header counted). */
  lineOf(i: number): number;
}

/** A run of missing candles: open times `[from, to)` are absent; `missing` = count. */
export interface Gap {
  readonly from: number;
  readonly to: number;
  readonly missing: number;
}

/**
 * Checks every row: finite non-negative values, integer timestamps aligned to the timeframe,
 * strictly increasing time (equal = duplicate), and OHLC sanity (low ≤ min(open, close),
 * high ≥ max(open, close)). Mark-price candles may carry NaN volume (`allowNaNVolume`).
 * @throws DataError `<file> line <n>: <problem>; <fix>` at the first bad row.
 */
export function validateCandles(
  c: CandleColumns,
  src: RowSource,
  stepMs: number,
  opts: { allowNaNVolume?: boolean } = {},
): void {
  const n = c.ts.length;
  const bad = (i: number, what: string): never => {
    throw new DataError(`${src.file} line ${src.lineOf(i)}: ${what}; fix or remove that row and import again`);
  };
  for (let i = 0; i < n; i++) {
    const t = c.ts[i] as number;
    const o = c.open[i] as number;
    const h = c.high[i] as number;
    const l = c.low[i] as number;
    const cl = c.close[i] as number;
    const v = c.volume[i] as number;
    if (!Number.isSafeInteger(t)) bad(i, `timestamp '${t}' is not an integer number of ms`);
    if (t % stepMs !== 0) bad(i, `timestamp ${formatInstant(t)} is not a candle open time (not a multiple of ${stepMs} ms)`);
    if (!(Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(cl))) bad(i, 'a price is NaN or not a number');
    if (!(o > 0 && h > 0 && l > 0 && cl > 0)) bad(i, 'a price is zero or negative');
    if (Number.isNaN(v) ? !opts.allowNaNVolume : !(v >= 0 && Number.isFinite(v))) bad(i, `volume '${v}' is NaN, negative or not a number`);
    if (h < o || h < cl) bad(i, `high ${h} is below the open ${o} or the close ${cl}`);
    if (l > o || l > cl) bad(i, `low ${l} is above the open ${o} or the close ${cl}`);
    if (i > 0) {
      const prev = c.ts[i - 1] as number;
      if (t === prev) bad(i, `duplicate timestamp ${formatInstant(t)} (also on line ${src.lineOf(i - 1)})`);
      if (t < prev) bad(i, `timestamp ${formatInstant(t)} is earlier than the row before (${formatInstant(prev)}): rows out of order`);
    }
  }
}

/** Lists the gaps in sorted open times `ts` for candles of `stepMs`. */
export function findGaps(ts: Float64Array, stepMs: number): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < ts.length; i++) {
    const prev = ts[i - 1] as number;
    const cur = ts[i] as number;
    if (cur - prev > stepMs) gaps.push({ from: prev + stepMs, to: cur, missing: (cur - prev) / stepMs - 1 });
  }
  return gaps;
}

/** Counts candles with zero volume (typical of exchange halts). */
export function countZeroVolume(volume: Float64Array): number {
  let n = 0;
  for (let i = 0; i < volume.length; i++) if (volume[i] === 0) n += 1;
  return n;
}
