/**
 * Recognises what an import input holds, by content (header and column count), with the file
 * name only as a hint for symbol and timeframe:
 *
 * | kind | recognised by |
 * |---|---|
 * | `ccxt-candles` | header `timestamp,open,high,low,close,volume` (a ccxt `fetchOHLCV` row) |
 * | `mark-candles` | header `timestamp,open,high,low,close` (mark-price klines, no volume) |
 * | `binance-klines` | 12 columns, with header `open_time,…` or none (Binance public-data dumps) |
 * | `funding` | header `timestamp,symbol,funding_rate` (or Binance's `calc_time,funding_interval_hours,last_funding_rate`) |
 * | `exchange-info` | JSON object with a `symbols` array (GET /fapi/v1/exchangeInfo) |
 */
import { DataError } from '../../errors.js';

export type InputKind = 'ccxt-candles' | 'mark-candles' | 'binance-klines' | 'funding' | 'binance-funding' | 'exchange-info';

/** Detects the kind of `text`, naming `name` in the error when nothing fits. */
export function detectInput(text: string, name: string): InputKind {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'exchange-info';
  const firstLine = (head.split(/\r?\n/, 1)[0] ?? '').trim().toLowerCase();
  const cols = firstLine.split(',').map((c) => c.trim());
  const header = cols.join(',');
  if (header === 'timestamp,open,high,low,close,volume' || header === 'date,open,high,low,close,volume') return 'ccxt-candles';
  if (header === 'timestamp,open,high,low,close') return 'mark-candles';
  if (header === 'timestamp,symbol,funding_rate') return 'funding';
  if (header === 'calc_time,funding_interval_hours,last_funding_rate') return 'binance-funding';
  if (cols.length === 12 && (cols[0] === 'open_time' || /^\d{12,17}$/.test(cols[0] ?? ''))) return 'binance-klines';
  throw new DataError(
    `${name}: unrecognised content (first line '${firstLine.slice(0, 80)}'); coinbot imports ccxt OHLCV CSV (timestamp,open,high,low,close,volume), Binance kline dumps (12 columns), mark-price CSV, funding CSV (timestamp,symbol,funding_rate) and exchangeInfo JSON`,
  );
}

/**
 * Symbol hint from a file name that starts with a Binance id or a freqtrade pair:
 * `BTCUSDT_1m_….csv`, `BTCUSDT-1m-2025-06-01.csv` → `BTCUSDT`; `BTC_USDT_USDT-1m-futures.csv` → `BTC/USDT:USDT`.
 * Other names (`candles.csv`) give no hint, so a file is never filed under a made-up symbol.
 */
export function symbolHintFromName(fileName: string): string | undefined {
  const up = fileName.toUpperCase();
  const pair = /^([A-Z0-9]+)_USDT_USDT(?:[-_.]|$)/.exec(up);
  if (pair) return `${pair[1]}/USDT:USDT`;
  const id = /^([A-Z0-9]+USDT)(?:[-_.]|$)/.exec(up);
  return id ? id[1] : undefined;
}

/** Timeframe hint from a file name (`_1m_`, `-1h-`), or undefined. */
export function timeframeHintFromName(fileName: string): string | undefined {
  const m = /[-_](1m|3m|5m|15m|30m|1h|2h|4h|8h|1d)[-_.]/i.exec(fileName);
  return m ? (m[1] as string).toLowerCase() : undefined;
}
