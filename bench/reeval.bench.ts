/**
 * Benchmark: the re-evaluation sweep on the bundled sample (ETH, the default grid around the
 * live set, 48 h), with 1 and with all worker threads. Prints sets/s, the speed-up and the peak
 * RSS of the main process. The README's main command runs this sweep for BTC and ETH.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { runReeval } from '../src/engine/sweep/run-reeval.js';
import { parseVerdictConfig } from '../src/engine/verdict/index.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { strategies } from '../src/strategies/index.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../test-support/repo-paths.js';

async function timed(workers: number): Promise<{ sets: number; s: number }> {
  const strategy = strategies.get('atr-breakout');
  if (strategy === undefined) throw new Error('atr-breakout missing');
  const t0 = performance.now();
  const r = await runReeval({
    strategy, dataDir: SAMPLE_DATA_DIR, configDir: resolve(REPO_ROOT, 'config/live'), symbols: [normaliseSymbol('ETH')],
    hours: 48, end: 'latest', workers, blockMs: 3_600_000, fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 }, verdict: parseVerdictConfig({}),
  });
  return { sets: r.symbols[0]?.grid.distinctSets ?? 0, s: (performance.now() - t0) / 1000 };
}

/** Runs the benchmark and returns a one-line summary. */
export async function benchReeval(): Promise<string> {
  const n = Math.max(1, availableParallelism());
  const one = await timed(1);
  const all = n > 1 ? await timed(n) : one;
  const rss = process.resourceUsage().maxRSS / 1024;
  return `reeval: ETH sample, ${one.sets} sets × 3 windows: 1 worker ${one.s.toFixed(1)} s (${(one.sets / one.s).toFixed(0)} sets/s), ${n} workers ${all.s.toFixed(1)} s (speed-up ${(one.s / all.s).toFixed(2)}×), main peak RSS ${rss.toFixed(0)} MB`;
}
