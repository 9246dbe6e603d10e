/**
 * Reads a notebook page back: its embedded vega-lite specs and, per chart, the sizes of every
 * inline data set (top level and in layers). The smoke test uses it to prove each chart holds
 * data; {@link emptyCharts} names the charts that do not.
 */
import { SPECS_ELEMENT_ID } from './notebook-page.js';

/** The specs embedded in a page, by chart id. */
export function pageSpecs(html: string): Record<string, Record<string, unknown>> {
  const open = `<script type="application/json" id="${SPECS_ELEMENT_ID}">`;
  const a = html.indexOf(open);
  if (a < 0) throw new Error(`no ${SPECS_ELEMENT_ID} element in the page`);
  const b = html.indexOf('</script>', a);
  // jsonForScript escapes '<' as \u003c inside strings, which JSON.parse reads back.
  return JSON.parse(html.slice(a + open.length, b)) as Record<string, Record<string, unknown>>;
}

/** Lengths of every `data.values` array anywhere in `spec`; a `data` without `values` counts as -1. */
export function dataSizes(spec: unknown): number[] {
  const out: number[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'data') {
        const values = (v as { values?: unknown } | null)?.values;
        out.push(Array.isArray(values) ? values.length : -1);
      } else if (k === 'layer' || k === 'spec' || k === 'concat' || k === 'hconcat' || k === 'vconcat') walk(v);
    }
  };
  walk(spec);
  return out;
}

/** Ids of charts with no inline data, an empty data set, or a data set that is not inline. */
export function emptyCharts(specs: Record<string, unknown>): string[] {
  return Object.entries(specs)
    .filter(([, s]) => {
      const sizes = dataSizes(s);
      return sizes.length === 0 || sizes.some((n) => n <= 0);
    })
    .map(([id]) => id);
}
