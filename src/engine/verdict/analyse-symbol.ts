/**
 * Turns one symbol's sweep into the statistics the verdict is decided from. Pure and
 * deterministic: the same sweep and config give a bit-identical {@link SymbolAnalysis}.
 *
 * Design (why it is shaped this way):
 * - **Select on h1, confirm on h2.** Candidates are ranked by their h1 neighbourhood score only
 *   (median of the set's and its grid neighbours' Σ block PnL), among sets with enough h1 trades.
 *   h2 never influences the choice, so the h2 edge is a clean out-of-sample check.
 * - **Correct on the selection window.** The best-of-N test (SPA, all sets, shared bootstrap) runs
 *   on h1, where the selection happened; the candidate's own max-t adjusted p-value and the
 *   deflated Sharpe ratio of its h1 excess over the baseline are the corrected evidence. The same
 *   test on the full window is reported for context.
 * - **Effective trials** are estimated on the full window (more blocks for the correlations).
 * - **NO EDGE** is judged on the full window against the flat reference (no-edge.ts).
 * - Bootstrap seeds are derived from `config.seed`, the symbol and the window, so two symbols
 *   never share draws and a re-run gives the same numbers.
 *
 * @example
 * const config = parseVerdictConfig({});
 * const analysis = analyseSymbol(sweep, config);
 * // re-run analysis.stressSetIndices with fees × 1.5 and slippage + 2 bp, then:
 * const verdict = decideVerdict(analysis, stressed, config);
 */
import { candidateEvidence, trialSharpeVariance } from './candidate-evidence.js';
import { effectiveTrials } from './effective-trials.js';
import { gridNeighbours, neighbourhoodScores } from './grid-neighbourhood.js';
import { noEdgeEvidence } from './no-edge.js';
import { deriveSeed } from './prng.js';
import { descendingRanks, spearman } from './rank-correlation.js';
import { sum } from './sample-moments.js';
import { drawStationaryBootstrap, meanBlockLengthFor, type BootstrapDraws } from './stationary-bootstrap.js';
import { superiorAbility, type SuperiorAbility } from './superior-ability.js';
import { validateSweep, type SymbolSweep, type WindowName } from './sweep-input.js';
import type { SpaSummary, SymbolAnalysis, WindowTriple } from './symbol-analysis.js';
import type { VerdictConfig } from './verdict-config.js';

function triple<T>(f: (w: WindowName) => T): WindowTriple<T> {
  return { full: f('full'), h1: f('h1'), h2: f('h2') };
}

function spaSummary(spa: SuperiorAbility, ids: readonly string[]): SpaSummary {
  return {
    blocks: spa.blocks,
    reps: spa.reps,
    meanBlockLength: spa.meanBlockLength,
    widening: spa.widening,
    setsCompared: spa.setsCompared,
    statistic: spa.statistic,
    pValue: spa.pValue,
    bestSetId: spa.bestSetIndex === null ? null : (ids[spa.bestSetIndex] as string),
    rcPValue: spa.rcPValue,
  };
}

/** The number of trials the deflated Sharpe ratio corrects for, as the config chooses it. */
function trialsFor(choice: VerdictConfig['dsrTrials'], trials: ReturnType<typeof effectiveTrials>): number {
  if (choice === 'tried') return trials.tried;
  return choice === 'participation-ratio' ? trials.byParticipationRatio : trials.byAverageCorrelation;
}

/**
 * The sets a candidate may come from (not the baseline `b`, at least `minT` first-half trades),
 * best first: by first-half neighbourhood score, then first-half score, then index.
 */
function candidateOrder(
  b: number,
  tradesH1: readonly number[],
  minT: number,
  neighbourhoodH1: ArrayLike<number>,
  scoresH1: ArrayLike<number>,
): number[] {
  return tradesH1
    .map((_, i) => i)
    .filter((i) => i !== b && (tradesH1[i] as number) >= minT)
    .sort(
      (x, y) =>
        (neighbourhoodH1[y] as number) - (neighbourhoodH1[x] as number) ||
        (scoresH1[y] as number) - (scoresH1[x] as number) ||
        x - y,
    );
}

/**
 * The shared stationary-bootstrap draws of window `w` of a sweep: B = `config.bootstrapReps`
 * replications of the window's blocks, mean block length from `config.meanBlockMs`, seeded from
 * `config.seed`, the symbol and the window (so two symbols never share draws). Pure.
 */
export function windowDraws(sweep: SymbolSweep, config: VerdictConfig, w: WindowName): BootstrapDraws {
  const blocks = (sweep.sets[0] as SymbolSweep['sets'][number]).windows[w].blockPnl.length;
  return drawsOf({ symbol: sweep.symbol, blockMs: sweep.blockMs, blocks }, config, w);
}

/**
 * {@link windowDraws} from what they depend on: the symbol, the block length (ms) and the
 * window's number of blocks (known from any one set's outcome, before the others are in).
 */
export function drawsOf(
  at: { readonly symbol: string; readonly blockMs: number; readonly blocks: number },
  config: VerdictConfig,
  w: WindowName,
): BootstrapDraws {
  const meanBlockLength = meanBlockLengthFor(at.blockMs, config.meanBlockMs, at.blocks);
  const seed = deriveSeed(config.seed, `${at.symbol}|${w}`);
  return drawStationaryBootstrap(at.blocks, config.bootstrapReps, meanBlockLength, seed);
}

/**
 * What {@link analyseSymbol} computes before the best-of-N tests (everything else but the
 * candidates' evidence): made by {@link analysisBasis}, finished by {@link analysisWithTests}.
 * The split lets a caller run the tests elsewhere (other threads) meanwhile.
 */
export interface AnalysisBasis {
  readonly sweep: SymbolSweep;
  readonly config: VerdictConfig;
  readonly ids: readonly string[];
  readonly draws: WindowTriple<BootstrapDraws>;
  readonly series: WindowTriple<Float64Array[]>;
  readonly scores: WindowTriple<Float64Array>;
  readonly trades: WindowTriple<number[]>;
  readonly neighbourhoodH1: Float64Array;
  readonly neighbourCount: number[];
  readonly trials: ReturnType<typeof effectiveTrials>;
  readonly order: number[];
  readonly trialSharpeVariance: number | null;
  readonly noEdge: SymbolAnalysis['noEdge'];
}

/**
 * Phase 1 of {@link analyseSymbol}: every statistic that does not need the best-of-N tests. Pure.
 * @param neighbours `gridNeighbours` of the sets' params on the sweep's axes, when the caller
 *   already has them (they do not depend on the outcomes).
 * @throws DataError when the sweep is malformed (see validateSweep).
 */
export function analysisBasis(
  sweep: SymbolSweep,
  config: VerdictConfig,
  neighbours?: readonly (readonly number[])[],
): AnalysisBasis {
  validateSweep(sweep);
  const { sets, baselineIndex: b } = sweep;
  const ids = sets.map((s) => s.id);
  const draws: WindowTriple<BootstrapDraws> = triple((w) => windowDraws(sweep, config, w));
  const series = triple((w) => sets.map((s) => s.windows[w].blockPnl));
  const scores = triple((w) => Float64Array.from(series[w], (x) => sum(x)));
  const trades = triple((w) => sets.map((s) => s.windows[w].trades));
  const near =
    neighbours ??
    gridNeighbours(
      sets.map((s) => s.params),
      sweep.axes,
    );
  const neighbourhoodH1 = neighbourhoodScores(scores.h1, near);
  const minT = config.minTradesPerHalf;
  const eligibleBoth = ids.map((_, i) => (trades.h1[i] as number) >= minT && (trades.h2[i] as number) >= minT);
  return {
    sweep,
    config,
    ids,
    draws,
    series,
    scores,
    trades,
    neighbourhoodH1,
    neighbourCount: near.map((n) => n.length),
    trials: effectiveTrials(series.full),
    order: candidateOrder(b, trades.h1, minT, neighbourhoodH1, scores.h1),
    trialSharpeVariance: trialSharpeVariance(sweep),
    noEdge: noEdgeEvidence({
      series: series.full,
      ids,
      baselineIndex: b,
      eligible: eligibleBoth,
      scores: Array.from(scores.full),
      draws: draws.full,
      alpha: config.alpha,
    }),
  };
}

/**
 * Phase 2 of {@link analyseSymbol}: the candidates' evidence and the analysis record, from the
 * basis and the best-of-N tests on h1 and full (as `superiorAbility` gives them on the basis's
 * series, baseline and draws of that window). Pure.
 */
export function analysisWithTests(
  basis: AnalysisBasis,
  spa: { readonly h1: SuperiorAbility; readonly full: SuperiorAbility },
): SymbolAnalysis {
  const { sweep, config, ids, draws, scores, trades, neighbourhoodH1, neighbourCount, trials, order } = basis;
  const { sets, baselineIndex: b, symbol } = sweep;
  const ctx = {
    sweep,
    ciLevel: config.ciLevel,
    draws,
    spaH1: spa.h1,
    scores,
    neighbourhoodH1,
    neighbourCount,
    trials: trialsFor(config.dsrTrials, trials),
    trialSharpeVariance: basis.trialSharpeVariance,
  };
  const candidates = order.slice(0, config.stressTopK).map((k, j) => candidateEvidence(ctx, k, j + 1));
  return {
    symbol,
    blockMs: sweep.blockMs,
    setsTried: sets.length,
    baselineIndex: b,
    baselineId: ids[b] as string,
    blocks: triple((w) => draws[w].blocks),
    meanBlockLength: triple((w) => draws[w].meanBlockLength),
    seeds: triple((w) => draws[w].seed),
    baseline: { trades: triple((w) => trades[w][b] as number), score: triple((w) => scores[w][b] as number) },
    selectable: order.length,
    trials,
    spa: { h1: spaSummary(spa.h1, ids), full: spaSummary(spa.full, ids) },
    rankCorrelationH1H2: spearman(scores.h1, scores.h2),
    noEdge: basis.noEdge,
    candidates,
    stressSetIndices: [b, ...candidates.map((c) => c.setIndex)],
    sets: {
      id: ids,
      trades,
      score: triple((w) => Array.from(scores[w])),
      netPnlFull: sets.map((s) => s.windows.full.netPnl),
      neighbourhoodScoreH1: Array.from(neighbourhoodH1),
      neighbourCount,
      rankH1: Array.from(descendingRanks(scores.h1)),
      rankH2: Array.from(descendingRanks(scores.h2)),
      tStatH1: Array.from(spa.h1.tStats, (t) => (Number.isFinite(t) ? t : null)),
    },
  };
}

/**
 * Computes every statistic of issue 6 for one symbol ({@link analysisBasis}, the best-of-N tests
 * on h1 and full, {@link analysisWithTests}).
 * Cost: two best-of-N bootstraps (h1 and full), ≈ N × B × (n_h1 + n_full) × 2 multiply-adds —
 * about 2 s on one core for N = 5,000, B = 1,000, 24 + 48 blocks (bench/verdict.bench.ts).
 * @throws DataError when the sweep is malformed (see validateSweep).
 */
export function analyseSymbol(sweep: SymbolSweep, config: VerdictConfig): SymbolAnalysis {
  const basis = analysisBasis(sweep, config);
  const b = sweep.baselineIndex;
  return analysisWithTests(basis, {
    h1: superiorAbility(basis.series.h1, b, basis.draws.h1),
    full: superiorAbility(basis.series.full, b, basis.draws.full),
  });
}
