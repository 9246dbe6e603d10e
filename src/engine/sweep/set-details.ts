/**
 * The plain ranking of a sweep (by full-window net PnL — a ranking, not a verdict) and the
 * detail re-runs of the sets the report draws: the baseline, the top of the ranking and the
 * verdict's selected candidate (trades and a 5-minute equity curve on the full window).
 */
import type { Trade } from '../stats/trades.js';
import { timeframeMs } from '../time.js';
import type { GridPoint, ParamSet } from './grid.js';
import type { RankRow, SetDetail } from './reeval-results.js';
import type { SetRunner } from './set-runner.js';
import { runSetWindow, type SweepContext } from './sweep-context.js';
import { tidy } from './tidy-number.js';
import type { SymbolSweepOutput } from './sweep-symbol.js';

/** How many sets of the ranking the report details. */
export const TOP_DETAIL = 3;
/** How many ranked rows results.json keeps. */
export const TOP_RANKED = 20;
const EQUITY_STEP_MS = 5 * 60_000;

/** The part of a sweep's output a ranking and the detail runs read. */
export type SweepSets = Pick<SymbolSweepOutput, 'points' | 'outcomes' | 'baselineIndex'>;

/** Ranks sets by full-window net PnL (desc), ties by set id; the basis says it is not a verdict. */
export function rankSets(out: SweepSets): { basis: string; top: RankRow[]; baselineRank: number } {
  const order = out.points
    .map((p, i) => ({
      id: p.id,
      netPnl: out.outcomes[i]?.full.metrics.netPnl ?? 0,
      trades: out.outcomes[i]?.full.metrics.trades ?? 0,
    }))
    .sort((a, b) => b.netPnl - a.netPnl || (a.id < b.id ? -1 : 1));
  const baselineId = (out.points[out.baselineIndex] as GridPoint).id;
  return {
    basis:
      'full-window net PnL after fees and funding (a plain ranking: the best of many sets beats the baseline by luck alone)',
    top: order.slice(0, TOP_RANKED).map((r, i) => ({ rank: i + 1, ...r })),
    baselineRank: order.findIndex((r) => r.id === baselineId) + 1,
  };
}

const tidyTrade = (t: Trade): Trade =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, typeof v === 'number' ? tidy(v) : v])) as unknown as Trade;

/** Ids of the sets to detail known before the verdict, in report order: baseline, top of the ranking. */
export function rankedDetailIds(out: SweepSets, ranking: { top: readonly RankRow[] }): string[] {
  const ids = [(out.points[out.baselineIndex] as GridPoint).id, ...ranking.top.slice(0, TOP_DETAIL).map((r) => r.id)];
  return [...new Set(ids)];
}

/** Ids of the sets to detail, in report order: baseline, top of the ranking, verdict candidate. */
export function detailIds(out: SymbolSweepOutput, ranking: { top: readonly RankRow[] }): string[] {
  const candidate = out.verdict.candidateSetId;
  return [...new Set([...rankedDetailIds(out, ranking), ...(candidate ? [candidate] : [])])];
}

/**
 * Set `id`'s detail: its trades and its equity sampled at every 5-minute close (and the last
 * close) of the full window. Side effect: simulates in this thread.
 */
export async function setDetail(ctx: SweepContext, id: string, params: ParamSet): Promise<SetDetail> {
  const r = await runSetWindow(ctx, params, 'full');
  const a = r.consumed.candleTo - r.equity.length;
  const t: number[] = [];
  const equity: number[] = [];
  const step = timeframeMs(ctx.candles.timeframe);
  for (let i = 0; i < r.equity.length; i++) {
    const close = (ctx.candles.ts[a + i] as number) + step;
    if (close % EQUITY_STEP_MS === 0 || i === r.equity.length - 1) {
      t.push(close);
      equity.push(tidy(r.equity[i] as number));
    }
  }
  return { id, trades: r.trades.map(tidyTrade), equity: { t, equity } };
}

/**
 * Starts the detail runs of sets `ids` of symbol `symbol` on `runner`, by id.
 * @param started runs already started (by id), reused instead of started again.
 */
export function startDetails(
  runner: SetRunner,
  symbol: number,
  points: readonly GridPoint[],
  ids: readonly string[],
  started: ReadonlyMap<string, Promise<SetDetail>> = new Map(),
): Map<string, Promise<SetDetail>> {
  const byId = new Map(points.map((p) => [p.id, p]));
  const out = new Map(started);
  for (const id of ids)
    if (!out.has(id)) {
      const p = runner.detail(symbol, id, (byId.get(id) as GridPoint).params);
      // Awaited by the caller in report order; one failing before is not unhandled.
      p.catch(() => undefined);
      out.set(id, p);
    }
  return out;
}
