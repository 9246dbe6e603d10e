/**
 * Parses funding-rate CSVs: coinbot's/freqtrade-derived `timestamp,symbol,funding_rate` and
 * Binance public-data `calc_time,funding_interval_hours,last_funding_rate` (symbol from the file
 * name). Times are kept as given (each event's own time; nothing assumes 8 h).
 */
import { DataError } from '../../errors.js';

/** One parsed funding event with its source line. */
export interface FundingRow {
  readonly symbolText: string;
  readonly ts: number;
  readonly rate: number;
  readonly line: number;
}

/**
 * Parses rows; validation of numbers happens here because funding files are small.
 * @param symbolHint used when the layout has no symbol column.
 * @throws DataError naming file and line for malformed rows.
 */
export function parseFundingCsv(text: string, name: string, layout: 'funding' | 'binance-funding', symbolHint?: string): FundingRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: FundingRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const cells = line.split(',');
    if (cells.length !== 3) throw new DataError(`${name} line ${i + 1}: ${cells.length} columns, expected 3; fix the row`);
    let ts = Number(cells[0]);
    if (ts > 1e14) ts = Math.floor(ts / 1000);
    const rate = Number(cells[2]);
    const symbolText = layout === 'funding' ? (cells[1] as string).trim() : (symbolHint ?? '');
    if (!Number.isSafeInteger(ts)) throw new DataError(`${name} line ${i + 1}: timestamp '${cells[0]}' is not integer ms; fix the row`);
    if (!Number.isFinite(rate) || (cells[2] as string).trim() === '') throw new DataError(`${name} line ${i + 1}: funding rate '${cells[2]}' is not a number; fix the row`);
    if (symbolText === '') throw new DataError(`${name}: no symbol column and none in the file name; pass --symbol`);
    const prev = out[out.length - 1];
    if (prev && prev.symbolText === symbolText && ts <= prev.ts) {
      throw new DataError(`${name} line ${i + 1}: funding time ${ts} ${ts === prev.ts ? 'duplicates' : 'is earlier than'} line ${prev.line}; rows must be unique and in time order`);
    }
    out.push({ symbolText, ts, rate, line: i + 1 });
  }
  return out;
}
