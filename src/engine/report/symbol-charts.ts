/**
 * The charts of one symbol's section, in page order, each with a stable element id. The page
 * renderer places them; the tests compile and render every one. Pure.
 */
import type { SymbolReport } from './report-model.js';
import { buildCostsSpec } from './specs/costs-spec.js';
import { buildEquitySpec } from './specs/equity-spec.js';
import { buildHalvesSpec } from './specs/halves-spec.js';
import { buildHeatmapSpec } from './specs/heatmap-spec.js';
import { buildPriceSpec } from './specs/price-spec.js';
import type { ChartSpec } from './specs/spec-common.js';

/** Where a chart goes in the symbol's section. */
export type ChartKind = 'costs' | 'heatmap' | 'equity' | 'price' | 'halves';

/** One chart of a symbol. */
export interface ChartEntry {
  /** Element id, e.g. `btc-heatmap-gate-cooldown` (letters, digits and `-` only). */
  readonly id: string;
  readonly kind: ChartKind;
  /** Short accessible description. */
  readonly label: string;
  readonly spec: ChartSpec;
}

/** Slug of a symbol for element ids: `BTC/USDT:USDT` → `btc`. */
export function symbolSlug(symbol: string): string {
  return (symbol.split('/')[0] ?? symbol).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Builds every chart of `sym` for display in `tz`. */
export function symbolCharts(sym: SymbolReport, tz: string): ChartEntry[] {
  const slug = symbolSlug(sym.symbol);
  const out: ChartEntry[] = [
    {
      id: `${slug}-costs`,
      kind: 'costs',
      label: `${sym.symbol}: gross, fees, funding and net per set`,
      spec: buildCostsSpec(sym.comparison, { tz }),
    },
  ];
  for (const h of sym.heatmaps) {
    const id = `${slug}-heatmap-${h.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    out.push({
      id,
      kind: 'heatmap',
      label: `${sym.symbol}: ${h.title}`,
      spec: buildHeatmapSpec(h, { tz, windows: sym.windows }),
    });
  }
  out.push(
    {
      id: `${slug}-equity`,
      kind: 'equity',
      label: `${sym.symbol}: equity curves`,
      spec: buildEquitySpec(sym.equity, { tz, halfBoundary: sym.windows.h2.from }),
    },
    {
      id: `${slug}-price`,
      kind: 'price',
      label: `${sym.symbol}: price with entries and exits`,
      spec: buildPriceSpec(sym.price, { tz, symbol: sym.symbol }),
    },
    {
      id: `${slug}-halves`,
      kind: 'halves',
      label: `${sym.symbol}: first vs second half`,
      spec: buildHalvesSpec(sym.halves, { tz }),
    },
  );
  return out;
}
