/**
 * The run report page: one self-contained HTML file (vega, vega-lite and vega-embed inlined, no
 * request leaves the file, opens from `file://`). Verdicts first, then per symbol: comparison
 * table, where the gross went, heatmaps, equity, price and trades, halves, data quality and
 * regime; provenance at the foot. A Content-Security-Policy forbids every fetch, so a stray
 * URL fails loudly in the browser instead of leaking a request.
 *
 * Everything derived from the model passes through `redact()` before it is written; the inlined
 * libraries are third-party code and are spliced in after redaction, untouched.
 */
import { join } from 'node:path';
import { invariant } from '../errors.js';
import { redact } from '../redact.js';
import { writeFileAtomic } from '../data/atomic-write.js';
import { renderDataFacts, renderProvenance, spanText } from './facts-section.js';
import { formatCount } from './format-number.js';
import { escapeHtml, jsonForScript } from './html-escape.js';
import { PAGE_CSS } from './page-style.js';
import { REPORT_MODEL_VERSION, type ReportModel, type SymbolReport } from './report-model.js';
import { symbolCharts, symbolSlug, type ChartEntry, type ChartKind } from './symbol-charts.js';
import { renderComparisonTable } from './table-section.js';
import { renderLiveRecord } from './live-record-section.js';
import { checkTimeZone, formatInZone, zoneLabel } from './time-zone.js';
import { readVegaBundles, type VegaBundle } from './vega-bundles.js';
import { renderVerdicts, verdictChip } from './verdict-section.js';

/** Options of {@link renderReportHtml}. */
export interface RenderOptions {
  /** IANA zone for every displayed time (default: the model's `tz`, else UTC). */
  readonly tz?: string;
  /** Browser builds to inline (default: read from node_modules at render time). */
  readonly bundles?: readonly VegaBundle[];
}

/** Content-Security-Policy of the page: inline code only; vega compiles expressions with `Function`, hence 'unsafe-eval'. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'";

export const REPORT_BOOT = `(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('coinbot-specs').textContent);
  var els = document.querySelectorAll('[data-chart]');
  var jobs = [];
  Array.prototype.forEach.call(els, function (el) {
    var id = el.getAttribute('data-chart');
    jobs.push(vegaEmbed(el, specs[id], { actions: false, renderer: 'svg' }).then(function (r) {
      el.setAttribute('data-rendered', 'ok');
      return r.view;
    }, function (e) {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'chart ' + id + ' failed: ' + e.message;
      el.className += ' chart-error';
      console.error('chart ' + id + ' failed: ' + e.message);
    }));
  });
  window.coinbotCharts = Promise.all(jobs);
})();`;

function chartDiv(c: ChartEntry): string {
  return `<div class="chart" id="chart-${c.id}" data-chart="${c.id}" role="img" aria-label="${escapeHtml(c.label)}"></div>`;
}

function symbolSection(sym: SymbolReport, charts: readonly ChartEntry[], tz: string): string {
  const of = (k: ChartKind) =>
    charts
      .filter((c) => c.kind === k)
      .map(chartDiv)
      .join('\n');
  const w = sym.windows;
  return `<section class="symbol" id="sym-${symbolSlug(sym.symbol)}">
<h2>${escapeHtml(sym.symbol)} ${verdictChip(sym.verdict)}</h2>
<p class="sub">Window ${escapeHtml(spanText(w.full.from, w.full.to, tz))}, halves split at ${escapeHtml(formatInZone(w.h2.from, tz))}; ${formatCount(sym.setsEvaluated)} parameter sets evaluated.</p>
<h3>Baseline vs top candidates vs not trading</h3>
${renderComparisonTable(sym.comparison)}
${renderLiveRecord(sym.liveRecord)}
${of('costs')}
<h3>Parameter landscape</h3>
${of('heatmap')}
<h3>Equity</h3>
${of('equity')}
<h3>Price and trades</h3>
${of('price')}
<h3>First half vs second half</h3>
${of('halves')}
<h3>Data quality and regime</h3>
${renderDataFacts(sym, tz)}
</section>`;
}

/**
 * Renders the report page. Deterministic: equal model, zone and libraries give equal bytes.
 * Side effect: reads the vega browser builds from node_modules unless `bundles` is given.
 * @throws UsageError for an unknown zone; Error (invariant) for a model of another version.
 * @example writeFileAtomic(path, renderReportHtml(model, { tz: 'Asia/Seoul' }))
 */
export function renderReportHtml(model: ReportModel, opts: RenderOptions = {}): string {
  invariant(
    model.modelVersion === REPORT_MODEL_VERSION,
    `report model version ${String(model.modelVersion)}, renderer expects ${REPORT_MODEL_VERSION}: update the mapper`,
  );
  const tz = checkTimeZone(opts.tz ?? model.tz ?? 'UTC');
  const bundles = opts.bundles ?? readVegaBundles();
  const charts = model.symbols.map((s) => symbolCharts(s, tz));
  const specs: Record<string, unknown> = {};
  for (const c of charts.flat()) specs[c.id] = c.spec;
  const at = model.symbols[0]?.windows.full.from ?? model.provenance.createdAt;
  const toc =
    model.symbols.map((s) => `<a href="#sym-${symbolSlug(s.symbol)}">${escapeHtml(s.symbol)}</a>`).join('') +
    '<a href="#provenance">provenance</a>';
  const libs = bundles.map((b) => `<script>/*${b.name}*/\n@@COINBOT_BUNDLE_${b.name}@@\n</script>`).join('\n');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<title>${escapeHtml(model.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
<p class="sub">Run <code>${escapeHtml(model.runId)}</code> · times in ${escapeHtml(zoneLabel(tz, at))} · money in USDT</p>
${model.notice === undefined ? '' : `<div class="notice" role="note">${escapeHtml(model.notice)}</div>`}
<nav class="toc">${toc}</nav>
</header>
<main>
${renderVerdicts(model.symbols)}
${model.symbols.map((s, i) => symbolSection(s, charts[i] as ChartEntry[], tz)).join('\n')}
</main>
${renderProvenance(model.provenance, tz, bundles)}
<noscript><p class="notice">The charts need JavaScript; the tables above are complete without it.</p></noscript>
<script type="application/json" id="coinbot-specs">${jsonForScript(specs)}</script>
${libs}
<script>${REPORT_BOOT}</script>
</body>
</html>
`;
  let out = redact(page);
  // split/join, not replace(): library code contains `$&`-like sequences replace() would expand.
  for (const b of bundles) out = out.split(`@@COINBOT_BUNDLE_${b.name}@@`).join(b.code);
  return out;
}

/**
 * Writes `runDir/index.html` atomically and returns its path.
 * @example writeRunReport('reports/20250624T103200Z-ab12cd34', model, { tz: 'Asia/Seoul' })
 */
export function writeRunReport(runDir: string, model: ReportModel, opts: RenderOptions = {}): string {
  const path = join(runDir, 'index.html');
  writeFileAtomic(path, renderReportHtml(model, opts));
  return path;
}
