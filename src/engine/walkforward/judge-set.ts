/**
 * A step's verdict judged against any set of the sweep, not only the live set: the `verdict`
 * policy's own set after it switched. The same analysis, cost stress and decision as the
 * re-evaluation (`analyseSymbol`, `decideVerdict`), with that set as the baseline, on the sweep's
 * outcomes (nothing is re-swept; only the stress re-runs simulate).
 *
 * The mapping from sweep outcomes to the verdict's input mirrors the one inside `sweepSymbol`
 * (sweep-symbol.ts), which is being reworked for speed in parallel; once it exports its own
 * mapping this file should call it instead.
 */
import type { ParamSet } from '../sweep/grid.js';
import { runSetWindow, tidy, type FeeRates, type SetOutcome } from '../sweep/sweep-context.js';
import type { SymbolSweepOutput } from '../sweep/sweep-symbol.js';
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
  return {
    symbol,
    blockMs,
    baselineIndex,
    axes: Object.fromEntries(grid.map(([n, v]) => [n, [...v]])),
    sets: out.points.map((p, i) => {
      const o = out.outcomes[i] as SetOutcome;
      const w = (k: 'full' | 'h1' | 'h2') => ({
        blockPnl: Float64Array.from(o[k].blockPnl),
        trades: o[k].metrics.trades,
        netPnl: o[k].metrics.netPnl,
      });
      return { id: p.id, params: p.params, windows: { full: w('full'), h1: w('h1'), h2: w('h2') } };
    }),
  };
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
  const stressFees = {
    takerFeeRate: o.fees.takerFeeRate * o.verdict.stressFeeMultiplier,
    makerFeeRate: o.fees.makerFeeRate * o.verdict.stressFeeMultiplier,
  };
  const stressed: { setIndex: number; netPnl: number }[] = [];
  for (const k of analysis.stressSetIndices) {
    const p = out.points[k]?.params as ParamSet;
    const params = { ...p, SLIPPAGE_BPS: Number(p.SLIPPAGE_BPS) + o.verdict.stressExtraSlippageBp };
    const r = await runSetWindow(out.context, params, 'full', stressFees);
    stressed.push({ setIndex: k, netPnl: tidy(r.metrics.netPnl) });
  }
  return decideVerdict(analysis, stressed, o.verdict);
}
