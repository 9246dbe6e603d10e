/**
 * Fact lists of the report page: per symbol the data quality and the regime context, and the
 * provenance footer (run id, fingerprint, code revision, data range and digest per symbol,
 * grid size, command line, inlined library versions). Pure → HTML; times in the display zone.
 */
import { escapeHtml } from './html-escape.js';
import { formatCount, formatNumber, formatPct } from './format-number.js';
import type { Provenance, SymbolReport } from './report-model.js';
import { formatInZone, zoneLabel } from './time-zone.js';

function dl(items: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** `2025-06-22 19:32 → 2025-06-24 19:32` in the display zone (half-open). */
export function spanText(from: number, to: number, tz: string): string {
  return `${formatInZone(from, tz)} → ${formatInZone(to, tz)}`;
}

/** Data quality and regime context of one symbol. */
export function renderDataFacts(sym: SymbolReport, tz: string): string {
  const q = sym.dataQuality;
  const gapList = q.gaps
    .slice(0, 10)
    .map((g) => `${escapeHtml(spanText(g.from, g.to, tz))} (${formatCount(g.missing)} candles)`);
  const more = q.gaps.length > 10 ? `; and ${q.gaps.length - 10} more` : '';
  const quality = dl([
    [
      'candles present / expected',
      `${formatCount(q.candles)} / ${formatCount(q.expectedCandles)}${q.missingCandles > 0 ? ` <strong class="neg">(${formatCount(q.missingCandles)} missing)</strong>` : ''}`,
    ],
    ['gaps', q.gaps.length === 0 ? 'none' : `${formatCount(q.gaps.length)}: ${gapList.join('; ')}${more}`],
    ['zero-volume candles', formatCount(q.zeroVolumeCandles)],
    ['funding events in window', formatCount(q.fundingEvents)],
    [
      'funding modelled',
      q.fundingModelled
        ? 'yes'
        : '<strong class="neg">no — no funding cached in the window; net PnL ignores funding</strong>',
    ],
  ]);
  const r = sym.regime;
  const regime = dl([
    ['summary', escapeHtml(r.summary)],
    ['window mean true range', formatPct(r.window.meanTrueRangePct, 3)],
    ['window high–low range', formatPct(r.window.rangePct, 2)],
    ['history days compared', formatCount(r.historyDays)],
    ['history median true range', formatPct(r.historyMedianTrueRangePct, 3)],
    [
      'percentile of the window',
      r.trueRangePercentile === null ? '—' : `${formatNumber(r.trueRangePercentile * 100, 0)}th`,
    ],
    ['history median daily range', formatPct(r.historyMedianDailyRangePct, 2)],
  ]);
  return `<div class="two-col"><div><h4>Data quality</h4>${quality}</div><div><h4>Regime context</h4>${regime}<p class="muted">Percentages are of the mean close.</p></div></div>`;
}

/** Library versions shown in the footer. */
export interface LibraryVersion {
  readonly name: string;
  readonly version: string;
}

/** The provenance footer. */
export function renderProvenance(p: Provenance, tz: string, libs: readonly LibraryVersion[]): string {
  const data = p.data.map(
    (d) =>
      `<tr><td>${escapeHtml(d.symbol)}</td><td>${escapeHtml(spanText(d.range.from, d.range.to, tz))}</td><td><code>${escapeHtml(d.digest)}</code></td></tr>`,
  );
  const items = dl([
    ['run id', `<code>${escapeHtml(p.runId)}</code>`],
    ['fingerprint', `<code>${escapeHtml(p.fingerprint)}</code>`],
    ['code revision', `<code>${escapeHtml(p.codeRevision)}</code>`],
    ['created', `${escapeHtml(formatInZone(p.createdAt, tz))} (${escapeHtml(zoneLabel(tz, p.createdAt))})`],
    [
      'grid',
      `${formatCount(p.grid.rawPoints)} raw points, ${formatCount(p.grid.distinctSets)} distinct sets per symbol`,
    ],
    ['command line', `<code>${escapeHtml(p.commandLine)}</code>`],
    ['charts', escapeHtml(libs.map((l) => `${l.name} ${l.version}`).join(', ') + ' (inlined)')],
  ]);
  return `<footer id="provenance"><h2>Provenance</h2>${items}
<table class="data-prov"><thead><tr><th>symbol</th><th>candles used (open times)</th><th>digest</th></tr></thead><tbody>${data.join('')}</tbody></table></footer>`;
}
