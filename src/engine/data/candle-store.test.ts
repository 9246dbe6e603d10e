import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCandles, writeCandles, listCandleSets, hasCandles } from './candle-store.js';
import { seriesFromCandles } from './candle-series.js';
import { normaliseSymbol } from '../symbols.js';
import { DataError, NoDataError } from '../errors.js';
import { candleDir } from './cache-layout.js';
import { tempDir } from '../../../test-support/temp-dir.js';

const BTC = normaliseSymbol('BTC');
const M = 60_000;
const T0 = Date.UTC(2025, 5, 30, 23, 58); // two candles before a month boundary
const candle = (i: number, close = 100 + i) => ({ ts: T0 + i * M, open: 100, high: 200, low: 50, close, volume: i });

describe('candle store', () => {
  it('splits candles into UTC-month files and reads them back as one series', () => {
    const dir = tempDir('store');
    const r = writeCandles(dir, seriesFromCandles(BTC, '1m', [0, 1, 2, 3].map((i) => candle(i))));
    expect(r.added).toBe(4);
    expect(readdirSync(candleDir(dir, BTC, '1m', 'last')).sort()).toEqual(['2025-06.arrow', '2025-07.arrow']);
    const s = readCandles(dir, BTC, '1m');
    expect(Array.from(s.ts)).toEqual([0, 1, 2, 3].map((i) => T0 + i * M));
    expect(Array.from(s.close)).toEqual([100, 101, 102, 103]);
  });

  it('reads a half-open range over open times', () => {
    const dir = tempDir('range');
    writeCandles(dir, seriesFromCandles(BTC, '1m', [0, 1, 2, 3].map((i) => candle(i))));
    const s = readCandles(dir, BTC, '1m', { range: { from: T0 + M, to: T0 + 3 * M } });
    expect(Array.from(s.ts)).toEqual([T0 + M, T0 + 2 * M]);
  });

  it('dedupes identical candles and leaves files untouched when rewriting the same data', () => {
    const dir = tempDir('dedupe');
    const s = seriesFromCandles(BTC, '1m', [0, 1].map((i) => candle(i)));
    writeCandles(dir, s);
    const again = writeCandles(dir, s);
    expect(again).toMatchObject({ added: 0, unchanged: 2, replaced: 0, files: [] });
    const merged = writeCandles(dir, seriesFromCandles(BTC, '1m', [1, 2].map((i) => candle(i))));
    expect(merged).toMatchObject({ added: 1, unchanged: 1 });
    expect(readCandles(dir, BTC, '1m').length).toBe(3);
  });

  it('refuses a cached candle with different values unless told to replace', () => {
    const dir = tempDir('conflict');
    writeCandles(dir, seriesFromCandles(BTC, '1m', [candle(0)]));
    const changed = seriesFromCandles(BTC, '1m', [candle(0, 150)]);
    expect(() => writeCandles(dir, changed, { source: 'x.csv' })).toThrow(DataError);
    expect(() => writeCandles(dir, changed, { source: 'x.csv' })).toThrow(/x\.csv: candle 2025-06-30T23:58:00Z differs.*--replace/);
    expect(writeCandles(dir, changed, { onConflict: 'replace' }).replaced).toBe(1);
    expect(readCandles(dir, BTC, '1m').close[0]).toBe(150);
  });

  it('raises NoDataError naming the fix when nothing is cached', () => {
    const dir = tempDir('empty');
    expect(() => readCandles(dir, BTC, '1m')).toThrow(NoDataError);
    expect(() => readCandles(dir, BTC, '1m')).toThrow(/coinbot import.*coinbot fetch/);
    expect(hasCandles(dir, BTC, '1m')).toBe(false);
  });

  it('refuses a corrupt cache file with a data error naming it', () => {
    const dir = tempDir('corrupt');
    writeCandles(dir, seriesFromCandles(BTC, '1m', [candle(0)]));
    writeFileSync(join(candleDir(dir, BTC, '1m', 'last'), '2025-06.arrow'), 'garbage');
    expect(() => readCandles(dir, BTC, '1m')).toThrow(/2025-06\.arrow: not a readable Arrow cache file/);
  });

  it('ignores temp files left by a killed writer', () => {
    const dir = tempDir('temps');
    writeCandles(dir, seriesFromCandles(BTC, '1m', [candle(0)]));
    writeFileSync(join(candleDir(dir, BTC, '1m', 'last'), '.2025-06.arrow.tmp-1-1'), 'half written');
    expect(readCandles(dir, BTC, '1m').length).toBe(1);
    writeCandles(dir, seriesFromCandles(BTC, '1m', [candle(1)]));
    expect(readdirSync(candleDir(dir, BTC, '1m', 'last'))).toEqual(['2025-06.arrow']);
    expect(listCandleSets(dir)).toEqual([{ symbol: BTC, timeframe: '1m', kind: 'last' }]);
  });
});
