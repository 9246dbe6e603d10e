/**
 * One symbol's re-evaluation: expand the grid around the live set, evaluate every distinct set
 * on the full window and on both halves in worker threads (shared candles, indicators computed
 * once per distinct setting), then judge the sweep with the verdict statistics, re-running the
 * baseline and the top candidates under stressed costs. Deterministic for any worker count.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.js';
import { precomputeIndicators } from '../indicators/precompute.js';
import type { IndicatorSpec } from '../indicators/stream.js';
import { lowerBound } from '../data/candle-series.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { PerpSymbol } from '../symbols.js';
import { HOUR_MS, timeframeMs } from '../time.js';
import {
  analyseSymbol,
  decideVerdict,
  type SymbolAnalysis,
  type Verdict,
  type VerdictConfig,
} from '../verdict/index.js';
import { stableJson } from '../fingerprint/fingerprint.js';
import { expandGrid, rawGridSize, type Grid, type GridPoint, type ParamSet } from './grid.js';
import { runPool } from './worker-pool.js';
import { sharedFloat64, shareFunding, sharePrecomputed, shareSeries } from './shared-series.js';
import {
  runSetWindow,
  sweepContext,
  tidy,
  type FeeRates,
  type SetOutcome,
  type SweepContext,
  type SweepInit,
} from './sweep-context.js';
import type { SweepTask } from './sweep-worker.js';
import type { WindowPlan } from './window-plan.js';

/** Inputs of {@link sweepSymbol}. */
export interface SymbolSweepInput {
  readonly symbol: PerpSymbol;
  readonly strategy: AnyStrategy;
  /** The strategy's module, imported by the worker threads. */
  readonly strategyModule: StrategyModuleRef;
  readonly inputs: CachedInputs;
  /** The live set, validated. */
  readonly baseline: ParamSet;
  readonly grid: Grid;
  readonly windows: WindowPlan;
  readonly blockMs: number;
  readonly fees: FeeRates;
  readonly verdict: VerdictConfig;
  readonly workers: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A stressed re-run of one set on the full window. */
export interface StressRun {
  readonly setIndex: number;
  readonly setId: string;
  readonly netPnl: number;
  readonly trades: number;
}

/** Everything the sweep of one symbol determines (before report shaping). */
export interface SymbolSweepOutput {
  readonly points: readonly GridPoint[];
  readonly rawPoints: number;
  readonly invalidPoints: number;
  readonly warmupCandles: number;
  readonly baselineIndex: number;
  readonly outcomes: readonly SetOutcome[];
  readonly analysis: SymbolAnalysis;
  readonly stress: readonly StressRun[];
  readonly verdict: Verdict;
  /** Candle rows consumed (indices into `inputs.candles`), warm-up of `full` included. */
  readonly consumed: { readonly from: number; readonly to: number };
  /** sha256 of the consumed candles, funding, mark candles and market facts. */
  readonly dataDigest: string;
  /** The in-process context (for detail re-runs of chosen sets). */
  readonly context: SweepContext;
}

const CHUNK = 8;

function validPoints(strategy: AnyStrategy, points: readonly GridPoint[]): { valid: GridPoint[]; invalid: number } {
  const valid: GridPoint[] = [];
  let invalid = 0;
  for (const p of points) {
    const parsed = strategy.params.zod.safeParse(p.params);
    const ok = parsed.success && strategy.checks.every((c) => c(p.params) === null);
    if (ok) valid.push(p);
    else if (p.isBaseline)
      throw new ConfigError(
        `the live set itself is invalid: ${parsed.success ? strategy.checks.map((c) => c(p.params)).find((m) => m) : parsed.error.message}`,
      );
    else invalid += 1;
  }
  // Ids follow the valid sets' order so they are dense and stable.
  return { valid: valid.map((p, i) => ({ ...p, id: `s${String(i).padStart(4, '0')}` })), invalid };
}

function digest(inputs: CachedInputs, from: number, to: number, lastClose: number): string {
  const h = createHash('sha256');
  const col = (a: Float64Array, x: number, y: number) => {
    const s = a.subarray(x, y);
    h.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
  };
  const c = inputs.candles;
  h.update(`candles ${c.symbol} ${c.timeframe} ${to - from}\n`);
  for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) col(c[k], from, to);
  const f = inputs.funding;
  const fa = lowerBound(f.ts, c.ts[from] as number);
  const fb = lowerBound(f.ts, lastClose + 1);
  h.update(`funding ${fb - fa}\n`);
  col(f.ts, fa, fb);
  col(f.rate, fa, fb);
  if (inputs.mark) {
    const m = inputs.mark;
    const ma = lowerBound(m.ts, (c.ts[from] as number) - HOUR_MS);
    const mb = lowerBound(m.ts, lastClose + 1);
    h.update(`mark ${m.timeframe} ${mb - ma}\n`);
    for (const k of ['ts', 'open', 'close'] as const) col(m[k], ma, mb);
  }
  h.update(stableJson(inputs.facts));
  return h.digest('hex');
}

/** Runs one symbol's sweep. Side effects: worker threads while it runs. */
// Over 80 lines: grid expansion and validation, the worker pool and the output's assembly in the
// order they run; a candidate for named steps (not done in issue 15's cleanup for lack of time).
export async function sweepSymbol(input: SymbolSweepInput): Promise<SymbolSweepOutput> {
  const { strategy, inputs, windows } = input;
  const sweep = strategy.sweep;
  if (sweep === undefined)
    throw new ConfigError(`strategy ${strategy.name} has no sweep support; it cannot be re-evaluated`);
  const expanded = expandGrid(
    input.grid,
    input.baseline,
    input.baseline,
    (p) => sweep.canonical(p as never) as ParamSet,
  );
  const { valid: points, invalid } = validPoints(strategy, expanded);
  const warmupCandles = Math.max(...points.map((p) => strategy.warmupCandles(p.params)));
  const c = inputs.candles;
  const end = lowerBound(c.ts, windows.full.to);
  const startFull = Math.max(0, lowerBound(c.ts, windows.full.from) - warmupCandles);
  const startH2 = Math.max(0, lowerBound(c.ts, windows.h2.from) - warmupCandles);
  const specs: IndicatorSpec[] = points.flatMap((p) => Object.values(strategy.indicators(p.params)));
  const init: SweepInit = {
    strategyName: strategy.name,
    strategyModule: input.strategyModule,
    candles: shareSeries(c),
    funding: shareFunding(inputs.funding),
    mark: inputs.mark ? shareSeries(inputs.mark) : null,
    facts: inputs.facts,
    windows,
    warmupCandles,
    blockMs: input.blockMs,
    fees: input.fees,
    precomputed: {
      fromFull: sharePrecomputed(precomputeIndicators(specs, c, startFull, end, sharedFloat64)),
      fromH2: sharePrecomputed(precomputeIndicators(specs, c, startH2, end, sharedFloat64)),
    },
  };
  const tasks: SweepTask[] = [];
  for (let i = 0; i < points.length; i += CHUNK) tasks.push({ sets: points.slice(i, i + CHUNK).map((p) => p.params) });
  const chunks = await runPool<SweepInit, SweepTask, SetOutcome[]>({
    workers: input.workers,
    // Built (`dist/`): the compiled worker, started without tsx; from the sources: the `.ts`.
    workerUrl: new URL(`./sweep-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
    init,
    tasks,
    ...(input.onProgress
      ? {
          onProgress: (d: number, t: number) =>
            input.onProgress?.(Math.min(d * CHUNK, points.length), Math.min(t * CHUNK, points.length)),
        }
      : {}),
  });
  const outcomes = chunks.flat();
  const baselineIndex = points.findIndex((p) => p.isBaseline);
  const analysis = analyseSymbol(
    {
      symbol: input.symbol,
      blockMs: input.blockMs,
      baselineIndex,
      axes: Object.fromEntries(input.grid.map(([n, v]) => [n, [...v]])),
      sets: points.map((p, i) => {
        const o = outcomes[i] as SetOutcome;
        const w = (k: 'full' | 'h1' | 'h2') => ({
          blockPnl: Float64Array.from(o[k].blockPnl),
          trades: o[k].metrics.trades,
          netPnl: o[k].metrics.netPnl,
        });
        return { id: p.id, params: p.params, windows: { full: w('full'), h1: w('h1'), h2: w('h2') } };
      }),
    },
    input.verdict,
  );
  const context = sweepContext(init, strategy);
  const stressFees = {
    takerFeeRate: input.fees.takerFeeRate * input.verdict.stressFeeMultiplier,
    makerFeeRate: input.fees.makerFeeRate * input.verdict.stressFeeMultiplier,
  };
  const stress: StressRun[] = [];
  for (const idx of analysis.stressSetIndices) {
    const p = points[idx] as GridPoint;
    const params = { ...p.params, SLIPPAGE_BPS: Number(p.params.SLIPPAGE_BPS) + input.verdict.stressExtraSlippageBp };
    const r = await runSetWindow(context, params, 'full', stressFees);
    stress.push({ setIndex: idx, setId: p.id, netPnl: tidy(r.metrics.netPnl), trades: r.metrics.trades });
  }
  const verdict = decideVerdict(
    analysis,
    stress.map((s) => ({ setIndex: s.setIndex, netPnl: s.netPnl })),
    input.verdict,
  );
  const lastClose = (c.ts[end - 1] as number) + timeframeMs(c.timeframe);
  return {
    points,
    rawPoints: rawGridSize(input.grid),
    invalidPoints: invalid,
    warmupCandles,
    baselineIndex,
    outcomes,
    analysis,
    stress,
    verdict,
    consumed: { from: startFull, to: end },
    dataDigest: digest(inputs, startFull, end, lastClose),
    context,
  };
}
