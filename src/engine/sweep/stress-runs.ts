/**
 * The cost-stress re-runs of a sweep's chosen sets (the baseline and the verdict's candidates)
 * on the full window: fees × the verdict config's multiplier, slippage + its extra basis points.
 * Where they run (a worker of the run's pool or this thread) is the {@link SetRunner}'s choice;
 * the numbers are the same.
 */
import type { VerdictConfig } from '../verdict/index.js';
import type { GridPoint } from './grid.js';
import type { SetRunner } from './set-runner.js';
import { runSetWindow, type FeeRates, type SweepContext } from './sweep-context.js';
import { tidy } from './tidy-number.js';
import type { ParamSet } from './grid.js';

/** A stressed re-run of one set on the full window. */
export interface StressRun {
  readonly setIndex: number;
  readonly setId: string;
  readonly netPnl: number;
  readonly trades: number;
}

/** What one stressed run yields: net PnL (USDT, 12 significant digits) and trade count. */
export interface StressResult {
  readonly netPnl: number;
  readonly trades: number;
}

/** Backtests `params` on the full window with `fees`. Side effect: simulates in this thread. */
export async function stressRun(ctx: SweepContext, params: ParamSet, fees: FeeRates): Promise<StressResult> {
  const r = await runSetWindow(ctx, params, 'full', fees);
  return { netPnl: tidy(r.metrics.netPnl), trades: r.metrics.trades };
}

/**
 * The stress re-runs of sets `indices` (in that order) of symbol `symbol` of `runner`, all
 * started at once.
 */
export async function stressRunsWith(
  runner: SetRunner,
  symbol: number,
  points: readonly GridPoint[],
  indices: readonly number[],
  fees: FeeRates,
  verdict: VerdictConfig,
): Promise<StressRun[]> {
  const stressFees = {
    takerFeeRate: fees.takerFeeRate * verdict.stressFeeMultiplier,
    makerFeeRate: fees.makerFeeRate * verdict.stressFeeMultiplier,
  };
  return Promise.all(
    indices.map(async (idx) => {
      const p = points[idx] as GridPoint;
      const params = { ...p.params, SLIPPAGE_BPS: Number(p.params.SLIPPAGE_BPS) + verdict.stressExtraSlippageBp };
      const r = await runner.stress(symbol, params, stressFees);
      return { setIndex: idx, setId: p.id, netPnl: r.netPnl, trades: r.trades };
    }),
  );
}
