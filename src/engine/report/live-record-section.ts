/**
 * The report's "Live record" section (`coinbot reeval --journal`): what the live unit did over the
 * window beside what the simulator says the live set would have done. Pure: model in, HTML out.
 */
import type { LiveRecord } from '../checks/live-record.js';
import { formatCount, formatUsdt } from './format-number.js';
import { escapeHtml } from './html-escape.js';

/** The section's HTML, or '' when the run had no journal for this symbol. */
export function renderLiveRecord(r: LiveRecord | undefined): string {
  if (r === undefined) return '';
  const row = (name: string, x: LiveRecord['live']) =>
    `<tr><td>${escapeHtml(name)}</td><td class="num">${formatCount(x.trades)}</td><td class="num">${formatUsdt(x.grossPnl)}</td><td class="num">${formatUsdt(x.fees)}</td><td class="num">${formatUsdt(x.netPnl)}</td></tr>`;
  return `<h3>Live record over the window (${escapeHtml(r.mode)} journal)</h3>
<p class="sub">The unit decided on ${formatCount(r.candlesDecided)} of the window's ${formatCount(r.candlesInWindow)} candles. Gaps, fills and fees differ from the simulation: <code>coinbot parity</code> and <code>coinbot missed</code> explain each difference.</p>
<table class="cmp"><thead><tr><th></th><th>trades</th><th>gross USDT</th><th>fees USDT</th><th>net USDT</th></tr></thead>
<tbody>${row('live', r.live)}${row('simulated live set', r.simulated)}</tbody></table>`;
}
