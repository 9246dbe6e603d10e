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
import type { WindowName } from './sweep-input.js';
import type { SymbolAnalysis } from './symbol-analysis.js';
import type { VerdictConfig } from './verdict-config.js';

/** The verdicts of issue 6, with `STOP` split from `KEEP` (issue 14). */
export type VerdictKind = 'KEEP' | 'STOP' | 'CANDIDATE' | 'INSUFFICIENT DATA' | 'NO EDGE';

/** The verdicts in decision order: the order every output lists and explains them in. */
export const VERDICT_ORDER: readonly VerdictKind[] = ['INSUFFICIENT DATA', 'NO EDGE', 'CANDIDATE', 'STOP', 'KEEP'];

/** How a check compares its value with its threshold. */
export type CheckOp = '>=' | '>' | '<=' | '<';

/** One line of the verdict's reasons. */
export interface VerdictCheck {
  /** Stable id, e.g. `candidate.adjusted-p`. */
  readonly id: string;
  readonly group: 'data' | 'no-edge' | 'live' | 'candidate';
  readonly description: string;
  /** Window the value was measured on, or null. */
  readonly window: WindowName | null;
  /** Measured value; null when it could not be measured (no candidate, stress not run). */
  readonly value: number | null;
  readonly op: CheckOp;
  readonly threshold: number;
  readonly unit: string;
  readonly pass: boolean;
}

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

function compare(value: number | null, op: CheckOp, threshold: number): boolean {
  if (value === null || Number.isNaN(value)) return false;
  switch (op) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
  }
}

type CheckSpec = Omit<VerdictCheck, 'pass'>;
const mk = (c: CheckSpec): VerdictCheck => ({ ...c, pass: compare(c.value, c.op, c.threshold) });

/**
 * Decides the verdict for one symbol.
 * @param analysis output of `analyseSymbol`.
 * @param stressed full-window net PnL of `analysis.stressSetIndices` re-run with stressed costs
 *   (fees × config.stressFeeMultiplier, slippage + config.stressExtraSlippageBp), or null when not
 *   run (then no CANDIDATE is possible).
 * @param config the thresholds (the same config the analysis used).
 */
// Over 80 lines on purpose: every check of a verdict is a literal here with its threshold, followed by
// the ladder that reads them (data → no edge → candidate → keep or stop), so the whole rule set reads
// in one place.
export function decideVerdict(
  analysis: SymbolAnalysis,
  stressed: readonly StressedResult[] | null,
  config: VerdictConfig,
): Verdict {
  const a = analysis;
  const minT = config.minTradesPerHalf;
  const dataChecks: VerdictCheck[] = [
    mk({
      id: 'data.blocks-h1',
      group: 'data',
      description: 'blocks in the first half',
      window: 'h1',
      value: a.blocks.h1,
      op: '>=',
      threshold: config.minBlocksPerHalf,
      unit: 'blocks',
    }),
    mk({
      id: 'data.blocks-h2',
      group: 'data',
      description: 'blocks in the second half',
      window: 'h2',
      value: a.blocks.h2,
      op: '>=',
      threshold: config.minBlocksPerHalf,
      unit: 'blocks',
    }),
    mk({
      id: 'data.baseline-trades-h1',
      group: 'data',
      description: 'baseline trades in the first half',
      window: 'h1',
      value: a.baseline.trades.h1,
      op: '>=',
      threshold: minT,
      unit: 'trades',
    }),
    mk({
      id: 'data.baseline-trades-h2',
      group: 'data',
      description: 'baseline trades in the second half',
      window: 'h2',
      value: a.baseline.trades.h2,
      op: '>=',
      threshold: minT,
      unit: 'trades',
    }),
  ];
  const noEdgeCheck = mk({
    id: 'no-edge.upper-bound',
    group: 'no-edge',
    description: `highest one-sided ${fmtPct(1 - a.noEdge.alpha)} upper bound of net PnL against not trading, over the baseline and ${a.noEdge.eligibleSets} sets with enough trades (${a.noEdge.maxUpperBoundSetId})`,
    window: 'full',
    value: a.noEdge.maxUpperBound,
    op: '<',
    threshold: 0,
    unit: 'USDT',
  });

  const liveCheck = mk({
    id: 'live.upper-bound',
    group: 'live',
    description: `one-sided ${fmtPct(1 - a.noEdge.alpha)} upper bound of the live set's net PnL against not trading (below 0 = it loses with evidence)`,
    window: 'full',
    value: a.noEdge.baselineUpperBound,
    op: '<',
    threshold: 0,
    unit: 'USDT',
  });

  const c = a.candidates[0];
  const stress = stressed === null ? null : assessCostStress(a.sets.id, a.sets.netPnlFull, a.baselineIndex, stressed);
  const stressedNet = (i: number | undefined) =>
    i === undefined ? undefined : stress?.rows.find((r) => r.setIndex === i)?.stressedNetPnl;
  const candStressed = stressedNet(c?.setIndex);
  const baseStressed = stressedNet(a.baselineIndex);
  const v = <T>(f: (x: NonNullable<typeof c>) => T | null): T | null => (c === undefined ? null : f(c));
  const candidateChecks: VerdictCheck[] = [
    mk({
      id: 'candidate.selectable',
      group: 'candidate',
      description: 'sets other than the baseline with enough first-half trades',
      window: 'h1',
      value: a.selectable,
      op: '>=',
      threshold: 1,
      unit: 'sets',
    }),
    mk({
      id: 'candidate.trades-h1',
      group: 'candidate',
      description: 'candidate trades in the first half',
      window: 'h1',
      value: v((x) => x.trades.h1),
      op: '>=',
      threshold: minT,
      unit: 'trades',
    }),
    mk({
      id: 'candidate.trades-h2',
      group: 'candidate',
      description: 'candidate trades in the second half',
      window: 'h2',
      value: v((x) => x.trades.h2),
      op: '>=',
      threshold: minT,
      unit: 'trades',
    }),
    mk({
      id: 'candidate.adjusted-p',
      group: 'candidate',
      description: `p-value of beating the baseline, corrected for ${a.spa.h1.setsCompared} sets tried (SPA max-t)`,
      window: 'h1',
      value: v((x) => x.adjustedPValue),
      op: '<=',
      threshold: config.alpha,
      unit: 'probability',
    }),
    mk({
      id: 'candidate.deflated-sharpe',
      group: 'candidate',
      description: 'deflated Sharpe ratio of the excess over the baseline',
      window: 'h1',
      value: v((x) => x.deflatedSharpe.dsr),
      op: '>=',
      threshold: config.minDeflatedSharpe,
      unit: 'probability',
    }),
    mk({
      id: 'candidate.neighbours',
      group: 'candidate',
      description: 'grid neighbours of the candidate',
      window: null,
      value: v((x) => x.neighbourCount),
      op: '>=',
      threshold: config.minNeighbours,
      unit: 'sets',
    }),
    mk({
      id: 'candidate.neighbourhood-edge',
      group: 'candidate',
      description: 'neighbourhood median minus baseline',
      window: 'h1',
      value: v((x) => x.neighbourhoodEdgeH1),
      op: '>',
      threshold: config.minNeighbourhoodEdgeUsdt,
      unit: 'USDT',
    }),
    mk({
      id: 'candidate.confirm-edge',
      group: 'candidate',
      description: 'out-of-sample edge over the baseline',
      window: 'h2',
      value: v((x) => x.edge.h2),
      op: '>',
      threshold: config.minConfirmEdgeUsdt,
      unit: 'USDT',
    }),
    mk({
      id: 'candidate.stress-edge',
      group: 'candidate',
      description: `edge over the baseline with fees × ${config.stressFeeMultiplier} and slippage + ${config.stressExtraSlippageBp} bp`,
      window: 'full',
      value: candStressed === undefined || baseStressed === undefined ? null : candStressed - baseStressed,
      op: '>',
      threshold: 0,
      unit: 'USDT',
    }),
  ];
  if (config.requireStressedProfit) {
    candidateChecks.push(
      mk({
        id: 'candidate.stress-net',
        group: 'candidate',
        description: 'candidate net PnL under stressed costs',
        window: 'full',
        value: candStressed ?? null,
        op: '>',
        threshold: 0,
        unit: 'USDT',
      }),
    );
  }
  const checks = [...dataChecks, noEdgeCheck, liveCheck, ...candidateChecks];
  const failed = (list: readonly VerdictCheck[]) => list.filter((x) => !x.pass).map((x) => x.id);

  const liveLoses = liveCheck.pass;
  const losing = `The live set loses against not trading with evidence (upper bound ${fmtUsdt(a.noEdge.baselineUpperBound)}).`;
  const base = { symbol: a.symbol, checks, stress, liveLoses };
  if (failed(dataChecks).length > 0) {
    return {
      ...base,
      kind: 'INSUFFICIENT DATA',
      label: 'INSUFFICIENT DATA',
      candidateSetId: null,
      candidateSetIndex: null,
      summary: `Too little to judge: ${failed(dataChecks).join(', ')} failed.`,
    };
  }
  if (noEdgeCheck.pass) {
    return {
      ...base,
      kind: 'NO EDGE',
      label: 'NO EDGE',
      candidateSetId: null,
      candidateSetIndex: null,
      summary: `The baseline and all ${a.noEdge.eligibleSets} sets with enough trades lose money against not trading (highest upper bound ${fmtUsdt(a.noEdge.maxUpperBound)}).`,
    };
  }
  if (c !== undefined && failed(candidateChecks).length === 0) {
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
      : `best candidate ${c.setId} fails ${failed(candidateChecks).join(', ')}`;
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

function fmtPct(p: number): string {
  return `${(100 * p).toFixed(1).replace(/\.0$/, '')} %`;
}
