/**
 * Whether the cached funding history covers a run, so a result can say "funding not modelled"
 * instead of silently reporting zero funding.
 */
import { HOUR_MS } from '../time.js';

/**
 * `modelled`: events cover the window; `partial`: some of it; `not modelled`: none cached for it.
 */
export type FundingStatus = 'modelled' | 'partial' | 'not modelled';

/**
 * Longest funding interval Binance uses (8 h), used only as a coverage tolerance: the first
 * cached event may lie up to one interval after the window's start and the last up to one
 * interval before its end. Payments always use each event's own time.
 */
export const MAX_FUNDING_INTERVAL_MS = 8 * HOUR_MS;

/** Coverage of `[from, to]` (ms UTC) by sorted funding times `ts` (all cached events). */
export function fundingCoverage(ts: ArrayLike<number>, from: number, to: number): FundingStatus {
  const n = ts.length;
  if (n === 0) return 'not modelled';
  const first = ts[0] as number;
  const last = ts[n - 1] as number;
  if (first <= from + MAX_FUNDING_INTERVAL_MS && last >= to - MAX_FUNDING_INTERVAL_MS) return 'modelled';
  if (last < from || first > to) return 'not modelled';
  return 'partial';
}
