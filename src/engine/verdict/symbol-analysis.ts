/**
 * The statistics of one symbol's sweep that the verdict is decided from and the report shows:
 * the output of `analyseSymbol`, the input of `decideVerdict`. Plain JSON-safe data (numbers,
 * strings, booleans, arrays, null — no typed arrays, no NaN), so it can go into `results.json`
 * as is and the verdict can be re-decided from it with other thresholds.
 */
import type { EffectiveTrials } from './effective-trials.js';
import type { PairedInterval } from './paired-difference.js';
import type { SuperiorAbility } from './superior-ability.js';

/** One value per scored window. */
export interface WindowTriple<T> {
  readonly full: T;
  readonly h1: T;
  readonly h2: T;
}

/**
 * The best-of-N test on one window as stored in results.json: the scalar results of
 * {@link SuperiorAbility} (no per-set arrays), with the best set named by id.
 */
export type SpaSummary = Pick<
  SuperiorAbility,
  'blocks' | 'reps' | 'meanBlockLength' | 'widening' | 'setsCompared' | 'statistic' | 'pValue' | 'rcPValue'
> & {
  /** Set with the largest studentised difference, or null. */
  readonly bestSetId: string | null;
};

/** The deflated Sharpe ratio of a candidate's per-block excess over the baseline on h1. */
export interface DsrSummary {
  /** Sharpe ratio per block of (candidate − baseline) on h1; null when undefined. */
  readonly sharpe: number | null;
  /** Blocks T. */
  readonly observations: number;
  readonly skewness: number | null;
  /** Kurtosis, non-excess (3 for normal). */
  readonly kurtosis: number | null;
  /** N used: the effective number chosen by `dsrTrials`. */
  readonly trials: number;
  /** Variance across all sets of their per-block Sharpe ratio of excess over the baseline on h1. */
  readonly trialSharpeVariance: number | null;
  /** SR0: expected best Sharpe ratio of N skill-less trials, per block. */
  readonly sharpeThreshold: number | null;
  /** DSR, a probability; null when undefined. */
  readonly dsr: number | null;
}

/** Evidence for one candidate, chosen on h1 and judged on h2 and under the corrections. */
export interface CandidateEvidence {
  readonly setIndex: number;
  readonly setId: string;
  /** 1 = the selected candidate; 2… the runners-up (stress re-run material). */
  readonly selectionRank: number;
  readonly trades: WindowTriple<number>;
  /** Σ block PnL per window, USDT. */
  readonly score: WindowTriple<number>;
  /** score − baseline score per window, USDT. */
  readonly edge: WindowTriple<number>;
  /** Median of the h1 scores of the set and its grid neighbours, USDT. */
  readonly neighbourhoodScoreH1: number;
  /** neighbourhoodScoreH1 − baseline h1 score, USDT. */
  readonly neighbourhoodEdgeH1: number;
  readonly neighbourCount: number;
  /** Studentised h1 difference vs the baseline, null when the difference has no variance. */
  readonly tStatH1: number | null;
  /** Max-t adjusted p-value on h1 against the SPA null of all sets (multiple-testing corrected). */
  readonly adjustedPValue: number;
  readonly deflatedSharpe: DsrSummary;
  /** Paired bootstrap intervals of the total difference vs the baseline, USDT. */
  readonly paired: WindowTriple<PairedInterval>;
}

/** Evidence that the baseline and every eligible set lose money against not trading. */
export interface NoEdgeEvidence {
  /** One-sided level of each upper bound. */
  readonly alpha: number;
  /** Sets with ≥ minTradesPerHalf trades in both halves (the baseline is tested regardless). */
  readonly eligibleSets: number;
  /** Sets whose bound was computed (the search stops at the first non-negative bound). */
  readonly setsTested: number;
  /** Whether every eligible set was tested (true when all bounds are negative). */
  readonly complete: boolean;
  /** Upper (1 − alpha) bound of the baseline's full-window net PnL, USDT. */
  readonly baselineUpperBound: number;
  /** The largest upper bound found, USDT; < 0 means NO EDGE. */
  readonly maxUpperBound: number;
  readonly maxUpperBoundSetId: string;
}

/** Per-set columns for the report (index = set index in the sweep). */
export interface SetTable {
  readonly id: readonly string[];
  readonly trades: WindowTriple<readonly number[]>;
  /** Σ block PnL per window, USDT. */
  readonly score: WindowTriple<readonly number[]>;
  /** Net PnL on the full window as the simulator reported it, USDT. */
  readonly netPnlFull: readonly number[];
  readonly neighbourhoodScoreH1: readonly number[];
  readonly neighbourCount: readonly number[];
  /** Rank by h1 score and by h2 score, 1 = best, ties averaged. */
  readonly rankH1: readonly number[];
  readonly rankH2: readonly number[];
  /** Studentised h1 difference vs the baseline (null for the baseline / zero variance). */
  readonly tStatH1: readonly (number | null)[];
}

/** Everything `analyseSymbol` computes for one symbol. */
export interface SymbolAnalysis {
  readonly symbol: string;
  /** PnL block duration, ms. */
  readonly blockMs: number;
  /** Number of sets tried (N), the baseline included. */
  readonly setsTried: number;
  readonly baselineIndex: number;
  readonly baselineId: string;
  readonly blocks: WindowTriple<number>;
  /** Mean bootstrap block length per window, blocks. */
  readonly meanBlockLength: WindowTriple<number>;
  /** Bootstrap seeds per window (derived from config.seed and the symbol). */
  readonly seeds: WindowTriple<number>;
  readonly baseline: { readonly trades: WindowTriple<number>; readonly score: WindowTriple<number> };
  /** Sets other than the baseline with ≥ minTradesPerHalf trades on h1 (selectable). */
  readonly selectable: number;
  /** Effective number of independent trials, from the full window's block PnL. */
  readonly trials: EffectiveTrials;
  /** Best-of-N tests: h1 is the gate (selection window); full is shown for context. */
  readonly spa: { readonly h1: SpaSummary; readonly full: SpaSummary };
  /** Spearman correlation between the sets' h1 and h2 scores; null when undefined. */
  readonly rankCorrelationH1H2: number | null;
  readonly noEdge: NoEdgeEvidence;
  /** Top candidates in selection order; the first is the one the verdict judges. */
  readonly candidates: readonly CandidateEvidence[];
  /** Sets to re-run under stressed costs: the baseline first, then the candidates. */
  readonly stressSetIndices: readonly number[];
  readonly sets: SetTable;
}
