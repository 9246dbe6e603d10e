/**
 * The re-evaluation options of the README's main job on the bundled sample (48 h, default grid,
 * Binance taker/maker fees, default verdict settings), for the benchmarks that run its parts.
 */
import { resolve } from 'node:path';
import type { ReevalOptions } from '../src/engine/sweep/reeval-plan.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { parseVerdictConfig } from '../src/engine/verdict/index.js';
import { strategies, strategyModuleOf } from '../src/strategies/index.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../test-support/repo-paths.js';

/** The main job's options for base coins `bases` on `workers` threads. */
export function sampleReevalOptions(bases: readonly string[], workers: number): ReevalOptions {
  const strategy = strategies.get('atr-breakout');
  if (strategy === undefined) throw new Error('atr-breakout missing');
  return {
    strategy,
    strategyModule: strategyModuleOf(strategy.name),
    dataDir: SAMPLE_DATA_DIR,
    configDir: resolve(REPO_ROOT, 'config/live'),
    symbols: bases.map((b) => normaliseSymbol(b)),
    hours: 48,
    end: 'latest',
    workers,
    blockMs: 3_600_000,
    fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
    verdict: parseVerdictConfig({}),
  };
}
