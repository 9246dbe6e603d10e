/**
 * One walk-forward step of one symbol: the re-evaluation sweep of the in-sample window (the
 * re-evaluation's own `sweepSymbol`: windows, costs, verdict rules), every set on the
 * out-of-sample window, the verdicts against the sets the policies hold, the predictive rank
 * correlation and the probability of overfitting. Returns a plain, JSON-safe record (cached).
 */
import { invariant } from '../errors.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { PerpSymbol } from '../symbols.js';
import type { Grid, ParamSet } from '../sweep/grid.js';
import { rankSets } from '../sweep/set-details.js';
import type { FeeRates } from '../sweep/sweep-context.js';
import { tidy } from '../sweep/tidy-number.js';
import { sweepSymbol } from '../sweep/sweep-symbol.js';
import { spearman, type Verdict, type VerdictConfig } from '../verdict/index.js';
import { verdictAgainst } from './judge-set.js';
import { evaluateOutOfSample, type WindowPnl } from './out-of-sample.js';
import { probabilityOfOverfitting, type OverfittingProbability } from './pbo-cscv.js';
import type { WalkStep } from './step-plan.js';

/** A verdict as the walk-forward keeps it. */
export interface VerdictBrief {
  readonly label: string;
  readonly kind: Verdict['kind'];
  readonly candidateSetId: string | null;
  readonly liveLoses: boolean;
}

/** What one step determines (for one symbol). Money in USDT. */
export interface StepRecord {
  readonly t: number;
  readonly fingerprint: string;
  readonly liveSetId: string;
  readonly sets: number;
  /** The re-evaluation's verdict against the live set. */
  readonly liveVerdict: VerdictBrief;
  /** Verdicts against each set a policy's verdict was judged against, by set id. */
  readonly judged: Readonly<Record<string, VerdictBrief>>;
  readonly rankingTop: { readonly id: string; readonly netPnl: number; readonly trades: number };
  readonly outOfSampleBest: { readonly id: string; readonly netPnl: number };
  /** Spearman correlation between every set's in-sample and out-of-sample net PnL (null: all ties). */
  readonly spearman: number | null;
  readonly pbo: OverfittingProbability | null;
  /** In-sample (whole window) net PnL of the sets below. */
  readonly inSampleNet: Readonly<Record<string, number>>;
  /** Out-of-sample results of every set a policy can hold at this step, by set id. */
  readonly outOfSample: Readonly<Record<string, WindowPnl>>;
}

/** What stays the same across a symbol's steps. */
export interface SymbolWalk {
  readonly symbol: PerpSymbol;
  readonly strategy: AnyStrategy;
  readonly strategyModule: StrategyModuleRef;
  readonly inputs: CachedInputs;
  readonly baseline: ParamSet;
  readonly grid: Grid;
  readonly blockMs: number;
  readonly fees: FeeRates;
  readonly verdict: VerdictConfig;
  readonly workers: number;
  readonly pboGroups: number;
  /** Progress inside the step: (sets done, sets total) over the sweep and the out-of-sample runs. */
  readonly onProgress?: (done: number, total: number) => void;
}

const brief = (v: Verdict): VerdictBrief => ({
  label: v.label,
  kind: v.kind,
  candidateSetId: v.candidateSetId,
  liveLoses: v.liveLoses,
});

const tidyPnl = (p: WindowPnl): WindowPnl =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, tidy(v)])) as unknown as WindowPnl;

function argmax(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) > (xs[best] as number)) best = i;
  return best;
}

/**
 * Runs one step. Side effects: worker threads.
 * @param judgedSetIds sets to judge the step's verdict against (the `verdict` policy's own set).
 */
export async function runStep(
  w: SymbolWalk,
  step: WalkStep,
  judgedSetIds: readonly string[],
  fingerprint: string,
): Promise<StepRecord> {
  const progress = (base: number) => (d: number, t: number) => w.onProgress?.(base + d, 2 * t);
  const out = await sweepSymbol({
    symbol: w.symbol,
    strategy: w.strategy,
    strategyModule: w.strategyModule,
    inputs: w.inputs,
    baseline: w.baseline,
    grid: w.grid,
    windows: step.inSample,
    blockMs: w.blockMs,
    fees: w.fees,
    verdict: w.verdict,
    workers: w.workers,
    onProgress: progress(0),
  });
  const n = out.points.length;
  const oos = await evaluateOutOfSample({
    strategy: w.strategy,
    strategyModule: w.strategyModule,
    inputs: w.inputs,
    sets: out.points.map((p) => p.params),
    window: step.outOfSample,
    fees: w.fees,
    workers: w.workers,
    onProgress: (d) => w.onProgress?.(n + d, 2 * n),
  });
  const ids = out.points.map((p) => p.id);
  const indexOf = (id: string) => {
    const i = ids.indexOf(id);
    invariant(i >= 0, `set ${id} is not a point of the step's grid`);
    return i;
  };
  const judged: Record<string, VerdictBrief> = {};
  for (const id of judgedSetIds) judged[id] = brief(await verdictAgainst(out, indexOf(id), w));
  const top = rankSets(out).top[0];
  invariant(top !== undefined, 'the sweep ranked no set');
  const oosNet = oos.map((r) => r.netPnl);
  const best = argmax(oosNet);
  const inNet = out.outcomes.map((o) => o.full.metrics.netPnl);
  const liveSetId = ids[out.baselineIndex] as string;
  const held = new Set([liveSetId, top.id, ids[best] as string, ...judgedSetIds]);
  for (const v of Object.values(judged)) if (v.candidateSetId !== null) held.add(v.candidateSetId);
  const heldIds = [...held].sort();
  return {
    t: step.t,
    fingerprint,
    liveSetId,
    sets: n,
    liveVerdict: brief(out.verdict),
    judged,
    rankingTop: { id: top.id, netPnl: tidy(top.netPnl), trades: top.trades },
    outOfSampleBest: { id: ids[best] as string, netPnl: tidy(oosNet[best] as number) },
    spearman: ((r) => (r === null ? null : tidy(r)))(spearman(inNet, oosNet)),
    pbo: ((p) => (p === null ? null : { ...p, pbo: tidy(p.pbo) }))(
      probabilityOfOverfitting(
        out.outcomes.map((o) => o.full.blockPnl),
        w.pboGroups,
      ),
    ),
    inSampleNet: Object.fromEntries(heldIds.map((id) => [id, tidy(inNet[indexOf(id)] as number)])),
    outOfSample: Object.fromEntries(heldIds.map((id) => [id, tidyPnl(oos[indexOf(id)] as WindowPnl)])),
  };
}
