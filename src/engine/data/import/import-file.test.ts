import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { importPath } from './import-file.js';
import { readCandles } from '../candle-store.js';
import { readFunding } from '../funding-store.js';
import { readMarketFacts } from '../market-facts-store.js';
import { exportCandlesCsv } from '../export-csv.js';
import { normaliseSymbol } from '../../symbols.js';
import { DataError, UsageError } from '../../errors.js';
import { tempDir } from '../../../../test-support/temp-dir.js';
import { EXCHANGE_INFO_SUBSET, SAMPLE_DATA_DIR } from '../../../../test-support/repo-paths.js';

const BTC = normaliseSymbol('BTC');
const HEADER = 'timestamp,open,high,low,close,volume';
const t = (m: number) => Date.UTC(2025, 5, 20, 0, m);
const row = (m: number, o = 100, h = 101, l = 99, c = 100.5, v = 3) => `${t(m)},${o},${h},${l},${c},${v}`;

function file(dir: string, name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('import of candle files', () => {
  it('round-trips the bundled sample through CSV export and import exactly', () => {
    const dir = tempDir('roundtrip');
    const csv = join(dir, 'BTCUSDT_1m_export.csv');
    exportCandlesCsv(SAMPLE_DATA_DIR, BTC, '1m', undefined, csv);
    const [r] = importPath(dir, csv);
    expect(r).toMatchObject({ kind: 'ccxt-candles', symbol: BTC, timeframe: '1m', rows: 4320, added: 4320, gaps: [] });
    const a = readCandles(SAMPLE_DATA_DIR, BTC, '1m');
    const b = readCandles(dir, BTC, '1m');
    for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) expect(Buffer.from(b[k].buffer, b[k].byteOffset, b[k].byteLength)).toEqual(Buffer.from(a[k].buffer, a[k].byteOffset, a[k].byteLength));
    expect(importPath(dir, csv)[0]).toMatchObject({ added: 0, unchanged: 4320 });
  });

  it('reports a gap with its range and imports the rest', () => {
    const dir = tempDir('gap');
    const p = file(dir, 'BTCUSDT_1m_gap.csv', [HEADER, row(0), row(1), row(4), row(5)]);
    const [r] = importPath(dir, p);
    expect(r?.gaps).toEqual([{ from: t(2), to: t(4), missing: 2 }]);
    expect(readCandles(dir, BTC, '1m').length).toBe(4);
  });

  it.each([
    ['a duplicated row', [HEADER, row(0), row(1), row(1)], /line 4: duplicate timestamp 2025-06-20T00:01:00Z \(also on line 3\)/],
    ['a NaN price', [HEADER, row(0), `${t(1)},100,NaN,99,100,1`], /line 3: a price is NaN/],
    ['an empty cell', [HEADER, row(0), `${t(1)},100,,99,100,1`], /line 3: a price is NaN/],
    ['a high below the open', [HEADER, row(0), row(1, 100, 99.5, 99, 99.2)], /line 3: high 99\.5 is below the open 100/],
    ['a low above the close', [HEADER, row(0), row(1, 100, 101, 100.2, 100.1)], /line 3: low 100\.2 is above/],
    ['a timestamp out of order', [HEADER, row(0), row(2), row(1)], /line 4: timestamp 2025-06-20T00:01:00Z is earlier than the row before/],
    ['a negative volume', [HEADER, row(0), row(1, 100, 101, 99, 100, -1)], /line 3: volume '-1'/],
    ['a truncated row', [HEADER, row(0), `${t(1)},100,101`], /line 3: 3 columns, expected 6/],
    ['an unaligned timestamp', [HEADER, row(0), `${t(1) + 5},100,101,99,100,1`], /line 3: timestamp .* is not a candle open time/],
  ])('refuses a file with %s, naming file and line, and writes nothing', (_what, lines, msg) => {
    const dir = tempDir('bad');
    const p = file(dir, 'BTCUSDT_1m_bad.csv', lines);
    const err = errorOf(() => importPath(dir, p));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toContain('BTCUSDT_1m_bad.csv line');
    expect(err.message).toMatch(msg);
    expect(err.message).not.toContain('\n');
    expect(() => readCandles(dir, BTC, '1m')).toThrow(/no 1m candles/);
  });

  it('reads Binance public-data kline dumps with or without header, in ms or µs, plain or zipped', () => {
    const dir = tempDir('binance');
    const kl = (m: number, scale = 1) => `${t(m) * scale},100,101,99,100.5,3,${t(m) + 59999},300,10,1,100,0`;
    const withHeader = file(dir, 'ETHUSDT-1m-2025-06-20.csv', ['open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore', kl(0), kl(1)]);
    const noHeader = file(dir, 'ETHUSDT-1m-2025-06-21.csv', [kl(2, 1000), kl(3, 1000)]);
    const zip = join(dir, 'ETHUSDT-1m-2025-06-22.zip');
    writeFileSync(zip, zipSync({ 'ETHUSDT-1m-2025-06-22.csv': strToU8(`${kl(4)}\n${kl(5)}\n`) }));
    const results = [withHeader, noHeader, zip].flatMap((p) => importPath(dir, p));
    expect(results.map((r) => [r.kind, r.symbol, r.rows])).toEqual([
      ['binance-klines', 'ETH/USDT:USDT', 2], ['binance-klines', 'ETH/USDT:USDT', 2], ['binance-klines', 'ETH/USDT:USDT', 2],
    ]);
    expect(results[2]?.input).toMatch(/\.zip:ETHUSDT-1m-2025-06-22\.csv$/);
    expect(Array.from(readCandles(dir, normaliseSymbol('ETH'), '1m').ts)).toEqual([0, 1, 2, 3, 4, 5].map(t));
  });

  it('takes the symbol from --symbol when the file name does not tell it', () => {
    const dir = tempDir('symbol');
    const p = file(dir, 'candles.csv', [HEADER, row(0), row(1)]);
    expect(() => importPath(dir, p)).toThrow(UsageError);
    expect(() => importPath(dir, p)).toThrow(/pass --symbol/);
    expect(importPath(dir, p, { symbol: 'sol' })[0]?.symbol).toBe('SOL/USDT:USDT');
  });

  it('refuses content it does not recognise with the list of accepted formats', () => {
    const dir = tempDir('unknown');
    const p = file(dir, 'BTCUSDT.csv', ['a,b,c', '1,2,3']);
    expect(() => importPath(dir, p)).toThrow(/unrecognised content.*ccxt OHLCV CSV/);
  });
});

describe('import of funding, mark candles and market facts', () => {
  it('stores funding events with their own times, whatever the interval', () => {
    const dir = tempDir('funding');
    const h = 3_600_000;
    const base = Date.UTC(2025, 5, 20);
    const p = file(dir, 'funding.csv', ['timestamp,symbol,funding_rate', `${base},BTCUSDT,0.0001`, `${base + 8 * h},BTCUSDT,-0.00005`, `${base + 12 * h},BTCUSDT,0.0002`]);
    const [r] = importPath(dir, p);
    expect(r).toMatchObject({ kind: 'funding', symbol: BTC, rows: 3, added: 3 });
    const f = readFunding(dir, BTC);
    expect(Array.from(f.ts)).toEqual([base, base + 8 * h, base + 12 * h]);
    expect(Array.from(f.rate)).toEqual([0.0001, -0.00005, 0.0002]);
    expect(importPath(dir, p)[0]).toMatchObject({ added: 0, unchanged: 3 });
  });

  it('refuses a funding file with a duplicated event, naming the lines', () => {
    const dir = tempDir('funding-dup');
    const p = file(dir, 'funding.csv', ['timestamp,symbol,funding_rate', '1750377600000,BTCUSDT,0.0001', '1750377600000,BTCUSDT,0.0001']);
    expect(() => importPath(dir, p)).toThrow(/line 3: funding time 1750377600000 duplicates line 2/);
  });

  it('stores mark-price candles apart from last-price candles', () => {
    const dir = tempDir('mark');
    const h = 3_600_000;
    const p = file(dir, 'BTCUSDT_mark_1h_2025.csv', ['timestamp,open,high,low,close', `${t(0)},100.123,101,99,100.5`, `${t(0) + h},100.5,101,99,100.7`]);
    expect(importPath(dir, p)[0]).toMatchObject({ kind: 'mark-candles', timeframe: '1h', rows: 2 });
    expect(readCandles(dir, BTC, '1h', { kind: 'mark' }).close[1]).toBe(100.7);
    expect(() => readCandles(dir, BTC, '1h')).toThrow(/no 1h candles/);
  });

  it('reads tick, step and minimum notional from the real exchangeInfo capture', () => {
    const dir = tempDir('facts');
    importPath(dir, EXCHANGE_INFO_SUBSET);
    expect(readMarketFacts(dir, BTC)).toMatchObject({ id: 'BTCUSDT', tickSize: 0.1, stepSize: 0.001, minNotional: 100 });
    expect(readMarketFacts(dir, normaliseSymbol('ETH'))).toMatchObject({ tickSize: 0.01, stepSize: 0.001, minNotional: 20 });
    expect(readMarketFacts(dir, normaliseSymbol('SOL'))).toMatchObject({ tickSize: 0.01, stepSize: 1, minNotional: 5 });
  });
});
