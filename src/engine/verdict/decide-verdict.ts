/**
 * The verdict per symbol, decided from a {@link SymbolAnalysis}, the cost-stress re-runs and the
 * thresholds. Pure: the same inputs give the same verdict, and every threshold that decided it is
 * listed in `checks` with its value, so a reader can see why.
 *
 * Order of the decision (the first that applies):
 * 1. `INSUFFICIENT DATA` — a data check fails: either half has fewer than `minBlocksPerHalf`
 *    blocks, or the baseline made fewer than `minTradesPerHalf` trades in either half.
 * 2. `NO EDGE` — the baseline and every set with enough trades in both halves lose money against
 *    not trading over the full window, each with a one-sided (1 − alpha) upper bound below 0.
 * 3. `CANDIDATE <id>` — the top candidate (chosen on h1 by neighbourhood score) passes every
 *    candidate check: trades in both halves, adjusted p ≤ alpha, DSR ≥ minDeflatedSharpe,
 *    ≥ minNeighbours neighbours, neighbourhood edge > min, h2 edge > min, beats the baseline under
 *    stressed costs and (if required) stays profitable under them.
 * 4. `STOP` — no candidate, and the baseline (the live set) loses money against not trading with
 *    evidence: its one-sided (1 − alpha) upper bound of full-window net PnL is below 0. Pause the
 *    live set (drain it); no tested set is proven better.
 * 5. `KEEP` — otherwise: the live set is not shown to lose, and no candidate beats it with
 *    corrected, confirmed, robust, cost-proof evidence.
 *
 * A `CANDIDATE` while the live set loses with evidence stays a `CANDIDATE` (`liveLoses` true, and
 * its summary carries the losing-live-set sentence).
 *
 * Comparisons: counts and probabilities pass AT the threshold (≥, ≤); edges in USDT must be
 * strictly above theirs (>), and the NO EDGE bound strictly below 0 (<).
 */
import { assessCostStress, type CostStressReport, type StressedResult } from './cost-stress.js';
import type { SymbolAnalysis } from './symbol-analysis.js';
import type { VerdictConfig } from './verdict-config.js';
import { candidateChecks, dataChecks, liveCheck, noEdgeCheck, type VerdictCheck } from './verdict-checks.js';

export type { CheckOp, VerdictCheck } from './verdict-checks.js';

/** The verdicts of issue 6, with `STOP` split from `KEEP` (issue 14). */
export type VerdictKind = 'KEEP' | 'STOP' | 'CANDIDATE' | 'INSUFFICIENT DATA' | 'NO EDGE';

/** The verdicts in decision order: the order every output lists and explains them in. */
export const VERDICT_ORDER: readonly VerdictKind[] = ['INSUFFICIENT DATA', 'NO EDGE', 'CANDIDATE', 'STOP', 'KEEP'];

/** The verdict for one symbol. */
export interface Verdict {
  readonly symbol: string;
  readonly kind: VerdictKind;
  /** `KEEP`, `STOP`, `NO EDGE`, `INSUFFICIENT DATA` or `CANDIDATE <set id>`. */
  readonly label: string;
  readonly candidateSetId: string | null;
  readonly candidateSetIndex: number | null;
  /** One sentence saying why. */
  readonly summary: string;
  /**
   * Whether the live set loses money against not trading with evidence (its one-sided upper bound
   * at alpha is below 0), whatever the verdict: true for every `STOP` and `NO EDGE`, and for a
   * `CANDIDATE` that would replace a losing live set.
   */
  readonly liveLoses: boolean;
  /** Every check, in order data → no-edge → live → candidate. */
  readonly checks: readonly VerdictCheck[];
  /** The cost-stress comparison, or null when the re-runs were not supplied. */
  readonly stress: CostStressReport | null;
}

/**
 * Decides the verdict for one symbol.
 * @param analysis output of `analyseSymbol`.
 * @param stressed full-window net PnL of `analysis.stressSetIndices` re-run with stressed costs
 *   (fees × config.stressFeeMultiplier, slippage + config.stressExtraSlippageBp), or null when not
 *   run (then no CANDIDATE is possible).
 * @param config the thresholds (the same config the analysis used).
 */
export function decideVerdict(
  analysis: SymbolAnalysis,
  stressed: readonly StressedResult[] | null,
  config: VerdictConfig,
): Verdict {
  const a = analysis;
  const stress = stressed === null ? null : assessCostStress(a.sets.id, a.sets.netPnlFull, a.baselineIndex, stressed);
  const data = dataChecks(a, config);
  const noEdge = noEdgeCheck(a);
  const live = liveCheck(a);
  const candidate = candidateChecks(a, stress, config);
  const checks = [...data, noEdge, live, ...candidate];
  return ladder(a, { data, noEdge, live, candidate }, { symbol: a.symbol, checks, stress, liveLoses: live.pass });
}

/** The checks by group, as the ladder reads them. */
interface CheckGroups {
  readonly data: readonly VerdictCheck[];
  readonly noEdge: VerdictCheck;
  readonly live: VerdictCheck;
  readonly candidate: readonly VerdictCheck[];
}

type VerdictBase = Pick<Verdict, 'symbol' | 'checks' | 'stress' | 'liveLoses'>;

/** The decision ladder (see the module comment): the first rung whose checks say so. */
function ladder(a: SymbolAnalysis, g: CheckGroups, base: VerdictBase): Verdict {
  const failed = (list: readonly VerdictCheck[]) => list.filter((x) => !x.pass).map((x) => x.id);
  const c = a.candidates[0];
  const liveLoses = base.liveLoses;
  const losing = `The live set loses against not trading with evidence (upper bound ${fmtUsdt(a.noEdge.baselineUpperBound)}).`;
  if (failed(g.data).length > 0) {
    return {
      ...base,
      kind: 'INSUFFICIENT DATA',
      label: 'INSUFFICIENT DATA',
      candidateSetId: null,
      candidateSetIndex: null,
      summary: `Too little to judge: ${failed(g.data).join(', ')} failed.`,
    };
  }
  if (g.noEdge.pass) {
    return {
      ...base,
      kind: 'NO EDGE',
      label: 'NO EDGE',
      candidateSetId: null,
      candidateSetIndex: null,
      summary: `The baseline and all ${a.noEdge.eligibleSets} sets with enough trades lose money against not trading (highest upper bound ${fmtUsdt(a.noEdge.maxUpperBound)}).`,
    };
  }
  if (c !== undefined && failed(g.candidate).length === 0) {
    return {
      ...base,
      kind: 'CANDIDATE',
      label: `CANDIDATE ${c.setId}`,
      candidateSetId: c.setId,
      candidateSetIndex: c.setIndex,
      summary: `${c.setId} beats the baseline with corrected evidence (adjusted p ${c.adjustedPValue.toFixed(3)}, DSR ${(c.deflatedSharpe.dsr ?? 0).toFixed(3)}), confirmed on h2 (${fmtUsdt(c.edge.h2)}), on a plateau, and under stressed costs.${liveLoses ? ` ${losing}` : ''}`,
    };
  }
  const why =
    c === undefined
      ? 'no set has enough first-half trades'
      : `best candidate ${c.setId} fails ${failed(g.candidate).join(', ')}`;
  if (liveLoses) {
    return {
      ...base,
      kind: 'STOP',
      label: 'STOP',
      candidateSetId: null,
      candidateSetIndex: null,
      summary: `Pause the live set: it loses with evidence and no tested set is proven better. ${losing} No set beats it: ${why}.`,
    };
  }
  return {
    ...base,
    kind: 'KEEP',
    label: 'KEEP',
    candidateSetId: null,
    candidateSetIndex: null,
    summary: `No set beats the baseline with corrected evidence: ${why}.`,
  };
}

function fmtUsdt(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)} USDT`;
}
