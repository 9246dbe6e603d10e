/**
 * Heatmap of a score over two parameters, one panel per window, sharing one diverging colour
 * scale centred on 0 (red loses, blue wins), with the baseline's cell outlined in black and
 * marked `B`. Pure: model → vega-lite JSON.
 */
import type { TimeRange } from '../../time.js';
import type { Heatmap, ReportWindowName } from '../report-model.js';
import { BASE_CONFIG, roundTo, VL_SCHEMA, windowTitle, type ChartSpec, type SpecOptions } from './spec-common.js';

/** Options of {@link buildHeatmapSpec}. */
export interface HeatmapSpecOptions extends SpecOptions {
  /** The symbol's windows, for the panel titles. */
  readonly windows: Readonly<Record<ReportWindowName, TimeRange>>;
  /** Panel width in px (default 230). */
  readonly panelWidth?: number;
}

/**
 * Builds the heatmap spec. Cells with a null score are left blank. Score values are rounded
 * to 0.01 (of the score's unit).
 * @example buildHeatmapSpec(sym.heatmaps[0], { tz: 'Asia/Seoul', windows: sym.windows })
 */
// Over 80 lines: most of it is the vega-lite spec literal; its length is the spec's.
export function buildHeatmapSpec(h: Heatmap, opts: HeatmapSpecOptions): ChartSpec {
  const titles = h.windows.map((w) => windowTitle(w, opts.windows[w], opts.tz));
  const titleOf = new Map(h.windows.map((w, i) => [w, titles[i] as string]));
  const bx = String(h.baseline.x);
  const by = String(h.baseline.y);
  const values = h.cells
    .filter((c) => titleOf.has(c.window))
    .map((c) => ({
      w: titleOf.get(c.window) as string,
      x: String(c.x),
      y: String(c.y),
      s: c.score === null ? null : roundTo(c.score, 2),
      n: c.sets,
      b: String(c.x) === bx && String(c.y) === by ? 1 : 0,
    }));
  const xSort = h.x.values.map(String);
  // Larger values at the top, as on a map of the landscape.
  const ySort = h.y.values.map(String).reverse();
  const scoreTitle = `${h.score.label} (${h.score.unit})`;
  // Symmetric domain so 0 is always the neutral colour, even when every cell loses.
  const extent = Math.max(0.01, ...values.map((v) => (v.s === null ? 0 : Math.abs(v.s))));
  const x = { field: 'x', type: 'ordinal' as const, sort: xSort, title: h.x.param, axis: { labelAngle: -45 } };
  const y = { field: 'y', type: 'ordinal' as const, sort: ySort, title: h.y.param };
  const width = opts.panelWidth ?? 230;
  // Tall enough for the y axis title (parameter names run to ~22 characters).
  const height = Math.max(170, Math.min(280, ySort.length * 24));
  return {
    $schema: VL_SCHEMA,
    title: {
      text: h.title,
      subtitle: [
        `${scoreTitle}; each cell: ${h.aggregation}`,
        'black outline + B = baseline (live set); blank = no set',
      ],
    },
    data: { values },
    // Two-line panel titles (`first half` / the span) so long spans do not run into the next panel.
    facet: {
      column: {
        field: 'w',
        type: 'nominal',
        sort: titles,
        title: null,
        header: { labelFontSize: 12, labelExpr: "split(datum.label, ' · ')" },
      },
    },
    spec: {
      width,
      height,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.s)' }],
          mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
          encoding: {
            x,
            y,
            color: {
              field: 's',
              type: 'quantitative',
              title: scoreTitle,
              scale: { scheme: 'redblue', domain: [-extent, extent] },
            },
            tooltip: [
              { field: 'x', type: 'ordinal', title: h.x.param },
              { field: 'y', type: 'ordinal', title: h.y.param },
              { field: 's', type: 'quantitative', title: scoreTitle, format: ',.2f' },
              { field: 'n', type: 'quantitative', title: 'sets in cell' },
            ],
          },
        },
        {
          transform: [{ filter: 'datum.b === 1' }],
          mark: { type: 'rect', fillOpacity: 0, stroke: '#000000', strokeWidth: 3 },
          encoding: { x, y },
        },
        {
          transform: [{ filter: 'datum.b === 1' }],
          mark: { type: 'text', text: 'B', fontWeight: 'bold', fontSize: 12, color: '#000000' },
          encoding: { x, y },
        },
      ],
    },
    resolve: { scale: { color: 'shared' } },
    config: BASE_CONFIG,
  };
}
