/**
 * A notebook's output: one self-contained HTML page built cell by cell — prose, tables (from
 * danfojs DataFrames or plain rows) and vega-lite charts whose data is inlined in the spec. The
 * page inlines vega, vega-lite and vega-embed exactly as the run report does
 * (`src/engine/report/vega-bundles.ts`) under the report's Content-Security-Policy, so it opens
 * offline from `file://` and no request leaves it.
 *
 * The specs travel in `<script type="application/json" id="notebook-specs">`; the smoke test
 * reads them back from the page and checks that every chart holds data.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/engine/data/atomic-write.js';
import { renderChartPage } from '../../src/engine/report/chart-page.js';
import { escapeHtml } from '../../src/engine/report/html-escape.js';
import { readVegaBundles } from '../../src/engine/report/vega-bundles.js';
import type { NotebookArgs } from './notebook-args.js';
import { frameRows, tableHtml, type TableInput } from './table-html.js';

/** id of the JSON script element that holds every chart spec of a page. */
export { SPECS_ELEMENT_ID } from '../../src/engine/report/chart-page.js';

/** Inline markup of prose: `code` and **bold**; everything else escaped. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** Builds one notebook page; each method appends a cell in order. */
export class NotebookPage {
  private readonly cells: string[] = [];
  private readonly specs: Record<string, unknown> = {};

  /**
   * @param name file name without `.html` (also the notebook's script name).
   * @param title the page's heading.
   * @param args the notebook's arguments (the page says which data and mode it ran on).
   */
  constructor(
    readonly name: string,
    readonly title: string,
    readonly args: NotebookArgs,
  ) {}

  /** A section heading. */
  heading(text: string): this {
    this.cells.push(`<h2>${inline(text)}</h2>`);
    return this;
  }

  /** Prose: paragraphs separated by blank lines; lines starting with `- ` become a list. */
  prose(text: string): this {
    for (const block of text.trim().split(/\n\s*\n/)) {
      const lines = block.split('\n').map((l) => l.trim());
      if (lines.every((l) => l.startsWith('- ')))
        this.cells.push(`<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`);
      else this.cells.push(`<p>${inline(lines.join(' '))}</p>`);
    }
    return this;
  }

  /** A highlighted note, e.g. "the sample holds 3 days; this needs 7". */
  notice(text: string): this {
    this.cells.push(`<div class="notice" role="note">${inline(text)}</div>`);
    return this;
  }

  /** A table from a danfojs DataFrame (anything with `columns` and `values`) or plain rows. */
  table(input: TableInput, caption?: string): this {
    this.cells.push(tableHtml(frameRows(input), caption));
    return this;
  }

  /** A vega-lite chart; its data must be inline (`data.values`), never a URL. */
  chart(id: string, label: string, spec: Record<string, unknown>): this {
    if (id in this.specs) throw new Error(`Invariant failed: chart id '${id}' used twice on ${this.name}`);
    this.specs[id] = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec };
    this.cells.push(
      `<div class="chart" data-chart="${escapeHtml(id)}" role="img" aria-label="${escapeHtml(label)}"></div>`,
    );
    return this;
  }

  /** The page's HTML. Side effect: reads the vega browser builds from node_modules. */
  html(): string {
    const bundles = readVegaBundles();
    const mode = this.args.quick ? ' · quick mode (compact grids, for smoke runs)' : '';
    return renderChartPage({
      title: this.title,
      header: `<p class="sub">Notebook <code>notebooks-ts/${escapeHtml(this.name)}.ts</code> · data: ${escapeHtml(this.args.dataLabel)}${mode} · money in USDT</p>`,
      main: this.cells.join('\n'),
      footer: `<footer><p class="sub">Charts: ${bundles.map((b) => `${b.name} ${b.version}`).join(', ')}, inlined. Rerun: <code>npx tsx notebooks-ts/${escapeHtml(this.name)}.ts</code> or <code>npm run notebooks</code>.</p></footer>`,
      specs: this.specs,
      bundles,
    });
  }

  /** Writes `<outDir>/<name>.html` atomically, prints its path, returns it. */
  write(): string {
    const path = join(this.args.outDir, `${this.name}.html`);
    writeFileAtomic(path, this.html());
    process.stdout.write(`${this.name}: ${path}\n`);
    return path;
  }
}
