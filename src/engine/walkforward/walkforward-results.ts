/**
 * `results.json` of a walk-forward run (`reports/walkforward-<id>/`): only what the inputs
 * determine (no clock, no worker count), so equal inputs give equal bytes. Per symbol: the live
 * set, each step's verdicts, chosen sets and out-of-sample results per policy, each policy's
 * totals, the comparisons against `keep` and `flat` with intervals, the predictive check and the
 * headline sentences. Money in USDT, times in ms UTC.
 */
import type { TimeRange } from '../time.js';
import type { ParamSet, Grid } from '../sweep/grid.js';
import type { FeeRates } from '../sweep/sweep-context.js';
import type { VerdictConfig } from '../verdict/index.js';
import type { WindowPnl } from './out-of-sample.js';
import type { OverfittingProbability } from './pbo-cscv.js';
import type { PolicyName } from './policies.js';
import type { PolicyTotals } from './policy-summary.js';
import type { VerdictBrief } from './run-step.js';
import type { StepInterval } from './step-intervals.js';
import type { PolicyEvent } from './verdict-policy.js';

export const WALKFORWARD_SCHEMA_VERSION = 1;

/** One policy at one step. */
export interface PolicyStep {
  /** The set that traded the step's out-of-sample window, or null (flat). */
  readonly setId: string | null;
  readonly event: PolicyEvent;
  /** Out-of-sample result (null when flat). */
  readonly pnl: WindowPnl | null;
}

/** One step of one symbol. */
export interface StepRow {
  readonly t: number;
  readonly outOfSample: TimeRange;
  readonly fingerprint: string;
  /** Distinct sets the step's sweep evaluated. */
  readonly sets: number;
  /** The re-evaluation's verdict against the live set (what `coinbot reeval` would have said). */
  readonly liveVerdict: VerdictBrief;
  /** The verdict against the `verdict` policy's own set, which it acted on. */
  readonly verdict: VerdictBrief & { readonly judgedSetId: string };
  readonly rankingTop: { readonly id: string; readonly netPnl: number; readonly trades: number };
  readonly outOfSampleBest: { readonly id: string; readonly netPnl: number };
  readonly spearman: number | null;
  readonly pbo: OverfittingProbability | null;
  readonly policies: Readonly<Record<PolicyName, PolicyStep>>;
}

/** A policy against a reference policy: interval of Σ over steps of (policy − reference) net PnL. */
export interface Comparison {
  readonly policy: PolicyName;
  readonly against: 'keep' | 'flat';
  readonly interval: StepInterval | null;
}

/** One symbol's walk-forward. */
export interface SymbolWalkResults {
  readonly symbol: string;
  readonly live: { readonly id: string; readonly params: ParamSet; readonly source: string };
  readonly grid: { readonly axes: Grid; readonly distinctSets: number };
  readonly steps: readonly StepRow[];
  readonly totals: Readonly<Record<PolicyName, PolicyTotals>>;
  readonly comparisons: readonly Comparison[];
  readonly predictive: {
    /** Mean over steps of the per-step Spearman correlation, with its block-bootstrap interval. */
    readonly spearman: StepInterval | null;
    /** Mean over steps of the probability of backtest overfitting (null: not computable). */
    readonly meanPbo: number | null;
  };
  /** Plain-words sentences for the team, most important first. */
  readonly headline: readonly string[];
}

/** The whole run. */
export interface WalkforwardResults {
  readonly schemaVersion: number;
  readonly kind: 'coinbot.walkforward.results';
  readonly fingerprint: string;
  readonly fingerprintParts: Readonly<Record<string, string>>;
  readonly strategy: { readonly name: string; readonly apiVersion: number };
  readonly settings: {
    readonly hours: number;
    readonly everyMs: number;
    readonly promotionDelayMs: number;
    readonly blockMs: number;
    readonly fees: FeeRates;
    readonly verdict: VerdictConfig;
    readonly pboGroups: number;
    readonly from: number | null;
    readonly to: number | null;
  };
  readonly symbols: readonly SymbolWalkResults[];
}
