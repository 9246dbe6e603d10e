/**
 * The re-evaluation as `coinbot reeval` runs it (same engine function, `runReeval`, with the
 * CLI's defaults: Binance USDT-M fees, hourly blocks, the default verdict thresholds, the live
 * sets in `config/live/`), for notebooks that re-evaluate several windows or want a compact grid.
 * Side effects: worker threads while it runs; reads the cache and `config/live/`.
 */
import { resolve } from 'node:path';
import { BINANCE_USDM_FEES } from '../../src/engine/sim/sim-settings.js';
import type { GridFile } from '../../src/engine/sweep/grid-file.js';
import type { ReevalResults } from '../../src/engine/sweep/reeval-results.js';
import { runReeval } from '../../src/engine/sweep/run-reeval.js';
import { normaliseSymbol } from '../../src/engine/symbols.js';
import { parseVerdictConfig } from '../../src/engine/verdict/index.js';
import { atrBreakout } from '../../src/strategies/atr-breakout/atr-breakout.js';
import { strategyModuleOf } from '../../src/strategies/index.js';
import { REPO_ROOT } from './notebook-args.js';

/**
 * A compact grid around each live set (≈ 40 sets instead of 6,720): the gate, the lookback and
 * the brackets, the axes the README's verdict table found to matter. `quick`: ≈ 24 sets.
 */
export function compactGrid(quick: boolean): GridFile {
  return {
    path: quick ? '(notebooks: quick grid)' : '(notebooks: compact grid)',
    all: {
      ATR_GATE_MULT: quick ? [1.5, 2.5] : [1.25, 1.5, 2, 3],
      BREAKOUT_LOOKBACK: [20, 60],
      SL_ATR_MULT: [1.5, 3],
      TP_ATR_MULT: [2, 4],
    },
    perSymbol: {},
  };
}

/** Options of {@link reevaluate}. */
export interface ReevaluateOptions {
  readonly dataDir: string;
  readonly symbols: readonly string[];
  readonly hours: number;
  /** `latest` or an instant (ms or ISO) for the window's exclusive end. */
  readonly end: string | number;
  /** A grid file; absent = the strategy's default grid (6,720 distinct sets per symbol). */
  readonly grid?: GridFile;
  readonly workers?: number;
}

/** Runs the re-evaluation and returns what `results.json` would hold (nothing is written). */
export function reevaluate(o: ReevaluateOptions): Promise<ReevalResults> {
  return runReeval({
    strategy: atrBreakout,
    strategyModule: strategyModuleOf(atrBreakout.name),
    dataDir: o.dataDir,
    configDir: resolve(REPO_ROOT, 'config/live'),
    symbols: o.symbols.map((s) => normaliseSymbol(s)),
    hours: o.hours,
    end: String(o.end),
    ...(o.grid ? { gridFile: o.grid } : {}),
    workers: o.workers ?? 1,
    blockMs: 60 * 60_000,
    fees: BINANCE_USDM_FEES,
    verdict: parseVerdictConfig({}),
  });
}
