/**
 * The re-evaluation options of the README's main job on the bundled sample (48 h, default grid,
 * Binance taker/maker fees, default verdict settings), for the benchmarks that run its parts.
 */
import { resolve } from 'node:path';
import type { ReevalOptions } from '../src/engine/sweep/reeval-plan.js';
import type * as symbols from '../src/engine/symbols.js';
import type * as verdict from '../src/engine/verdict/index.js';
import type * as strategyRegistry from '../src/strategies/index.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../test-support/repo-paths.js';

/**
 * The modules the options are made with, the sources' or the build's (sweep-passes.ts): taken
 * as an argument, so a bundle of a benchmark holds no second copy of the engine.
 */
export type OptionModules = Pick<typeof symbols, 'normaliseSymbol'> &
  Pick<typeof verdict, 'parseVerdictConfig'> &
  Pick<typeof strategyRegistry, 'strategies' | 'strategyModuleOf'>;

/** The main job's options for base coins `bases` on `workers` threads, made with the modules `m`. */
export function sampleReevalOptions(bases: readonly string[], workers: number, m: OptionModules): ReevalOptions {
  const strategy = m.strategies.get('atr-breakout');
  if (strategy === undefined) throw new Error('atr-breakout missing');
  return {
    strategy,
    strategyModule: m.strategyModuleOf(strategy.name),
    dataDir: SAMPLE_DATA_DIR,
    configDir: resolve(REPO_ROOT, 'config/live'),
    symbols: bases.map((b) => m.normaliseSymbol(b)),
    hours: 48,
    end: 'latest',
    workers,
    blockMs: 3_600_000,
    fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
    verdict: m.parseVerdictConfig({}),
  };
}
