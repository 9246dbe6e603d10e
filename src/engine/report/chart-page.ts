/**
 * The shell of every self-contained chart page coinbot writes (the run report, the notebooks,
 * the walk-forward page): head with the strict Content-Security-Policy and the page style, a
 * header, the body, the chart specs as one JSON script element, the vega browser builds inlined
 * and the boot script that draws every `[data-chart]` element. Offline by construction: nothing
 * is fetched. Pure: equal parts give equal bytes; secrets are redacted from the whole page.
 */
import { redact } from '../redact.js';
import { escapeHtml, jsonForScript } from './html-escape.js';
import { PAGE_CSS } from './page-style.js';
import type { VegaBundle } from './vega-bundles.js';

/** Content-Security-Policy of the page: inline code only; vega compiles expressions with `Function`, hence 'unsafe-eval'. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'";

/** id of the JSON script element holding every chart spec of a page, keyed by chart id. */
export const SPECS_ELEMENT_ID = 'coinbot-specs';

/**
 * Draws every `[data-chart]` element from the specs; marks each `data-rendered="ok"` or
 * `"error"` (with the message, also on the console) and exposes `window.coinbotCharts`, a
 * promise of all views, for browser tests.
 */
const BOOT = `(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('${SPECS_ELEMENT_ID}').textContent);
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

/** The parts of a chart page. HTML fragments are inserted as given (escape them first). */
export interface ChartPageParts {
  /** Plain text: the `<title>` and the `<h1>`. */
  readonly title: string;
  /** HTML under the `<h1>`, inside `<header>`. */
  readonly header: string;
  /** HTML of `<main>`. */
  readonly main: string;
  /** HTML after `<main>` (provenance, footer, noscript note). */
  readonly footer: string;
  /** Chart specs by the ids of the page's `data-chart` elements. */
  readonly specs: Readonly<Record<string, unknown>>;
  readonly bundles: readonly VegaBundle[];
}

/** Renders the page; see the module comment. */
export function renderChartPage(p: ChartPageParts): string {
  const libs = p.bundles.map((b) => `<script>/*${b.name}*/\n@@COINBOT_BUNDLE_${b.name}@@\n</script>`).join('\n');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<title>${escapeHtml(p.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(p.title)}</h1>
${p.header}
</header>
<main>
${p.main}
</main>
${p.footer}
<script type="application/json" id="${SPECS_ELEMENT_ID}">${jsonForScript(p.specs)}</script>
${libs}
<script>${BOOT}</script>
</body>
</html>
`;
  let out = redact(page);
  // split/join, not replace(): library code contains `$&`-like sequences replace() would expand.
  for (const b of p.bundles) out = out.split(`@@COINBOT_BUNDLE_${b.name}@@`).join(b.code);
  return out;
}
