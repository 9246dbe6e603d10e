/**
 * What a re-evaluation will evaluate, known before it simulates anything: each symbol's live set,
 * cached inputs, grid and sweep extent, the windows, and the fingerprint over data, grid, code and
 * settings. A single run, every shard of `reeval --shard` and `coinbot merge` build the same plan
 * from the same inputs, so they agree on the set order and on the fingerprint.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvFile } from '../config/env-file.js';
import { resolveParams } from '../config/resolve-params.js';
import { ConfigError, NoDataError } from '../errors.js';
import { HASHED_SOURCES, hashSources } from '../fingerprint/source-hash.js';
import { stableJson } from '../fingerprint/fingerprint.js';
import { loadCachedInputs, type CachedInputs } from '../sim/load-inputs.js';
import type { JournalEntry } from '../live/journal.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import { baseOf, normaliseSymbol, type PerpSymbol } from '../symbols.js';
import { formatInstant, formatRange, parseInstant, timeframeMs } from '../time.js';
import type { VerdictConfig } from '../verdict/index.js';
import { gridFromFile, type GridFile } from './grid-file.js';
import type { Grid, ParamSet } from './grid.js';
import type { ReevalResults } from './reeval-results.js';
import type { FeeRates, SetOutcome } from './sweep-context.js';
import { sweepExtent, type SweepExtent } from './sweep-extent.js';
import type { SymbolSweepInput } from './sweep-symbol.js';
import { latestCommonClose, planWindows, type WindowPlan } from './window-plan.js';

/** Options of a re-evaluation (single run, shard or merge). */
export interface ReevalOptions {
  readonly strategy: AnyStrategy;
  /** The strategy's module, for the sweep's worker threads (from the registry). */
  readonly strategyModule: StrategyModuleRef;
  readonly dataDir: string;
  readonly configDir: string;
  readonly symbols: readonly PerpSymbol[];
  readonly hours: number;
  /** `latest` or an instant (ISO/ms) for the window's exclusive end. */
  readonly end: string;
  readonly gridFile?: GridFile;
  readonly workers: number;
  readonly blockMs: number;
  readonly fees: FeeRates;
  readonly verdict: VerdictConfig;
  readonly onProgress?: (symbol: PerpSymbol, done: number, total: number) => void;
  /** Live journals (one unit each): their record over the window is put beside the simulated live set. */
  readonly journals?: readonly JournalEntry[][];
  /**
   * Every set's outcome per symbol (in `symbols` order, each in set order), already computed by
   * the shards of a merge: the worker pool is skipped, everything after it runs as in a single run.
   */
  readonly outcomes?: readonly (readonly SetOutcome[])[];
}

/** One symbol of a {@link ReevalPlan}. */
export interface SymbolPlan {
  readonly symbol: PerpSymbol;
  readonly baseline: { readonly params: ParamSet; readonly source: string };
  readonly inputs: CachedInputs;
  readonly grid: Grid;
  /** The input of this symbol's sweep (without progress callback). */
  readonly sweep: SymbolSweepInput;
  readonly extent: SweepExtent;
}

/** A re-evaluation's plan: per symbol, what is evaluated; and the fingerprint of it all. */
export interface ReevalPlan {
  readonly windows: WindowPlan;
  /** Candle step (ms). */
  readonly step: number;
  readonly symbols: readonly SymbolPlan[];
  readonly fingerprint: string;
  readonly fingerprintParts: ReevalResults['fingerprintParts'] & { readonly journals?: string };
}

/** The live set of `symbol` from `<configDir>/<BASE>.env`, validated. */
export function loadBaseline(
  strategy: AnyStrategy,
  configDir: string,
  symbol: PerpSymbol,
): { params: ParamSet; source: string } {
  const source = join(configDir, `${baseOf(symbol)}.env`);
  if (!existsSync(source))
    throw new ConfigError(
      `no live set for ${symbol}: ${source} is missing; create it (KEY=VALUE lines) or drop the symbol`,
    );
  const { params, extras } = resolveParams(strategy, [readEnvFile(source)]);
  if (extras.SYMBOL !== undefined && normaliseSymbol(extras.SYMBOL) !== symbol) {
    throw new ConfigError(`${source}: SYMBOL=${extras.SYMBOL} is not ${symbol}; fix the file`);
  }
  return { params: params as ParamSet, source };
}

function checkCoverage(symbol: PerpSymbol, inputs: CachedInputs, windows: WindowPlan): void {
  const first = inputs.candles.ts[0] as number;
  if (first > windows.full.from) {
    throw new NoDataError(
      `${symbol}: the window ${formatRange(windows.full)} starts before the first cached candle ${formatInstant(first)}: fetch or import more history, or shorten --hours`,
    );
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The code part of a re-evaluation's fingerprint: the simulator, runner, sweep, verdict and the
 * strategy's sources (sha256 hex). `coinbot promote` compares a run's with the current code's.
 */
export function reevalCodeHash(strategyName: string): string {
  return hashSources([...HASHED_SOURCES, 'engine/sweep', 'engine/verdict', `strategies/${strategyName}`]);
}

function fingerprintParts(o: ReevalOptions, windows: WindowPlan, symbols: readonly SymbolPlan[]) {
  return {
    data: sha(stableJson(symbols.map((s) => ({ symbol: s.symbol, digest: s.extent.dataDigest })))),
    grid: sha(stableJson(symbols.map((s) => ({ symbol: s.symbol, axes: s.grid, baseline: s.baseline.params })))),
    code: reevalCodeHash(o.strategy.name),
    settings: sha(stableJson({ windows, hours: o.hours, blockMs: o.blockMs, fees: o.fees, verdict: o.verdict })),
    // Only when journals are given, so runs without them keep their fingerprint.
    ...(o.journals === undefined || o.journals.length === 0 ? {} : { journals: sha(stableJson(o.journals)) }),
  };
}

/**
 * Plans a re-evaluation: reads the live sets and the cache, resolves the window, expands each
 * symbol's grid. Side effects: reads files only; no simulation, no worker threads.
 * @param onSymbol called with each symbol's plan as soon as it is made (in symbol order), so a
 *   run can start simulating it while the next symbols are planned.
 * @throws ConfigError (no sweep grid, missing or invalid live set), NoDataError (window not cached).
 */
export function planReeval(o: ReevalOptions, onSymbol?: (sp: SymbolPlan, k: number) => void): ReevalPlan {
  const strategy = o.strategy;
  if (strategy.sweep === undefined)
    throw new ConfigError(`strategy ${strategy.name} cannot be re-evaluated (no sweep grid)`);
  const sweep = strategy.sweep;
  const baselines = o.symbols.map((s) => loadBaseline(strategy, o.configDir, s));
  const timeframe = String(baselines[0]?.params.TIMEFRAME ?? '1m');
  const step = timeframeMs(timeframe);
  const inputs = o.symbols.map((s) => loadCachedInputs(o.dataDir, s, timeframe));
  const end =
    o.end === 'latest'
      ? latestCommonClose(
          inputs.map((i) => i.candles.ts[i.candles.length - 1] as number),
          step,
        )
      : parseInstant(o.end, '--end');
  const windows = planWindows(end, o.hours, step);
  const symbols = o.symbols.map((symbol, k): SymbolPlan => {
    const input = inputs[k] as CachedInputs;
    const baseline = baselines[k] as { params: ParamSet; source: string };
    checkCoverage(symbol, input, windows);
    const grid: Grid = o.gridFile
      ? gridFromFile(o.gridFile, symbol, baseline.params, strategy)
      : sweep.defaultGrid(baseline.params);
    const sweepInput: SymbolSweepInput = {
      symbol,
      strategy,
      strategyModule: o.strategyModule,
      inputs: input,
      baseline: baseline.params,
      grid,
      windows,
      blockMs: o.blockMs,
      fees: o.fees,
      verdict: o.verdict,
      workers: o.workers,
    };
    const sp = { symbol, baseline, inputs: input, grid, sweep: sweepInput, extent: sweepExtent(sweepInput) };
    onSymbol?.(sp, k);
    return sp;
  });
  const parts = fingerprintParts(o, windows, symbols);
  return { windows, step, symbols, fingerprint: sha(stableJson(parts)), fingerprintParts: parts };
}
