/**
 * The live record of one unit over a re-evaluation window, from its journal: the trades it made
 * (entry inside the window), their gross, fees and net, and how many of the window's candles it
 * decided on — beside the simulated live set over the same window. Money USDT, times ms UTC.
 */
import type { JournalEntry } from '../live/journal.js';
import { buildTrades } from '../stats/trades.js';
import type { Metrics } from '../stats/summary.js';
import type { TimeRange } from '../time.js';
import { journalSegments } from './journal-segments.js';

/** Live beside simulated, over one window. */
export interface LiveRecord {
  /** The journal's mode (`paper` or `real`). */
  readonly mode: string;
  readonly live: { readonly trades: number; readonly grossPnl: number; readonly fees: number; readonly netPnl: number };
  readonly simulated: {
    readonly trades: number;
    readonly grossPnl: number;
    readonly fees: number;
    readonly netPnl: number;
  };
  /** Candles of the window the unit decided on, and candles in the window. */
  readonly candlesDecided: number;
  readonly candlesInWindow: number;
}

/** The record of `entries` (one unit's journal) over `window`, beside the simulated live set's `simulated` metrics. */
export function liveRecord(
  entries: readonly JournalEntry[],
  window: TimeRange,
  tfMs: number,
  simulated: Metrics,
): LiveRecord {
  const segments = journalSegments(entries);
  const fills = segments.flatMap((s) => s.fills).filter((f) => f.ts >= window.from && f.ts < window.to);
  const trades = buildTrades(fills, []).filter((t) => t.entryTs >= window.from && t.entryTs < window.to);
  const decided = new Set<number>();
  for (const s of segments)
    for (const ts of s.decisions.keys()) if (ts >= window.from && ts < window.to) decided.add(ts);
  const sum = (k: 'grossPnl' | 'fees' | 'netPnl') => trades.reduce((a, t) => a + t[k], 0);
  return {
    mode: segments.at(-1)?.mode ?? 'unknown',
    live: { trades: trades.length, grossPnl: sum('grossPnl'), fees: sum('fees'), netPnl: sum('netPnl') },
    simulated: {
      trades: simulated.trades,
      grossPnl: simulated.grossPnl,
      fees: simulated.fees,
      netPnl: simulated.netPnl,
    },
    candlesDecided: decided.size,
    candlesInWindow: Math.round((window.to - window.from) / tfMs),
  };
}
