/**
 * `coinbot walkforward`'s engine: replays the team's re-evaluation step by step over history.
 * Per symbol, at every step time: one sweep of the in-sample window over the default grid
 * around the *original* live set (the grid is the same at every step, so every set a policy can
 * hold is a grid point and keeps its id), the verdict against the `verdict` policy's own set,
 * then every policy's set on the out-of-sample window. Steps come from the step cache when
 * their fingerprint is there. Returns plain data; writing files is the caller's job.
 */
import { createHash } from 'node:crypto';
import { ConfigError, invariant } from '../errors.js';
import { stableJson } from '../fingerprint/fingerprint.js';
import { HASHED_SOURCES, hashSources } from '../fingerprint/source-hash.js';
import { loadCachedInputs, type CachedInputs } from '../sim/load-inputs.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { PerpSymbol } from '../symbols.js';
import { timeframeMs } from '../time.js';
import { expandGrid, type Grid, type ParamSet } from '../sweep/grid.js';
import { gridFromFile, type GridFile } from '../sweep/grid-file.js';
import { loadBaseline } from '../sweep/run-reeval.js';
import type { FeeRates } from '../sweep/sweep-context.js';
import { latestCommonClose } from '../sweep/window-plan.js';
import type { VerdictConfig } from '../verdict/index.js';
import { runStep, type StepRecord, type SymbolWalk } from './run-step.js';
import { stepCache, type StepCache } from './step-cache.js';
import { stepDataDigest, stepFingerprint } from './step-fingerprint.js';
import { planSteps, type WalkStep } from './step-plan.js';
import { summariseSymbol } from './symbol-summary.js';
import { walkPolicies } from './walk-policies.js';
import { WALKFORWARD_SCHEMA_VERSION, type SymbolWalkResults, type WalkforwardResults } from './walkforward-results.js';

/** Options of {@link runWalkforward}. Times ms UTC. */
export interface WalkforwardOptions {
  readonly strategy: AnyStrategy;
  readonly strategyModule: StrategyModuleRef;
  readonly dataDir: string;
  readonly configDir: string;
  readonly symbols: readonly PerpSymbol[];
  readonly hours: number;
  readonly everyMs: number;
  readonly from?: number;
  readonly to?: number;
  readonly gridFile?: GridFile;
  readonly promotionDelayMs: number;
  readonly workers: number;
  readonly blockMs: number;
  readonly fees: FeeRates;
  readonly verdict: VerdictConfig;
  /** CSCV groups of the in-sample window (default 16). */
  readonly pboGroups?: number;
  /** Step cache folder (undefined: no cache). */
  readonly cacheDir?: string;
  /** (symbol, step index, steps, sets done in the step, sets in the step). */
  readonly onProgress?: (symbol: PerpSymbol, step: number, steps: number, done: number, total: number) => void;
  /** Test hook: throw {@link WalkStopped} after this many steps were computed (not read from the cache). */
  readonly stopAfterComputedSteps?: number;
}

/** Thrown by the test hook `stopAfterComputedSteps`: a simulated kill. */
export class WalkStopped extends Error {}

/** The code part of the fingerprint: simulator, runner, sweep, verdict, walk-forward, strategy. */
export function walkforwardCodeHash(strategyName: string): string {
  return hashSources([
    ...HASHED_SOURCES,
    'engine/sweep',
    'engine/verdict',
    'engine/walkforward',
    `strategies/${strategyName}`,
  ]);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** The live set's id and the largest warm-up of the grid, by the same rules as the sweep. */
function gridFacts(strategy: AnyStrategy, grid: Grid, baseline: ParamSet): { liveSetId: string; warmup: number } {
  const sweep = strategy.sweep;
  invariant(sweep !== undefined, 'strategy without sweep support');
  const points = expandGrid(grid, baseline, baseline, (p) => sweep.canonical(p as never) as ParamSet).filter(
    (p) => strategy.params.zod.safeParse(p.params).success && strategy.checks.every((c) => c(p.params) === null),
  );
  const live = points.findIndex((p) => p.isBaseline);
  invariant(live >= 0, 'the live set is not a valid grid point');
  return {
    liveSetId: `s${String(live).padStart(4, '0')}`,
    warmup: Math.max(...points.map((p) => strategy.warmupCandles(p.params as never))),
  };
}

interface Prepared {
  readonly walk: SymbolWalk;
  readonly live: { id: string; params: ParamSet; source: string };
  readonly warmup: number;
}

function prepare(o: WalkforwardOptions, symbol: PerpSymbol, inputs: CachedInputs): Prepared {
  const strategy = o.strategy;
  if (strategy.sweep === undefined)
    throw new ConfigError(`strategy ${strategy.name} cannot be walked forward (no sweep grid)`);
  const baseline = loadBaseline(strategy, o.configDir, symbol);
  const grid = o.gridFile
    ? gridFromFile(o.gridFile, symbol, baseline.params, strategy)
    : strategy.sweep.defaultGrid(baseline.params);
  const facts = gridFacts(strategy, grid, baseline.params);
  return {
    walk: {
      symbol,
      strategy,
      strategyModule: o.strategyModule,
      inputs,
      baseline: baseline.params,
      grid,
      blockMs: o.blockMs,
      fees: o.fees,
      verdict: o.verdict,
      workers: o.workers,
      pboGroups: o.pboGroups ?? 16,
    },
    live: { id: facts.liveSetId, params: baseline.params, source: baseline.source },
    warmup: facts.warmup,
  };
}

/** Runs the walk-forward. Side effects: worker threads, reading the cache and config, writing the step cache. */
export async function runWalkforward(o: WalkforwardOptions): Promise<WalkforwardResults> {
  const first = o.symbols[0];
  invariant(first !== undefined, 'walk-forward without symbols');
  const timeframe = String(loadBaseline(o.strategy, o.configDir, first).params.TIMEFRAME ?? '1m');
  const stepMs = timeframeMs(timeframe);
  const inputs = o.symbols.map((s) => loadCachedInputs(o.dataDir, s, timeframe));
  const prepared = o.symbols.map((s, k) => prepare(o, s, inputs[k] as CachedInputs));
  const steps = planSteps({
    firstOpen: Math.max(...inputs.map((i) => i.candles.ts[0] as number)),
    dataEnd: latestCommonClose(
      inputs.map((i) => i.candles.ts[i.candles.length - 1] as number),
      stepMs,
    ),
    warmupCandles: Math.max(...prepared.map((p) => p.warmup)),
    stepMs,
    hours: o.hours,
    everyMs: o.everyMs,
    ...(o.from !== undefined ? { from: o.from } : {}),
    ...(o.to !== undefined ? { to: o.to } : {}),
  });
  const code = walkforwardCodeHash(o.strategy.name);
  const cache = stepCache<StepRecord>(o.cacheDir);
  const budget = { computed: 0 };
  const symbols: SymbolWalkResults[] = [];
  for (const p of prepared) symbols.push(await walkSymbol(o, p, steps, code, cache, budget));
  const parts = {
    steps: sha(stableJson(symbols.map((s) => s.steps.map((r) => r.fingerprint)))),
    code,
    settings: sha(stableJson({ hours: o.hours, every: o.everyMs, delay: o.promotionDelayMs, from: o.from, to: o.to })),
  };
  return {
    schemaVersion: WALKFORWARD_SCHEMA_VERSION,
    kind: 'coinbot.walkforward.results',
    fingerprint: sha(stableJson(parts)),
    fingerprintParts: parts,
    strategy: { name: o.strategy.name, apiVersion: o.strategy.apiVersion },
    settings: {
      hours: o.hours,
      everyMs: o.everyMs,
      promotionDelayMs: o.promotionDelayMs,
      blockMs: o.blockMs,
      fees: o.fees,
      verdict: o.verdict,
      pboGroups: o.pboGroups ?? 16,
      from: o.from ?? null,
      to: o.to ?? null,
    },
    symbols,
  };
}

async function walkSymbol(
  o: WalkforwardOptions,
  p: Prepared,
  steps: readonly WalkStep[],
  code: string,
  cache: StepCache<StepRecord>,
  budget: { computed: number },
): Promise<SymbolWalkResults> {
  const w = p.walk;
  const settings = {
    grid: w.grid,
    baseline: w.baseline,
    hours: o.hours,
    blockMs: w.blockMs,
    fees: w.fees,
    verdict: w.verdict,
    pboGroups: w.pboGroups,
    code,
  };
  const record = async (step: WalkStep, judged: readonly string[]): Promise<StepRecord> => {
    const dataDigest = stepDataDigest(w.inputs, step, p.warmup);
    const key = stepFingerprint({ symbol: w.symbol, step, dataDigest, settings, judgedSetIds: judged });
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (o.stopAfterComputedSteps !== undefined && budget.computed >= o.stopAfterComputedSteps) throw new WalkStopped();
    const onProgress = (d: number, t: number) => o.onProgress?.(w.symbol, step.index, steps.length, d, t);
    const rec = await runStep({ ...w, onProgress }, step, judged, key);
    invariant(rec.liveSetId === p.live.id, `live set id ${rec.liveSetId} ≠ ${p.live.id}: grid ids drifted`);
    cache.put(key, rec);
    budget.computed++;
    return rec;
  };
  const rows = await walkPolicies(steps, p.live.id, o.promotionDelayMs, record);
  const summary = summariseSymbol(rows, { hours: o.hours, everyMs: o.everyMs, verdict: o.verdict, symbol: w.symbol });
  return {
    symbol: w.symbol,
    live: p.live,
    grid: { axes: w.grid, distinctSets: rows[0]?.sets ?? 0 },
    steps: rows,
    ...summary,
  };
}
