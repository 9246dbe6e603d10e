/**
 * Small vega-lite building blocks for the notebook pages: common config, a time field in a
 * display zone (the report's zone-shifted convention, `src/engine/report/time-zone.ts`) and
 * number rounding that keeps inlined data compact.
 */
import { BASE_CONFIG, roundSig } from '../../src/engine/report/specs/spec-common.js';
import { shiftToZone } from '../../src/engine/report/time-zone.js';

/** Zone of the KST views (Korea: UTC+9, no daylight saving). */
export const KST = 'Asia/Seoul';

/** Common config of every notebook chart. */
export const CHART_CONFIG = BASE_CONFIG;

/** Time `t` (ms UTC) shifted so a UTC-formatting axis shows wall time in `tz`. */
export function zoned(t: number, tz = 'UTC'): number {
  return shiftToZone(t, tz);
}

/** Hour of day (0–23) of `t` in `tz`. */
export function hourIn(t: number, tz: string): number {
  return new Date(shiftToZone(t, tz)).getUTCHours();
}

/** Rounds to 6 significant digits (chart data only; tables keep full numbers). */
export function r6(x: number): number {
  return roundSig(x, 6);
}

/** A tooltip channel showing `fields` (vega-lite wants field objects, not bare names). */
export function tip(...fields: string[]): { field: string }[] {
  return fields.map((field) => ({ field }));
}
