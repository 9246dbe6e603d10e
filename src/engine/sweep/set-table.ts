/**
 * The per-set outcomes in `results.json`, stored by column (one array per parameter and per
 * metric) because thousands of sets × three windows as objects would repeat every key
 * thousands of times. {@link setRecordAt} gives one set back as a plain row.
 */
import type { Metrics } from '../stats/summary.js';
import type { GridPoint, ParamSet, ParamValue } from './grid.js';
import type { SetOutcome } from './sweep-context.js';
import type { WindowName } from './window-plan.js';

/** Metric columns stored per window: every field of {@link Metrics} plus `refusedSignals`. */
export type MetricColumns = Readonly<Record<string, readonly (number | null)[]>>;

/** All sets of one symbol, by column. Index i is set `ids[i]`. */
export interface SetTableJson {
  readonly ids: readonly string[];
  readonly members: readonly number[];
  readonly baselineIndex: number;
  /** Grid-axis parameter → value per set; parameters off the grid equal the baseline's. */
  readonly params: Readonly<Record<string, readonly ParamValue[]>>;
  readonly windows: Readonly<Record<WindowName, MetricColumns>>;
}

/** One set as a row. */
export interface SetRecord {
  readonly id: string;
  readonly params: ParamSet;
  readonly members: number;
  readonly isBaseline: boolean;
  readonly full: { readonly metrics: Metrics; readonly refusedSignals: number };
  readonly h1: { readonly metrics: Metrics; readonly refusedSignals: number };
  readonly h2: { readonly metrics: Metrics; readonly refusedSignals: number };
}

/** Builds the column table from the sweep's points and outcomes. */
export function buildSetTable(
  points: readonly GridPoint[],
  outcomes: readonly SetOutcome[],
  axes: readonly string[],
  baselineIndex: number,
): SetTableJson {
  const windows = {} as Record<WindowName, MetricColumns>;
  for (const w of ['full', 'h1', 'h2'] as const) windows[w] = metricColumns(outcomes, w);
  return {
    ids: points.map((p) => p.id),
    members: points.map((p) => p.members),
    baselineIndex,
    params: Object.fromEntries(axes.map((a) => [a, points.map((p) => p.params[a] as ParamValue)])),
    windows,
  };
}

/**
 * One window's metric columns: the first outcome's metric names, in its key order, then
 * `refusedSignals`. Every outcome's metrics come from one constructor with the same key order, so
 * each is read in one walk over its keys; an outcome whose keys differ (never, short of a bug) is
 * read name by name, which gives the same columns.
 */
function metricColumns(outcomes: readonly SetOutcome[], w: WindowName): Record<string, (number | null)[]> {
  const names = Object.keys((outcomes[0] as SetOutcome)[w].metrics);
  const lists = names.map(() => new Array<number | null>(outcomes.length));
  const refused = new Array<number>(outcomes.length);
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i] as SetOutcome;
    const m = o[w].metrics as unknown as Record<string, number | null>;
    let k = 0;
    for (const key in m) {
      if (key !== names[k]) break;
      (lists[k] as (number | null)[])[i] = m[key] ?? null;
      k++;
    }
    if (k !== names.length) names.forEach((n, j) => ((lists[j] as (number | null)[])[i] = m[n] ?? null));
    refused[i] = o[w].refusedSignals;
  }
  const cols: Record<string, (number | null)[]> = {};
  names.forEach((n, j) => (cols[n] = lists[j] as (number | null)[]));
  cols.refusedSignals = refused;
  return cols;
}

/**
 * Reads rows of `t`: the column lists are taken once, so reading every set allocates only the
 * rows themselves. `baseline` supplies the parameters that are not grid axes.
 */
function rowReader(t: SetTableJson, baseline: ParamSet): (i: number) => SetRecord {
  const paramCols = Object.entries(t.params);
  const metricCols = (w: WindowName) => Object.entries(t.windows[w]).filter(([k]) => k !== 'refusedSignals');
  const cols = { full: metricCols('full'), h1: metricCols('h1'), h2: metricCols('h2') };
  const win = (w: WindowName, i: number) => {
    const m: Record<string, number | null> = {};
    for (const [k, col] of cols[w]) m[k] = col[i] ?? null;
    const refused = t.windows[w].refusedSignals?.[i] as number | undefined;
    return { metrics: m as unknown as Metrics, refusedSignals: refused ?? 0 };
  };
  return (i) => {
    const params: Record<string, ParamValue> = { ...baseline };
    for (const [k, col] of paramCols) params[k] = col[i] as ParamValue;
    return {
      id: t.ids[i] as string,
      params,
      members: t.members[i] as number,
      isBaseline: i === t.baselineIndex,
      full: win('full', i),
      h1: win('h1', i),
      h2: win('h2', i),
    };
  };
}

/** Set `i` as a row; `baseline` supplies the parameters that are not grid axes. */
export function setRecordAt(t: SetTableJson, i: number, baseline: ParamSet): SetRecord {
  return rowReader(t, baseline)(i);
}

/** Every set as rows (for reports and tables). */
export function setRecords(t: SetTableJson, baseline: ParamSet): SetRecord[] {
  const row = rowReader(t, baseline);
  return t.ids.map((_, i) => row(i));
}
