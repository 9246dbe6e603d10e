/**
 * The checks behind a verdict, each a literal with its threshold and comparator, in the groups
 * the verdict reads them: data, no edge, live set, candidate. Pure builders over a
 * {@link SymbolAnalysis}; `decide-verdict.ts` holds the ladder that reads them.
 */
import type { CostStressReport } from './cost-stress.js';
import type { WindowName } from './sweep-input.js';
import type { SymbolAnalysis } from './symbol-analysis.js';
import type { VerdictConfig } from './verdict-config.js';

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

/** The data checks: blocks per half and the baseline's trades per half. */
export function dataChecks(a: SymbolAnalysis, config: VerdictConfig): VerdictCheck[] {
  const minT = config.minTradesPerHalf;
  return [
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
}

/** NO EDGE: the highest upper bound over the baseline and every set with enough trades is below 0. */
export function noEdgeCheck(a: SymbolAnalysis): VerdictCheck {
  return mk({
    id: 'no-edge.upper-bound',
    group: 'no-edge',
    description: `highest one-sided ${fmtPct(1 - a.noEdge.alpha)} upper bound of net PnL against not trading, over the baseline and ${a.noEdge.eligibleSets} sets with enough trades (${a.noEdge.maxUpperBoundSetId})`,
    window: 'full',
    value: a.noEdge.maxUpperBound,
    op: '<',
    threshold: 0,
    unit: 'USDT',
  });
}

/** The live set loses with evidence: its one-sided upper bound is below 0. */
export function liveCheck(a: SymbolAnalysis): VerdictCheck {
  return mk({
    id: 'live.upper-bound',
    group: 'live',
    description: `one-sided ${fmtPct(1 - a.noEdge.alpha)} upper bound of the live set's net PnL against not trading (below 0 = it loses with evidence)`,
    window: 'full',
    value: a.noEdge.baselineUpperBound,
    op: '<',
    threshold: 0,
    unit: 'USDT',
  });
}

/**
 * The candidate checks of the top candidate (`a.candidates[0]`; values null when there is none),
 * the stressed-cost ones read from `stress` (null: not run, so they fail).
 */
// Over 80 lines: one literal per check (id, window, value, comparator, threshold), a table that
// reads best whole; splitting it would only scatter the thresholds.
export function candidateChecks(
  a: SymbolAnalysis,
  stress: CostStressReport | null,
  config: VerdictConfig,
): VerdictCheck[] {
  const minT = config.minTradesPerHalf;
  const c = a.candidates[0];
  const stressedNet = (i: number | undefined) =>
    i === undefined ? undefined : stress?.rows.find((r) => r.setIndex === i)?.stressedNetPnl;
  const candStressed = stressedNet(c?.setIndex);
  const baseStressed = stressedNet(a.baselineIndex);
  const v = <T>(f: (x: NonNullable<typeof c>) => T | null): T | null => (c === undefined ? null : f(c));
  const checks: VerdictCheck[] = [
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
    checks.push(
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
  return checks;
}

/** `95 %` from 0.95. */
export function fmtPct(p: number): string {
  return `${(100 * p).toFixed(1).replace(/\.0$/, '')} %`;
}
