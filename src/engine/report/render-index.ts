/**
 * `reports/index.html`: the list of every run, newest first — time, symbols with their
 * verdicts, fingerprint and a link to the run's page. Self-contained (no scripts, no charts,
 * nothing fetched), opens from `file://`; everything written passes through `redact()`.
 */
import { join } from 'node:path';
import { invariant } from '../errors.js';
import { redact } from '../redact.js';
import { writeFileAtomic } from '../data/atomic-write.js';
import { escapeHtml } from './html-escape.js';
import { PAGE_CSS } from './page-style.js';
import { verdictLabel, type ReportModel, type VerdictKind } from './report-model.js';
import { checkTimeZone, formatInZone, zoneLabel } from './time-zone.js';

/** One run as the index lists it. */
export interface RunSummary {
  readonly runId: string;
  /** Start of the run (ms UTC). */
  readonly createdAt: number;
  /** Optional title (the run page's title). */
  readonly title?: string;
  /** Per symbol, its verdict kind and printed label (`CANDIDATE s0042`). */
  readonly symbols: readonly { readonly symbol: string; readonly verdict: VerdictKind; readonly label: string }[];
  readonly fingerprint: string;
  /** Link to the run's page, relative to `reports/` (e.g. `<run-id>/index.html`). */
  readonly href: string;
}

/** The index entry of a run's model; its page is `<runId>/index.html` under `reports/`. */
export function summariseRun(model: ReportModel): RunSummary {
  return {
    runId: model.runId,
    createdAt: model.provenance.createdAt,
    title: model.title,
    symbols: model.symbols.map((s) => ({ symbol: s.symbol, verdict: s.verdict.kind, label: verdictLabel(s.verdict) })),
    fingerprint: model.provenance.fingerprint,
    href: `${encodeURIComponent(model.runId)}/index.html`,
  };
}

/** Options of {@link renderRunsIndexHtml}. */
export interface IndexOptions {
  /** IANA zone for the times (default UTC). */
  readonly tz?: string;
}

function verdictCell(s: RunSummary['symbols'][number]): string {
  const cls = `v-${s.verdict.toLowerCase().replace(/ /g, '-')}`;
  return `<div>${escapeHtml(s.symbol)}: <span class="chip ${cls}">${escapeHtml(s.label)}</span></div>`;
}

/**
 * Renders the runs index, newest first (ties by run id).
 * @throws Error (invariant) when an `href` is not a relative path (an absolute URL would leave the file).
 */
export function renderRunsIndexHtml(runs: readonly RunSummary[], opts: IndexOptions = {}): string {
  const tz = checkTimeZone(opts.tz ?? 'UTC');
  for (const r of runs)
    invariant(
      !/^[a-z][a-z0-9+.-]*:|^\/|^\\/i.test(r.href),
      `run ${r.runId}: href '${r.href}' must be relative to reports/`,
    );
  const sorted = [...runs].sort(
    (a, b) => b.createdAt - a.createdAt || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0),
  );
  const at = sorted[0]?.createdAt ?? 0;
  const rows = sorted.map(
    (r) => `<tr>
<td class="num">${escapeHtml(formatInZone(r.createdAt, tz))}</td>
<td><a href="${escapeHtml(r.href)}"><code>${escapeHtml(r.runId)}</code></a>${r.title === undefined ? '' : `<div class="muted">${escapeHtml(r.title)}</div>`}</td>
<td>${r.symbols.map(verdictCell).join('')}</td>
<td><code>${escapeHtml(r.fingerprint)}</code></td>
</tr>`,
  );
  const body =
    rows.length === 0
      ? '<p>No runs yet: run <code>coinbot reeval</code>.</p>'
      : `<table class="runs">
<thead><tr><th>started (${escapeHtml(zoneLabel(tz, at))})</th><th>run</th><th>verdicts</th><th>fingerprint</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
  return redact(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>coinbot runs</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1>coinbot runs</h1><p class="sub">${rows.length} run(s), newest first.</p></header>
<main>${body}</main>
</body>
</html>
`);
}

/**
 * Writes `reportsDir/index.html` atomically and returns its path.
 * @example writeRunsIndex('reports', summaries, { tz: 'Asia/Seoul' })
 */
export function writeRunsIndex(reportsDir: string, runs: readonly RunSummary[], opts: IndexOptions = {}): string {
  const path = join(reportsDir, 'index.html');
  writeFileAtomic(path, renderRunsIndexHtml(runs, opts));
  return path;
}
