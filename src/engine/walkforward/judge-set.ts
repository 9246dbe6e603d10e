/**
 * A step's verdict judged against any set of the sweep, not only the live set: the `verdict`
 * policy's own set after it switched. The same analysis, cost stress and decision as the
 * re-evaluation (`analyseSymbol`, `decideVerdict`), with that set as the baseline, on the sweep's
 * outcomes (nothing is re-swept; only the stress re-runs simulate).
 * The mapping to the verdict's input and the stress re-runs are sweep-symbol.ts's own.
 */
import type { FeeRates } from '../sweep/sweep-context.js';
import { stressRuns, sweepInputOf, type SymbolSweepOutput } from '../sweep/sweep-symbol.js';
import type { Grid } from '../sweep/grid.js';
import { analyseSymbol, decideVerdict, type SymbolSweep, type Verdict, type VerdictConfig } from '../verdict/index.js';

/** The verdict's input from a sweep, with set `baselineIndex` as the baseline. */
export function sweepInput(
  out: SymbolSweepOutput,
  symbol: string,
  grid: Grid,
  blockMs: number,
  baselineIndex: number,
): SymbolSweep {
  return sweepInputOf(out.points, out.outcomes, { symbol, grid, blockMs }, baselineIndex);
}

/** What judging a sweep needs beside the sweep. */
export interface JudgeOptions {
  readonly symbol: string;
  readonly grid: Grid;
  readonly blockMs: number;
  readonly fees: FeeRates;
  readonly verdict: VerdictConfig;
}

/**
 * The verdict of the sweep against set `index` (the sweep's own verdict when it is the live set).
 * Side effect: simulates the stress re-runs in this thread.
 */
export async function verdictAgainst(out: SymbolSweepOutput, index: number, o: JudgeOptions): Promise<Verdict> {
  return index === out.baselineIndex ? out.verdict : judgeAgainst(out, index, o);
}

/** {@link verdictAgainst} without the shortcut: always analyses, stresses and decides afresh. */
export async function judgeAgainst(out: SymbolSweepOutput, index: number, o: JudgeOptions): Promise<Verdict> {
  const analysis = analyseSymbol(sweepInput(out, o.symbol, o.grid, o.blockMs, index), o.verdict);
  const stress = await stressRuns(out.context, out.points, analysis.stressSetIndices, o.fees, o.verdict);
  const stressed = stress.map((r) => ({ setIndex: r.setIndex, netPnl: r.netPnl }));
  return decideVerdict(analysis, stressed, o.verdict);
}
