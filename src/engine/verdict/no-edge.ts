/**
 * NO EDGE as an intersection–union test: "the baseline and every eligible set lose money against
 * not trading" holds when each of them, on its own, has a one-sided (1 − alpha) upper bound of its
 * full-window net PnL below 0. Requiring every individual test to reject keeps the overall level
 * at alpha without any multiplicity correction (Berger 1982), so the statement is as strong as
 * one test at level alpha. The flat reference has PnL 0 in every block, so each bound is the paired
 * comparison of a set with not trading.
 *
 * The search starts with the baseline, then goes through the eligible sets from the highest full
 * score down and stops at the first non-negative bound: that set already refutes NO EDGE.
 */
import { upperBoundOfTotal } from './paired-difference.js';
import type { BootstrapDraws } from './stationary-bootstrap.js';
import type { Series } from './sample-moments.js';
import type { NoEdgeEvidence } from './symbol-analysis.js';

/** Inputs of {@link noEdgeEvidence}; arrays are indexed by set. */
export interface NoEdgeInput {
  /** Full-window block PnL per set, USDT per block. */
  readonly series: readonly Series[];
  readonly ids: readonly string[];
  readonly baselineIndex: number;
  /** Whether each set has enough trades in both halves to count as a candidate. */
  readonly eligible: readonly boolean[];
  /** Full-window score per set (search order), USDT. */
  readonly scores: readonly number[];
  /** The full window's bootstrap draws. */
  readonly draws: BootstrapDraws;
  readonly alpha: number;
}

/** Computes the NO EDGE evidence (see the module comment). */
export function noEdgeEvidence(inp: NoEdgeInput): NoEdgeEvidence {
  const { series, ids, baselineIndex, eligible, scores, draws, alpha } = inp;
  const order = ids
    .map((_, i) => i)
    .filter((i) => i !== baselineIndex && eligible[i] === true)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const baselineUpperBound = upperBoundOfTotal(series[baselineIndex] as Series, draws, alpha);
  let max = baselineUpperBound;
  let argmax = baselineIndex;
  let tested = 1;
  let complete = true;
  if (max >= 0) complete = order.length === 0;
  else {
    for (let j = 0; j < order.length; j++) {
      const i = order[j] as number;
      const ub = upperBoundOfTotal(series[i] as Series, draws, alpha);
      tested++;
      if (ub > max) {
        max = ub;
        argmax = i;
      }
      if (ub >= 0) {
        complete = j === order.length - 1;
        break;
      }
    }
  }
  return {
    alpha,
    eligibleSets: order.length,
    setsTested: tested,
    complete,
    baselineUpperBound,
    maxUpperBound: max,
    maxUpperBoundSetId: ids[argmax] as string,
  };
}
