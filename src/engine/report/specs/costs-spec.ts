/**
 * Where the gross went: per set of the comparison table, its gross PnL, the fees and funding it
 * paid (drawn as negative contributions) and the net PnL that remains, side by side in USDT.
 * Shows at a glance when fees, not the signal, decide. Pure: model → vega-lite JSON.
 */
import type { ComparisonTable } from '../report-model.js';
import {
  BASE_CONFIG,
  roundTo,
  rowLabel,
  VL_SCHEMA,
  windowName,
  type ChartSpec,
  type SpecOptions,
} from './spec-common.js';

/** Options of {@link buildCostsSpec}. */
export interface CostsSpecOptions extends SpecOptions {
  readonly width?: number;
}

const PARTS = ['gross PnL', '− fees', '− funding', 'net PnL'] as const;
const PART_COLOURS = ['#6baed6', '#fd8d3c', '#fdd0a2', '#404040'] as const;

/** Builds the grouped bar chart (not-trading row left out: all its figures are 0). Values rounded to 0.01 USDT. */
export function buildCostsSpec(table: ComparisonTable, opts: CostsSpecOptions): ChartSpec {
  const rows = table.rows.filter((r) => r.role !== 'flat');
  const labels = rows.map(rowLabel);
  const values = rows.flatMap((r, i) => {
    const parts = [r.grossPnl, -r.fees, -r.funding, r.netPnl];
    return PARTS.map((part, j) => ({ set: labels[i] as string, part, v: roundTo(parts[j] as number, 2) }));
  });
  const spec: ChartSpec = {
    $schema: VL_SCHEMA,
    title: {
      text: 'Where the gross went',
      subtitle: `USDT over the ${windowName(table.window)}; fees and funding drawn as what they took away`,
    },
    width: opts.width ?? 620,
    height: { step: 11 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'set', type: 'nominal', sort: labels, title: null },
      yOffset: { field: 'part', type: 'nominal', sort: [...PARTS] },
      x: { field: 'v', type: 'quantitative', title: 'USDT' },
      color: {
        field: 'part',
        type: 'nominal',
        title: null,
        sort: [...PARTS],
        scale: { domain: [...PARTS], range: [...PART_COLOURS] },
      },
      tooltip: [
        { field: 'set', type: 'nominal' },
        { field: 'part', type: 'nominal' },
        { field: 'v', type: 'quantitative', title: 'USDT', format: ',.2f' },
      ],
    },
    config: BASE_CONFIG,
  };
  return spec;
}
