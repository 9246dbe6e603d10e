/**
 * Parses candle CSV text (ccxt six columns, mark-price five columns, or Binance's twelve-column
 * kline dumps with or without header, ms or µs timestamps) into columns plus the line number of
 * every row. Does not validate: {@link validateCandles} does, naming the line.
 */
import { DataError } from '../../errors.js';
import { allocColumns, type CandleColumns } from '../candle-series.js';
import type { RowSource } from '../validate-candles.js';

/** Parsed rows and where each came from. */
export interface ParsedCandles {
  readonly columns: CandleColumns;
  readonly source: RowSource;
}

/** Epoch values above this are µs (Binance spot dumps since 2025), not ms. */
const MICROS_THRESHOLD = 1e14;

/**
 * Parses candle rows.
 * @param layout `ohlcv` (6 cols), `ohlc` (5 cols, volume = NaN) or `binance` (12 cols, first 6 used).
 * @throws DataError naming file and line for a row with the wrong number of columns.
 */
export function parseCandleCsv(text: string, name: string, layout: 'ohlcv' | 'ohlc' | 'binance'): ParsedCandles {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const expected = layout === 'binance' ? 12 : layout === 'ohlc' ? 5 : 6;
  const firstDataLine = /^\s*\d/.test(lines[0] ?? '') ? 0 : 1;
  const rows: number[] = [];
  for (let i = firstDataLine; i < lines.length; i++) if ((lines[i] as string).trim() !== '') rows.push(i);
  const c = allocColumns(rows.length);
  rows.forEach((lineIdx, r) => {
    const cells = (lines[lineIdx] as string).split(',');
    if (cells.length !== expected) {
      throw new DataError(`${name} line ${lineIdx + 1}: ${cells.length} columns, expected ${expected}; the row is truncated or the file mixes formats`);
    }
    const num = (k: number) => {
      const s = (cells[k] as string).trim();
      return s === '' ? Number.NaN : Number(s);
    };
    let t = num(0);
    if (t > MICROS_THRESHOLD) t = Math.floor(t / 1000);
    c.ts[r] = t;
    c.open[r] = num(1);
    c.high[r] = num(2);
    c.low[r] = num(3);
    c.close[r] = num(4);
    c.volume[r] = layout === 'ohlc' ? Number.NaN : num(5);
  });
  return { columns: c, source: { file: name, lineOf: (i) => (rows[i] ?? -1) + 1 } };
}

/** Guesses the timeframe (ms) as the most frequent positive step between consecutive rows. */
export function guessStepMs(ts: Float64Array): number | undefined {
  const counts = new Map<number, number>();
  for (let i = 1; i < ts.length && i < 5000; i++) {
    const d = (ts[i] as number) - (ts[i - 1] as number);
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestN = 0;
  for (const [d, n] of counts) if (n > bestN || (n === bestN && best !== undefined && d < best)) [best, bestN] = [d, n];
  return best;
}
