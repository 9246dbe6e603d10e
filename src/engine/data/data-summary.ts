/**
 * What `coinbot data ls` reports: per cached symbol, timeframe and kind the first and last
 * candle, count, gaps, zero-volume candles, and funding coverage of the candle range.
 */
import { readCandles, listCandleSets } from './candle-store.js';
import { readFunding } from './funding-store.js';
import { findGaps, countZeroVolume, type Gap } from './validate-candles.js';
import { HOUR_MS, timeframeMs } from '../time.js';
import type { CandleKind } from '../types.js';

/** Funding coverage of a candle range. */
export interface FundingCoverage {
  /** Funding events whose time lies in `[first candle open, last candle close)`. */
  readonly eventsInRange: number;
  /** First and last cached funding event overall, or null when none are cached. */
  readonly first: number | null;
  readonly last: number | null;
  /** Longest spacing between consecutive events in range (hours), or null with fewer than two. */
  readonly maxIntervalH: number | null;
  /** True when cached events span the whole candle range (first ≤ range start, last ≥ range end − max interval). */
  readonly covers: boolean;
}

/** One row of `data ls`. */
export interface CandleSetSummary {
  readonly symbol: string;
  readonly timeframe: string;
  readonly kind: CandleKind;
  /** Open time of the first and last cached candle (ms UTC). */
  readonly first: number;
  readonly last: number;
  readonly count: number;
  readonly gaps: readonly Gap[];
  readonly missing: number;
  readonly zeroVolume: number;
  readonly funding: FundingCoverage | null;
}

/** Summarises every cached candle set in `dataDir`. Reads each set once. */
export function summariseCache(dataDir: string): CandleSetSummary[] {
  return listCandleSets(dataDir).map((ref) => {
    const s = readCandles(dataDir, ref.symbol, ref.timeframe, { kind: ref.kind });
    const step = timeframeMs(ref.timeframe);
    const gaps = findGaps(s.ts, step);
    const first = s.ts[0] as number;
    const last = s.ts[s.length - 1] as number;
    let funding: FundingCoverage | null = null;
    if (ref.kind === 'last') {
      const all = readFunding(dataDir, ref.symbol);
      const inRange = readFunding(dataDir, ref.symbol, { from: first, to: last + step });
      let maxInt = 0;
      for (let i = 1; i < inRange.length; i++) maxInt = Math.max(maxInt, (inRange.ts[i] as number) - (inRange.ts[i - 1] as number));
      const allFirst = all.length > 0 ? (all.ts[0] as number) : null;
      const allLast = all.length > 0 ? (all.ts[all.length - 1] as number) : null;
      funding = {
        eventsInRange: inRange.length,
        first: allFirst,
        last: allLast,
        maxIntervalH: inRange.length > 1 ? maxInt / HOUR_MS : null,
        covers: allFirst !== null && allLast !== null && allFirst <= first && allLast >= last + step - Math.max(maxInt, 8 * HOUR_MS),
      };
    }
    return {
      symbol: ref.symbol, timeframe: ref.timeframe, kind: ref.kind, first, last, count: s.length,
      gaps, missing: gaps.reduce((a, g) => a + g.missing, 0), zeroVolume: ref.kind === 'last' ? countZeroVolume(s.volume) : 0, funding,
    };
  });
}
