/**
 * `coinbot missed`: what an outage cost. Over a window, the simulator's trades on the cached
 * candles (what the bot would have done) against what live did (the journal): candles the bot
 * never consumed (as ranges), the trades the simulator makes whose signal falls inside them
 * (missed trades, with their PnL), and the trades made. Money USDT, times ms UTC.
 */
import { lowerBound, sliceIndex } from '../data/candle-series.js';
import { runBacktest } from '../sim/backtest.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import { buildTrades, type Trade } from '../stats/trades.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { timeframeMs, type TimeRange } from '../time.js';
import type { Candle } from '../types.js';
import type { Fill } from '../ports/venue.js';

/** The report. */
export interface MissedReport {
  readonly window: TimeRange;
  /** Cached candles in the window the bot did not consume, as half-open ranges of open times. */
  readonly missedCandles: readonly TimeRange[];
  readonly missedCandleCount: number;
  readonly expected: readonly Trade[];
  readonly made: readonly Trade[];
  /** Expected trades whose signal (decision time) lies in a missed range. */
  readonly missed: readonly Trade[];
  readonly missedNetPnl: number;
}

/** Ranges of open times in `ts` (sorted) not in `seen`, step `tf`. */
export function gaps(ts: ArrayLike<number>, seen: ReadonlySet<number>, tf: number): TimeRange[] {
  const out: TimeRange[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as number;
    if (seen.has(t)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.to === t) out[out.length - 1] = { from: last.from, to: t + tf };
    else out.push({ from: t, to: t + tf });
  }
  return out;
}

/** Compares the simulator on the cache with a journal's candles and fills over `window`. */
export async function missedTrades(o: {
  strategy: AnyStrategy;
  params: ExecutionParams;
  inputs: CachedInputs;
  window: TimeRange;
  /** The candles live decided on (a journal), or null when only the account's fills are known. */
  journalCandles: readonly Candle[] | null;
  journalFills: readonly Fill[];
}): Promise<MissedReport> {
  const tf = timeframeMs(String(o.params.TIMEFRAME));
  const c = o.inputs.candles;
  const a = lowerBound(c.ts, o.window.from);
  const b = lowerBound(c.ts, o.window.to);
  const r = await runBacktest({ ...o.inputs, strategy: o.strategy, params: o.params, window: o.window });
  const seen = new Set((o.journalCandles ?? []).map((x) => x.ts));
  const missedCandles = o.journalCandles === null ? [] : gaps(sliceIndex(c, a, b).ts, seen, tf);
  // A decision on candle t happens at its close; the signal candle must have been consumed.
  const inGap = (t: Trade) =>
    t.signalTs !== null &&
    missedCandles.some((g) => t.signalTs !== null && t.signalTs - tf >= g.from && t.signalTs - tf < g.to);
  const expected = r.trades.filter((t) => t.exitReason !== 'window_end');
  const made = buildTrades(
    o.journalFills.filter((f) => f.ts >= o.window.from && f.ts < o.window.to),
    [],
  );
  // Without a journal: an expected trade is missed when live entered no trade of its side
  // within one candle of it (the account's fills carry no decision times).
  const unmatched = (t: Trade) => !made.some((m) => m.side === t.side && Math.abs(m.entryTs - t.entryTs) <= tf);
  const missed = expected.filter(o.journalCandles === null ? unmatched : inGap);
  return {
    window: o.window,
    missedCandles,
    missedCandleCount: missedCandles.reduce((s, g) => s + (g.to - g.from) / tf, 0),
    expected,
    made,
    missed,
    missedNetPnl: missed.reduce((s, t) => s + t.netPnl, 0),
  };
}
