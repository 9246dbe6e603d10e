/**
 * The re-evaluation window: the `hours` (default 48) before `end`, split into two disjoint
 * halves that are also scored alone. `end` is exclusive and aligned to a candle open, so the
 * window is exactly `[end − hours, end)` over candle open times.
 */
import { UsageError } from '../errors.js';
import { floorToStep, formatInstant, HOUR_MS, type TimeRange } from '../time.js';

/** The three scored windows of a re-evaluation. */
export interface WindowPlan {
  readonly full: TimeRange;
  readonly h1: TimeRange;
  readonly h2: TimeRange;
}

/** Window names in report order. */
export const WINDOW_NAMES = ['full', 'h1', 'h2'] as const;
export type WindowName = (typeof WINDOW_NAMES)[number];

/**
 * The latest candle close common to all symbols: min over symbols of (last open + step).
 * @param lastOpens last cached candle open time per symbol (ms UTC).
 */
export function latestCommonClose(lastOpens: readonly number[], stepMs: number): number {
  return Math.min(...lastOpens) + stepMs;
}

/**
 * Plans the windows ending at `end` (floored to a candle open).
 * @throws UsageError when `hours` is not a positive even number of hours.
 */
export function planWindows(end: number, hours: number, stepMs: number): WindowPlan {
  if (!Number.isInteger(hours) || hours < 2 || hours % 2 !== 0) {
    throw new UsageError(
      `--hours ${hours}: use an even whole number of hours ≥ 2 (the window is split into two equal halves)`,
    );
  }
  const to = floorToStep(end, stepMs);
  const from = to - hours * HOUR_MS;
  const mid = from + (hours / 2) * HOUR_MS;
  return { full: { from, to }, h1: { from, to: mid }, h2: { from: mid, to } };
}

/** One-line description, e.g. `[2025-06-22T10:33:00Z, 2025-06-24T10:33:00Z)`. */
export function describeWindow(r: TimeRange): string {
  return `[${formatInstant(r.from)}, ${formatInstant(r.to)})`;
}
