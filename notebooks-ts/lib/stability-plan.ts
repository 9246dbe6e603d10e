/**
 * Which re-evaluations the stability notebook runs: windows of `hours` ending every `stepMs`,
 * each followed by a `nextMs` out-of-sample period, all inside the cached span common to the
 * symbols (with the warm-up before the first window). The bundled sample (three days) cannot
 * hold 48 h + the next 24 h + the warm-up, so a shorter plan is used there and said on the page.
 */
import { DAY_MS, HOUR_MS } from '../../src/engine/time.js';

/** The plan's shape. */
export interface StabilityPlan {
  readonly hours: number;
  readonly nextMs: number;
  readonly stepMs: number;
  /** Exclusive ends of the re-evaluation windows (= starts of the next periods), ms UTC. */
  readonly ends: readonly number[];
  /** Set when the data is too short for the standard plan: what was drawn instead. */
  readonly shortNote?: string;
}

/** Warm-up reserved before the first window (atr-breakout needs 281 one-minute candles). */
export const WARMUP_RESERVE_MS = 6 * HOUR_MS;

/** Window ends of `hours` + next period within `[firstOpen, lastClose)`, every `stepMs` (aligned to it). */
function endsFor(firstOpen: number, lastClose: number, hours: number, nextMs: number, stepMs: number): number[] {
  const earliest = firstOpen + WARMUP_RESERVE_MS + hours * HOUR_MS;
  const ends: number[] = [];
  for (let e = Math.ceil(earliest / stepMs) * stepMs; e + nextMs <= lastClose; e += stepMs) ends.push(e);
  return ends;
}

/**
 * The standard plan (48 h windows, the next 24 h, daily at 00:00 UTC) when it yields at least
 * two windows, else 24 h windows with the next 12 h every 6 h. `maxWindows` keeps the last ones.
 */
export function stabilityPlan(firstOpen: number, lastClose: number, maxWindows = Infinity): StabilityPlan {
  const keep = (ends: number[]) => ends.slice(Math.max(0, ends.length - maxWindows));
  const standard = endsFor(firstOpen, lastClose, 48, DAY_MS, DAY_MS);
  if (standard.length >= 2) return { hours: 48, nextMs: DAY_MS, stepMs: DAY_MS, ends: keep(standard) };
  const short = endsFor(firstOpen, lastClose, 24, 12 * HOUR_MS, 6 * HOUR_MS);
  const days = ((lastClose - firstOpen) / DAY_MS).toFixed(1);
  return {
    hours: 24,
    nextMs: 12 * HOUR_MS,
    stepMs: 6 * HOUR_MS,
    ends: keep(short),
    shortNote: `This data holds ${days} days; the standard plan (48 h re-evaluations every day, each judged on the next 24 h, after ${WARMUP_RESERVE_MS / HOUR_MS} h of warm-up) needs at least 4.3 days for two windows and weeks for a week-by-week view. Drawn instead: 24 h re-evaluations every 6 h, each judged on the next 12 h. Run it on ../shared/data (49 days) for the real picture.`,
  };
}
