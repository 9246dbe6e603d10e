/**
 * Benchmark: the weight of a BTC+ETH report page (target < 3 MB, issue "HTML parameter
 * reports"), rendered from the fixture model built on the bundled sample candles (1,200 sets,
 * 48 h, 1m price). Prints the page weight, what the inlined libraries and the chart data take,
 * the render time, and the ratio to the target.
 */
import { buildSampleReportModel } from '../src/engine/report/fixtures/sample-report-model.js';
import { renderReportHtml } from '../src/engine/report/render-html.js';
import { readVegaBundles } from '../src/engine/report/vega-bundles.js';

const TARGET_MB = 3;

/** Renders the fixture page for BTC+ETH and returns a one-line verdict on its weight. */
export async function benchReport(): Promise<string> {
  const model = buildSampleReportModel({ tz: 'Asia/Seoul' });
  const bundles = readVegaBundles();
  renderReportHtml(model, { bundles }); // warm the JIT
  const t0 = performance.now();
  const html = renderReportHtml(model, { bundles });
  const ms = performance.now() - t0;
  const mb = Buffer.byteLength(html, 'utf8') / 1e6;
  const libsMb = bundles.reduce((n, b) => n + Buffer.byteLength(b.code, 'utf8'), 0) / 1e6;
  const start = html.indexOf('<script type="application/json" id="coinbot-specs">');
  const specsMb = Buffer.byteLength(html.slice(start, html.indexOf('</script>', start)), 'utf8') / 1e6;
  const verdict = mb < TARGET_MB ? 'OK' : 'OVER TARGET';
  return `report: BTC+ETH page ${mb.toFixed(2)} MB (libraries ${libsMb.toFixed(2)} MB, chart data ${specsMb.toFixed(2)} MB) rendered in ${ms.toFixed(0)} ms; target < ${TARGET_MB} MB, ratio ${(mb / TARGET_MB).toFixed(2)} — ${verdict}`;
}
