/**
 * Tables of the notebook pages: a danfojs DataFrame (read through its `columns` and `values`,
 * so this file does not import danfo) or plain row objects, rendered as an HTML table with
 * numbers right-aligned and rounded for reading.
 */
import { escapeHtml } from '../../src/engine/report/html-escape.js';

/** A cell value. */
export type Cell = string | number | boolean | null | undefined;
/** What a table is made from. */
export type TableInput =
  | { readonly columns: readonly string[]; readonly values: readonly (readonly Cell[])[] | readonly Cell[] }
  | readonly Readonly<Record<string, Cell>>[];

/** Rows and column names of a table input. */
export interface TableRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Normalises a DataFrame or row objects into columns and rows. */
export function frameRows(input: TableInput): TableRows {
  if (Array.isArray(input)) {
    const rows = input as readonly Readonly<Record<string, Cell>>[];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
  }
  const f = input as { columns: readonly string[]; values: readonly (readonly Cell[])[] | readonly Cell[] };
  const values = f.values.length > 0 && !Array.isArray(f.values[0]) ? [f.values as readonly Cell[]] : f.values;
  return { columns: f.columns, rows: values as readonly (readonly Cell[])[] };
}

/** A number for reading: integers as they are, others with up to 4 significant decimals. */
function showNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US').replace(/,/g, ' ');
  const abs = Math.abs(x);
  const decimals = abs >= 100 ? 2 : abs >= 1 ? 3 : 4;
  return x.toFixed(decimals);
}

/** HTML of a table (escaped). */
export function tableHtml(t: TableRows, caption?: string): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r
          .map((v) =>
            typeof v === 'number'
              ? `<td class="num">${showNumber(v)}</td>`
              : `<td>${escapeHtml(v === null || v === undefined ? '–' : String(v))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  const cap = caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`;
  return `<div class="table-wrap"><table class="comparison">${cap}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}
