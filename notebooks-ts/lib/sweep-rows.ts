/**
 * One row per evaluated set of a re-evaluation, with the per-trade figures the cost notebooks
 * need: trades per day, gross, fees and funding per trade (USDT), on a chosen window.
 */
import type { SymbolResults } from '../../src/engine/sweep/reeval-results.js';
import { setRecords } from '../../src/engine/sweep/set-table.js';
import { DAY_MS, type TimeRange } from '../../src/engine/time.js';

/** A set's figures on one window. */
export interface SweepRow {
  readonly symbol: string;
  readonly id: string;
  readonly isBaseline: boolean;
  readonly gate: number;
  readonly lookback: number;
  readonly brackets: string;
  readonly trades: number;
  readonly tradesPerDay: number;
  readonly gross: number;
  readonly fees: number;
  readonly funding: number;
  readonly net: number;
  /** Per trade (USDT); null without trades. */
  readonly grossPerTrade: number | null;
  readonly feesPerTrade: number | null;
}

/** Rows of every set of `s` on its full window `range`. */
export function sweepRows(s: SymbolResults, range: TimeRange): SweepRow[] {
  const days = (range.to - range.from) / DAY_MS;
  return setRecords(s.sets, s.baseline.params).map((r) => {
    const m = r.full.metrics;
    const per = (x: number) => (m.trades > 0 ? x / m.trades : null);
    return {
      symbol: s.symbol.split('/')[0] ?? s.symbol,
      id: r.id,
      isBaseline: r.isBaseline,
      gate: Number(r.params.ATR_GATE_MULT),
      lookback: Number(r.params.BREAKOUT_LOOKBACK),
      brackets: `${r.params.SL_ATR_MULT}/${r.params.TP_ATR_MULT}`,
      trades: m.trades,
      tradesPerDay: m.trades / days,
      gross: m.grossPnl,
      fees: m.fees,
      funding: m.funding,
      net: m.netPnl,
      grossPerTrade: per(m.grossPnl),
      feesPerTrade: per(m.fees),
    };
  });
}
