/**
 * Data-quality facts of a re-evaluation window: expected vs present candles, gaps, zero-volume
 * candles, and funding coverage. Pure: takes the loaded series.
 */
import type { CandleSeries, FundingSeries } from '../types.js';
import type { TimeRange } from '../time.js';
import { countZeroVolume, findGaps, type Gap } from '../data/validate-candles.js';
import { lowerBound } from '../data/candle-series.js';

/** Facts stored in results.json per symbol. */
export interface DataQuality {
  readonly expectedCandles: number;
  readonly candles: number;
  readonly gaps: readonly Gap[];
  readonly missingCandles: number;
  readonly zeroVolumeCandles: number;
  /** Funding events inside the window. */
  readonly fundingEvents: number;
  /** Funding times in the window (ms UTC), to show where funding was charged. */
  readonly fundingTimes: readonly number[];
  /** False when no funding event is cached inside the window: the simulator then reports funding as not modelled. */
  readonly fundingModelled: boolean;
}

/** Computes {@link DataQuality} for `window` (half-open over open times). */
export function dataQuality(
  candles: CandleSeries,
  funding: FundingSeries,
  window: TimeRange,
  stepMs: number,
): DataQuality {
  const a = lowerBound(candles.ts, window.from);
  const b = lowerBound(candles.ts, window.to);
  const ts = candles.ts.subarray(a, b);
  const gaps = [...findGaps(ts, stepMs)];
  // Missing candles at the window's edges count as gaps too.
  if (ts.length === 0) gaps.push({ from: window.from, to: window.to, missing: (window.to - window.from) / stepMs });
  else {
    if ((ts[0] as number) > window.from)
      gaps.unshift({ from: window.from, to: ts[0] as number, missing: ((ts[0] as number) - window.from) / stepMs });
    const last = ts[ts.length - 1] as number;
    if (last + stepMs < window.to)
      gaps.push({ from: last + stepMs, to: window.to, missing: (window.to - last - stepMs) / stepMs });
  }
  const fa = lowerBound(funding.ts, window.from);
  const fb = lowerBound(funding.ts, window.to);
  return {
    expectedCandles: (window.to - window.from) / stepMs,
    candles: ts.length,
    gaps,
    missingCandles: gaps.reduce((n, g) => n + g.missing, 0),
    zeroVolumeCandles: countZeroVolume(candles.volume.subarray(a, b)),
    fundingEvents: fb - fa,
    fundingTimes: Array.from(funding.ts.subarray(fa, fb)),
    fundingModelled: fb > fa,
  };
}
