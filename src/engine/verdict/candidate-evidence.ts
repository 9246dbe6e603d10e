/**
 * Gathers the evidence for one candidate set against the baseline: trades, scores and edges per
 * window, its neighbourhood, its multiple-testing-adjusted p-value on h1, the deflated Sharpe
 * ratio of its h1 excess over the baseline, and paired bootstrap intervals on every window.
 */
import { deflatedSharpe } from './deflated-sharpe.js';
import { differenceSeries, pairedInterval } from './paired-difference.js';
import { blockSharpe, kurtosis, skewness } from './sample-moments.js';
import { adjustedPValue, type SuperiorAbility } from './superior-ability.js';
import type { BootstrapDraws } from './stationary-bootstrap.js';
import type { SymbolSweep, WindowName } from './sweep-input.js';
import type { CandidateEvidence, DsrSummary, WindowTriple } from './symbol-analysis.js';

/** What {@link candidateEvidence} needs from the symbol-wide analysis. */
export interface EvidenceContext {
  readonly sweep: SymbolSweep;
  readonly ciLevel: number;
  readonly draws: WindowTriple<BootstrapDraws>;
  readonly spaH1: SuperiorAbility;
  /** Σ block PnL per set and window, USDT. */
  readonly scores: WindowTriple<Float64Array>;
  /** h1 neighbourhood scores per set, USDT. */
  readonly neighbourhoodH1: Float64Array;
  readonly neighbourCount: readonly number[];
  /** N for the deflated Sharpe ratio. */
  readonly trials: number;
  /** Variance across sets of the per-block Sharpe ratio of their h1 excess over the baseline. */
  readonly trialSharpeVariance: number | null;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function triple<T>(f: (w: WindowName) => T): WindowTriple<T> {
  return { full: f('full'), h1: f('h1'), h2: f('h2') };
}

/**
 * Sharpe ratio per block of each set's h1 excess over the baseline, and their sample variance
 * across sets (the V[SR_n] of the deflated Sharpe ratio). Sets with an undefined Sharpe ratio
 * (no variance) are skipped; null when fewer than 2 remain.
 */
export function trialSharpeVariance(sweep: SymbolSweep): number | null {
  const base = sweep.sets[sweep.baselineIndex]?.windows.h1.blockPnl;
  if (base === undefined) return null;
  const srs: number[] = [];
  sweep.sets.forEach((s, i) => {
    if (i === sweep.baselineIndex) return;
    const sr = blockSharpe(differenceSeries(s.windows.h1.blockPnl, base));
    if (Number.isFinite(sr)) srs.push(sr);
  });
  if (srs.length < 2) return null;
  let m = 0;
  for (const v of srs) m += v;
  m /= srs.length;
  let ss = 0;
  for (const v of srs) ss += (v - m) ** 2;
  return ss / (srs.length - 1);
}

/** The evidence for set `k`, ranked `selectionRank` by the selection rule. */
export function candidateEvidence(ctx: EvidenceContext, k: number, selectionRank: number): CandidateEvidence {
  const { sweep, scores } = ctx;
  const set = sweep.sets[k];
  const base = sweep.sets[sweep.baselineIndex];
  if (set === undefined || base === undefined) throw new RangeError(`candidate evidence: no set ${k}`);
  const b = sweep.baselineIndex;
  const d1 = differenceSeries(set.windows.h1.blockPnl, base.windows.h1.blockPnl);
  const sharpe = blockSharpe(d1);
  const g3 = skewness(d1);
  const g4 = kurtosis(d1);
  const dsr =
    ctx.trialSharpeVariance === null
      ? null
      : deflatedSharpe({
          sharpe,
          observations: d1.length,
          skewness: g3,
          kurtosis: g4,
          trials: ctx.trials,
          trialSharpeVariance: ctx.trialSharpeVariance,
        });
  const dsrSummary: DsrSummary = {
    sharpe: finiteOrNull(sharpe),
    observations: d1.length,
    skewness: finiteOrNull(g3),
    kurtosis: finiteOrNull(g4),
    trials: ctx.trials,
    trialSharpeVariance: ctx.trialSharpeVariance,
    sharpeThreshold: dsr === null ? null : finiteOrNull(dsr.sharpeThreshold),
    dsr: dsr === null ? null : finiteOrNull(dsr.dsr),
  };
  const hood = ctx.neighbourhoodH1[k] as number;
  return {
    setIndex: k,
    setId: set.id,
    selectionRank,
    trades: triple((w) => set.windows[w].trades),
    score: triple((w) => scores[w][k] as number),
    edge: triple((w) => (scores[w][k] as number) - (scores[w][b] as number)),
    neighbourhoodScoreH1: hood,
    neighbourhoodEdgeH1: hood - (scores.h1[b] as number),
    neighbourCount: ctx.neighbourCount[k] as number,
    tStatH1: finiteOrNull(ctx.spaH1.tStats[k] as number),
    adjustedPValue: adjustedPValue(ctx.spaH1, k),
    deflatedSharpe: dsrSummary,
    paired: triple((w) => pairedInterval(set.windows[w].blockPnl, base.windows[w].blockPnl, ctx.draws[w], ctx.ciLevel)),
  };
}
