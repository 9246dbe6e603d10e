/**
 * `coinbot reeval`'s engine: for each symbol, the live set from `config/live/<SYM>.env`, the
 * grid around it, the sweep, the verdict, and the report material; then the fingerprint over
 * data, grid, code and settings. Returns plain data; writing files is the caller's job.
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
import { flatReference, type Metrics } from '../stats/summary.js';
import { liveRecord, type LiveRecord } from '../checks/live-record.js';
import type { JournalEntry } from '../live/journal.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import { baseOf, normaliseSymbol, type PerpSymbol } from '../symbols.js';
import { formatInstant, formatRange, parseInstant, timeframeMs, type TimeRange } from '../time.js';
import type { VerdictConfig } from '../verdict/index.js';
import { lowerBound } from '../data/candle-series.js';
import { dataQuality } from './data-quality.js';
import { gridFromFile, type GridFile } from './grid-file.js';
import type { Grid, ParamSet } from './grid.js';
import { regimeContext } from './regime-context.js';
import { RESULTS_SCHEMA_VERSION, type ReevalResults, type SymbolResults } from './reeval-results.js';
import { detailRuns, rankSets } from './set-details.js';
import type { FeeRates } from './sweep-context.js';
import { sweepSymbol } from './sweep-symbol.js';
import { buildSetTable } from './set-table.js';
import { latestCommonClose, planWindows, type WindowPlan } from './window-plan.js';

/** Options of {@link runReeval}. */
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
  const c = inputs.candles;
  const first = c.ts[0] as number;
  if (first > windows.full.from) {
    throw new NoDataError(
      `${symbol}: the window ${formatRange(windows.full)} starts before the first cached candle ${formatInstant(first)}: fetch or import more history, or shorten --hours`,
    );
  }
}

/** The record of the journal whose header names `symbol`, if one was given. */
function liveRecordOf(
  journals: readonly JournalEntry[][] | undefined,
  symbol: PerpSymbol,
  window: TimeRange,
  tfMs: number,
  simulated: Metrics | undefined,
): { liveRecord?: LiveRecord } {
  const j = journals?.find((e) => e.some((x) => x.t === 'start' && x.symbol === symbol));
  return j === undefined || simulated === undefined ? {} : { liveRecord: liveRecord(j, window, tfMs, simulated) };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Runs the whole re-evaluation. Side effects: worker threads, reading the cache and config. */
// Over 80 lines: per symbol, load → sweep → verdict → results, in the order they run; a candidate
// for named steps (not done in issue 15's cleanup for lack of time).
export async function runReeval(o: ReevalOptions): Promise<ReevalResults> {
  const strategy = o.strategy;
  if (strategy.sweep === undefined)
    throw new ConfigError(`strategy ${strategy.name} cannot be re-evaluated (no sweep grid)`);
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
  const symbols: SymbolResults[] = [];
  for (const [k, symbol] of o.symbols.entries()) {
    const input = inputs[k] as CachedInputs;
    const baseline = baselines[k] as { params: ParamSet; source: string };
    checkCoverage(symbol, input, windows);
    const grid: Grid = o.gridFile
      ? gridFromFile(o.gridFile, symbol, baseline.params, strategy)
      : strategy.sweep.defaultGrid(baseline.params);
    const out = await sweepSymbol({
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
      ...(o.onProgress ? { onProgress: (d: number, t: number) => o.onProgress?.(symbol, d, t) } : {}),
    });
    const ranking = rankSets(out);
    const c = input.candles;
    const a = lowerBound(c.ts, windows.full.from);
    const b = lowerBound(c.ts, windows.full.to);
    const basis = { notionalUsdt: Number(baseline.params.ORDER_NOTIONAL_USDT), windowMs: 0, periodsPerYear: 0 };
    const flat = (w: keyof WindowPlan) =>
      flatReference(lowerBound(c.ts, windows[w].to) - lowerBound(c.ts, windows[w].from), {
        ...basis,
        windowMs: windows[w].to - windows[w].from,
      });
    symbols.push({
      symbol,
      baseline: { id: out.points[out.baselineIndex]?.id ?? '', params: baseline.params, source: baseline.source },
      grid: {
        axes: grid,
        rawPoints: out.rawPoints,
        distinctSets: out.points.length,
        invalidSets: out.invalidPoints,
        warmupCandles: out.warmupCandles,
      },
      data: {
        range: { from: c.ts[out.consumed.from] as number, to: (c.ts[out.consumed.to - 1] as number) + step },
        candles: out.consumed.to - out.consumed.from,
        digest: out.dataDigest,
        facts: input.facts,
        factsSource: input.factsSource,
      },
      dataQuality: dataQuality(c, input.funding, windows.full, step),
      regime: regimeContext(c, windows.full),
      flat: { full: flat('full'), h1: flat('h1'), h2: flat('h2') },
      ranking,
      analysis: out.analysis,
      stress: out.stress,
      verdict: out.verdict,
      detail: await detailRuns(out, ranking),
      price: { t: Array.from(c.ts.subarray(a, b)), close: Array.from(c.close.subarray(a, b)) },
      sets: buildSetTable(
        out.points,
        out.outcomes,
        grid.map(([n]) => n),
        out.baselineIndex,
      ),
      ...liveRecordOf(o.journals, symbol, windows.full, step, out.outcomes[out.baselineIndex]?.full.metrics),
    });
  }
  const parts = {
    data: sha(stableJson(symbols.map((s) => ({ symbol: s.symbol, digest: s.data.digest })))),
    grid: sha(stableJson(symbols.map((s) => ({ symbol: s.symbol, axes: s.grid.axes, baseline: s.baseline.params })))),
    code: reevalCodeHash(strategy.name),
    settings: sha(stableJson({ windows, hours: o.hours, blockMs: o.blockMs, fees: o.fees, verdict: o.verdict })),
    // Only when journals are given, so runs without them keep their fingerprint.
    ...(o.journals === undefined || o.journals.length === 0 ? {} : { journals: sha(stableJson(o.journals)) }),
  };
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    kind: 'coinbot.reeval.results',
    fingerprint: sha(stableJson(parts)),
    fingerprintParts: parts,
    strategy: { name: strategy.name, apiVersion: strategy.apiVersion },
    window: { hours: o.hours, end: windows.full.to, ...windows },
    settings: { blockMs: o.blockMs, fees: o.fees, verdict: o.verdict },
    symbols,
  };
}

/**
 * The code part of a re-evaluation's fingerprint: the simulator, runner, sweep, verdict and the
 * strategy's sources (sha256 hex). `coinbot promote` compares a run's with the current code's.
 */
export function reevalCodeHash(strategyName: string): string {
  return hashSources([...HASHED_SOURCES, 'engine/sweep', 'engine/verdict', `strategies/${strategyName}`]);
}
