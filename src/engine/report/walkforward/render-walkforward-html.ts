/**
 * The walk-forward page: one self-contained HTML file like the re-evaluation report (vega,
 * vega-lite and vega-embed inlined, the same Content-Security-Policy, opens from `file://`).
 * Headline sentences first, then per symbol: cumulative out-of-sample net PnL per policy, the
 * policy table, each policy against `keep` and `flat` with intervals, the verdict timeline, the
 * predictive check, and every step; provenance at the foot. Deterministic for equal inputs.
 */
import type { RunInfo } from '../../sweep/reeval-results.js';
import { formatInstant, HOUR_MS } from '../../time.js';
import { POLICY_NAMES } from '../../walkforward/policies.js';
import type { SymbolWalkResults, WalkforwardResults } from '../../walkforward/walkforward-results.js';
import { escapeHtml } from '../html-escape.js';
import { renderChartPage } from '../chart-page.js';
import { symbolSlug } from '../symbol-charts.js';
import { checkTimeZone, formatInZone, zoneLabel } from '../time-zone.js';
import { readVegaBundles, type VegaBundle } from '../vega-bundles.js';
import { cumulativeSpec, predictiveSpec, timelineSpec } from './walkforward-specs.js';

const money = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const td = (x: string, num = true) => `<td${num ? ' class="num"' : ''}>${escapeHtml(x)}</td>`;

function totalsTable(s: SymbolWalkResults): string {
  const head = [
    'policy',
    'net',
    'gross',
    'fees',
    'funding',
    'trades',
    'max drawdown',
    'profitable steps',
    'steps trading',
  ];
  const rows = POLICY_NAMES.map((p) => {
    const t = s.totals[p];
    const name = p === 'hindsight' ? 'hindsight (unattainable)' : p;
    return `<tr>${td(name, false)}${td(money(t.netPnl))}${td(money(t.grossPnl))}${td(t.fees.toFixed(2))}${td(t.funding.toFixed(2))}${td(String(t.trades))}${td(t.maxDrawdown.toFixed(2))}${td(`${t.profitableSteps} of ${t.steps}`)}${td(String(t.tradingSteps))}</tr>`;
  });
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function comparisonsTable(s: SymbolWalkResults): string {
  const rows = s.comparisons.map((c) => {
    const i = c.interval;
    const range = i === null ? 'too few steps' : `${money(i.lower)} … ${money(i.upper)}`;
    const read = i === null ? '' : i.includesZero ? 'not distinguishable' : i.lower > 0 ? 'better' : 'worse';
    return `<tr>${td(c.policy, false)}${td(c.against, false)}${td(i === null ? '' : money(i.estimate))}${td(range)}${td(read, false)}</tr>`;
  });
  return `<table><thead><tr><th>policy</th><th>against</th><th>difference (USDT)</th><th>95 % interval</th><th>reading</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function stepsTable(s: SymbolWalkResults, tz: string): string {
  const rows = s.steps.map((r) => {
    const pol = POLICY_NAMES.filter((p) => p !== 'flat')
      .map((p) => td(`${r.policies[p].setId ?? 'flat'} ${money(r.policies[p].pnl?.netPnl ?? 0)}`))
      .join('');
    return `<tr>${td(formatInZone(r.t, tz), false)}${td(r.liveVerdict.label, false)}${td(`${r.verdict.label} (on ${r.verdict.judgedSetId})`, false)}${td(r.policies.verdict.event ?? '', false)}${pol}${td(r.spearman === null ? 'n/a' : r.spearman.toFixed(2))}${td(r.pbo === null ? 'n/a' : r.pbo.pbo.toFixed(2))}</tr>`;
  });
  const head = [
    'step',
    'verdict (live set)',
    'verdict (own set)',
    'move',
    'keep',
    'verdict',
    'chase',
    'hindsight',
    'Spearman',
    'PBO',
  ];
  return `<details><summary>Every step (${s.steps.length})</summary><table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function chartDiv(id: string, label: string): string {
  return `<div class="chart" id="chart-${id}" data-chart="${id}" role="img" aria-label="${escapeHtml(label)}"></div>`;
}

function symbolSection(s: SymbolWalkResults, tz: string, specs: Record<string, unknown>): string {
  const slug = symbolSlug(s.symbol);
  specs[`${slug}-cumulative`] = cumulativeSpec(s, tz);
  specs[`${slug}-timeline`] = timelineSpec(s, tz);
  specs[`${slug}-predictive`] = predictiveSpec(s, tz);
  return `<section class="symbol" id="sym-${slug}">
<h2>${escapeHtml(s.symbol)}</h2>
<p class="sub">${s.steps.length} steps, ${s.grid.distinctSets} parameter sets per sweep, live set ${escapeHtml(s.live.id)} (${escapeHtml(s.live.source)}).</p>
${chartDiv(`${slug}-cumulative`, `${s.symbol} cumulative out-of-sample net PnL`)}
<h3>Policies out of sample</h3>
${totalsTable(s)}
<h3>Against keeping the live set and against not trading</h3>
${comparisonsTable(s)}
<h3>Verdict timeline</h3>
${chartDiv(`${slug}-timeline`, `${s.symbol} verdict timeline`)}
<h3>Predictive check</h3>
${chartDiv(`${slug}-predictive`, `${s.symbol} predictive check`)}
${stepsTable(s, tz)}
</section>`;
}

function headlines(r: WalkforwardResults): string {
  const cards = r.symbols.map(
    (s) =>
      `<div class="verdict-card"><h2><a href="#sym-${symbolSlug(s.symbol)}">${escapeHtml(s.symbol)}</a></h2><ul>${s.headline.map((h) => `<li>${escapeHtml(h)}</li>`).join('')}</ul></div>`,
  );
  return `<section id="verdicts" class="verdict-grid">${cards.join('')}</section>`;
}

function provenance(r: WalkforwardResults, run: RunInfo, bundles: readonly VegaBundle[]): string {
  const st = r.settings;
  const lines = [
    `fingerprint ${r.fingerprint}`,
    `in-sample ${st.hours} h (halves of ${st.hours / 2} h), steps every ${st.everyMs / HOUR_MS} h, promotion delay ${st.promotionDelayMs / HOUR_MS} h, blocks ${st.blockMs / 60_000} min, PBO over ${st.pboGroups} groups`,
    `fees taker ${(st.fees.takerFeeRate * 100).toFixed(3)} %, maker ${(st.fees.makerFeeRate * 100).toFixed(3)} %`,
    `run ${run.runId}: started ${formatInstant(run.startedAt)}, ${(run.durationMs / 1000).toFixed(1)} s, ${run.workers} workers, git ${run.gitRevision}, node ${run.node}`,
    `command: ${run.commandLine}`,
    `libraries: ${bundles.map((b) => b.name).join(', ')}`,
  ];
  return `<footer id="provenance"><h2>Provenance</h2><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></footer>`;
}

/**
 * Renders the page. Side effect: reads the vega browser builds unless `bundles` is given.
 * @throws UsageError for an unknown zone.
 */
export function renderWalkforwardHtml(
  r: WalkforwardResults,
  run: RunInfo,
  opts: { readonly tz?: string; readonly bundles?: readonly VegaBundle[] } = {},
): string {
  const tz = checkTimeZone(opts.tz ?? run.tz ?? 'UTC');
  const bundles = opts.bundles ?? readVegaBundles();
  const specs: Record<string, unknown> = {};
  const sections = r.symbols.filter((s) => s.steps.length > 0).map((s) => symbolSection(s, tz, specs));
  const at = r.symbols[0]?.steps[0]?.t ?? run.startedAt;
  const title = `coinbot walk-forward: ${r.symbols.map((s) => s.symbol).join(', ')}`;
  return renderChartPage({
    title,
    header: `<p class="sub">Would re-evaluating every ${r.settings.everyMs / HOUR_MS} h on ${r.settings.hours} h of data have paid? Run <code>${escapeHtml(run.runId)}</code> · times in ${escapeHtml(zoneLabel(tz, at))} · money in USDT · out of sample: each step's window traded by the set chosen before it</p>`,
    main: `${headlines(r)}
${sections.join('\n')}`,
    footer: provenance(r, run, bundles),
    specs,
    bundles,
  });
}
