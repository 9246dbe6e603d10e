/**
 * Regime context of a re-evaluation window: how volatile and how wide the window was compared
 * with the days before it (7–30 days, where cached). A parameter verdict reached in an unusually
 * quiet or wild window says so. Pure.
 */
import type { CandleSeries } from '../types.js';
import type { TimeRange } from '../time.js';
import { DAY_MS } from '../time.js';
import { lowerBound } from '../data/candle-series.js';

/** Volatility facts of one span: mean true range and high–low range, both in % of the mean close. */
export interface SpanVolatility {
  readonly meanTrueRangePct: number;
  readonly rangePct: number;
}

/** Regime context stored in results.json. */
export interface RegimeContext {
  readonly window: SpanVolatility;
  /** Whole days of history before the window used for comparison (0–30). */
  readonly historyDays: number;
  /** Median daily mean-true-range % over the history days, or null with fewer than 7 days. */
  readonly historyMedianTrueRangePct: number | null;
  /** Share of history days whose mean true range % is below the window's (0–1), or null. */
  readonly trueRangePercentile: number | null;
  /** Median of 1-day high–low range % over the history, or null. */
  readonly historyMedianDailyRangePct: number | null;
  /** Plain-words summary, e.g. `window volatility at the 85th percentile of the previous 30 days`. */
  readonly summary: string;
}

function volatility(c: CandleSeries, a: number, b: number): SpanVolatility {
  let tr = 0;
  let hi = -Infinity;
  let lo = Infinity;
  let closes = 0;
  for (let i = a; i < b; i++) {
    const h = c.high[i] as number;
    const l = c.low[i] as number;
    const prevClose = i > 0 ? (c.close[i - 1] as number) : (c.open[i] as number);
    tr += Math.max(h - l, Math.abs(h - prevClose), Math.abs(l - prevClose));
    hi = Math.max(hi, h);
    lo = Math.min(lo, l);
    closes += c.close[i] as number;
  }
  const n = b - a;
  const mean = closes / n;
  return { meanTrueRangePct: n > 0 ? (tr / n / mean) * 100 : 0, rangePct: n > 0 ? ((hi - lo) / mean) * 100 : 0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Compares the window with up to 30 whole days before it. Needs at least 7 days for the
 * comparison; with fewer, only the window's own figures are given.
 * @param candles must include the history before the window (whatever is cached).
 */
export function regimeContext(candles: CandleSeries, window: TimeRange): RegimeContext {
  const a = lowerBound(candles.ts, window.from);
  const b = lowerBound(candles.ts, window.to);
  const win = volatility(candles, a, b);
  const days: SpanVolatility[] = [];
  for (let d = 1; d <= 30; d++) {
    const da = lowerBound(candles.ts, window.from - d * DAY_MS);
    const db = lowerBound(candles.ts, window.from - (d - 1) * DAY_MS);
    // A history day counts only when at least 90 % of its candles are cached.
    if (db - da < 0.9 * (DAY_MS / 60_000)) break;
    days.push(volatility(candles, da, db));
  }
  if (days.length < 7) {
    return {
      window: win,
      historyDays: days.length,
      historyMedianTrueRangePct: null,
      trueRangePercentile: null,
      historyMedianDailyRangePct: null,
      summary: `only ${days.length} full day(s) cached before the window: no regime comparison (needs 7)`,
    };
  }
  const trs = days.map((d) => d.meanTrueRangePct);
  const pct = trs.filter((x) => x < win.meanTrueRangePct).length / trs.length;
  return {
    window: win,
    historyDays: days.length,
    historyMedianTrueRangePct: median(trs),
    trueRangePercentile: pct,
    historyMedianDailyRangePct: median(days.map((d) => d.rangePct)),
    summary: `window volatility (mean true range ${win.meanTrueRangePct.toFixed(3)} %) at percentile ${Math.round(pct * 100)} of the previous ${days.length} days`,
  };
}
