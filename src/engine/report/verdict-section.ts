/**
 * The verdict block at the top of the report page: one card per symbol with the label, the
 * plain-words headline and the checks behind it. * Pure: model → HTML fragment (escaped).
 */
import { escapeHtml } from './html-escape.js';
import { formatNumber } from './format-number.js';
import { verdictLabel, type SymbolReport, type Verdict, type VerdictReason } from './report-model.js';
import { symbolSlug } from './symbol-charts.js';

/** CSS class of a verdict kind (`v-keep`, `v-candidate`, `v-insufficient-data`, `v-no-edge`, `v-stop`). */
export function verdictClass(v: Verdict): string {
  return `v-${v.kind.toLowerCase().replace(/ /g, '-')}`;
}

/** The small label chip used beside headings: `<span class="chip v-keep">KEEP</span>`. */
export function verdictChip(v: Verdict): string {
  return `<span class="chip ${verdictClass(v)}">${escapeHtml(verdictLabel(v))}</span>`;
}

function cell(x: number | string): string {
  return escapeHtml(typeof x === 'number' ? formatNumber(x, Number.isInteger(x) ? 0 : 2) : x);
}

function reasonsTable(reasons: readonly VerdictReason[]): string {
  if (reasons.length === 0) return '';
  const rows = reasons.map(
    (r) =>
      `<tr class="${r.pass ? 'pass' : 'fail'}"><td>${r.pass ? '✓' : '✗'}</td><td>${escapeHtml(r.check)}${
        r.note === undefined ? '' : `<div class="note">${escapeHtml(r.note)}</div>`
      }</td><td class="num">${cell(r.value)}</td><td class="num">${cell(r.threshold)}</td></tr>`,
  );
  return `<table class="reasons"><thead><tr><th></th><th>check</th><th>value</th><th>threshold</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One card. */
function card(sym: SymbolReport): string {
  const v = sym.verdict;
  return `<article class="verdict-card ${verdictClass(v)}">
<h2><a href="#sym-${symbolSlug(sym.symbol)}">${escapeHtml(sym.symbol)}</a></h2>
<div class="verdict-label">${escapeHtml(verdictLabel(v))}</div>
<p class="headline">${escapeHtml(v.headline)}</p>
${reasonsTable(v.reasons)}
</article>`;
}

/** The verdict block: one card per symbol, in model order. */
export function renderVerdicts(symbols: readonly SymbolReport[]): string {
  return `<section id="verdicts" aria-label="verdicts"><div class="verdict-grid">${symbols.map(card).join('\n')}</div></section>`;
}
