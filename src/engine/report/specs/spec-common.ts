/**
 * Shared vocabulary of the chart spec builders: the vega-lite schema, the time axis in a
 * display zone (see `../time-zone.ts` for the zone-shifted time convention), role colours,
 * window titles and number rounding that keeps embedded data compact and byte-stable.
 * Pure; no vega import (types only).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TimeRange } from '../../time.js';
import type { ReportWindowName, SetRow } from '../report-model.js';
import { formatInZone, shiftToZone, zoneLabel } from '../time-zone.js';

/** A vega-lite top-level spec as produced by the builders (plain JSON). */
export type ChartSpec = TopLevelSpec;

/** Options every builder takes. */
export interface SpecOptions {
  /** IANA zone to display times in (checked by the caller, see `checkTimeZone`). */
  readonly tz: string;
}

/** The vega-lite schema the specs target (a name only: nothing ever fetches it). */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colour of the baseline (live set) on every chart. */
export const BASELINE_COLOUR = '#111111';
/** Colours of the candidates, in rank order (`#1` orange on every chart). */
export const CANDIDATE_COLOURS = ['#e6550d', '#3182bd', '#31a354', '#756bb1', '#d6616b'] as const;
/** Colour of every other set. */
export const OTHER_COLOUR = '#9e9e9e';

/** Common config: readable fonts, no chart border. */
export const BASE_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const },
  title: { fontSize: 14, subtitleFontSize: 12, subtitleColor: '#555', anchor: 'start' as const },
};

/** Rounds to `decimals` places (−0 becomes 0, so JSON stays stable). */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}

/** Rounds to `digits` significant digits (prices: 7 keeps 0.1 USDT on BTC and 0.0001 on SOL-sized prices). */
export function roundSig(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const d = digits - 1 - Math.floor(Math.log10(Math.abs(x)));
  return d > 0 ? roundTo(x, Math.min(d, 12)) : Math.round(x / 10 ** -d) * 10 ** -d;
}

/** Zone-shifted time (ms) of `t`, the value chart data holds for a time. */
export function chartTime(t: number, tz: string): number {
  return shiftToZone(t, tz);
}

/** Axis title of a time axis, e.g. `time (Asia/Seoul, UTC+09:00)`. */
export function timeAxisTitle(tz: string, at: number): string {
  return `time (${zoneLabel(tz, at)})`;
}

/**
 * x encoding of a zone-shifted time field. The `utc` scale makes vega-lite format the labels
 * with UTC functions, so the browser's own zone never matters.
 */
export function timeX(field: string, tz: string, at: number) {
  return {
    field,
    type: 'temporal' as const,
    scale: { type: 'utc' as const },
    axis: { title: timeAxisTitle(tz, at), format: '%m-%d %H:%M', labelAngle: 0, tickCount: 8 },
  };
}

/** Tooltip entry of a zone-shifted time field; the `utc…` time unit makes vega-lite format it in UTC. */
export function timeTooltip(field: string, tz: string) {
  return { field, type: 'temporal' as const, timeUnit: 'utcyearmonthdatehoursminutes' as const, title: `time (${tz})` };
}

/** Plain-words name of a window. */
export function windowName(w: ReportWindowName): string {
  return w === 'h1' ? 'first half' : w === 'h2' ? 'second half' : 'whole window';
}

/** Window title with its span in the display zone, e.g. `first half · 06-22 19:33 → 06-23 19:33`. */
export function windowTitle(w: ReportWindowName, range: TimeRange, tz: string): string {
  return `${windowName(w)} · ${formatInZone(range.from, tz).slice(5)} → ${formatInZone(range.to, tz).slice(5)}`;
}

/** Display label of a table row: `baseline s0000`, `#1 s0042`, `not trading`. */
export function rowLabel(row: SetRow): string {
  if (row.role === 'flat') return 'not trading';
  if (row.role === 'baseline') return `baseline ${row.setId}`;
  return row.rank !== undefined ? `#${row.rank} ${row.setId}` : row.setId;
}
