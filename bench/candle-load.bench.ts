/**
 * Benchmark: loading one symbol's whole cached window (target ≥ 2 M candles/s, issue "Candle
 * data"). Uses the 49-day shared BTC file when ../shared/data is beside the clone, else the
 * bundled 3-day sample (and says so). Prints figures and the ratio to the target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importPath } from '../src/engine/data/import/import-file.js';
import { readCandles } from '../src/engine/data/candle-store.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { SAMPLE_DATA_DIR, SHARED_DATA } from '../test-support/repo-paths.js';

/** Runs the benchmark and returns a one-line verdict. */
export async function benchCandleLoad(): Promise<string> {
  const BTC = normaliseSymbol('BTC');
  let dataDir = SAMPLE_DATA_DIR;
  let tmp: string | undefined;
  if (SHARED_DATA !== undefined) {
    tmp = mkdtempSync(join(tmpdir(), 'coinbot-bench-'));
    importPath(tmp, resolve(SHARED_DATA, 'candles/BTCUSDT_1m_2025-05-04_2025-06-24.csv'));
    dataDir = tmp;
  } else {
    console.warn('*** candle-load: ../shared/data absent: measuring the 3-day sample only ***');
  }
  try {
    readCandles(dataDir, BTC, '1m'); // warm the page cache and the JIT
    const reps = 20;
    let n = 0;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) n += readCandles(dataDir, BTC, '1m').length;
    const s = (performance.now() - t0) / 1000;
    const rate = n / s;
    return `candle-load: ${n / reps} candles × ${reps} in ${(s * 1000).toFixed(0)} ms = ${(rate / 1e6).toFixed(1)} M candles/s (target 2 M/s, ratio ${(rate / 2e6).toFixed(1)}×)`;
  } finally {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  }
}
