/**
 * The comparison table: baseline vs top candidates vs not trading, with net, gross, fees and
 * funding (and their share of |gross|), trades, the confidence interval, the neighbourhood
 * score and the parameters (values that differ from the baseline in bold). Pure → HTML.
 */
import { escapeHtml } from './html-escape.js';
import { formatCount, formatUsdt, shareOf } from './format-number.js';
import type { ComparisonTable, SetRow } from './report-model.js';
import { rowLabel, windowName } from './specs/spec-common.js';

function money(x: number | undefined): string {
  const s = formatUsdt(x);
  const cls = x === undefined || s === '—' ? '' : x > 0 ? ' pos' : x < 0 ? ' neg' : '';
  return `<td class="num${cls}">${s}</td>`;
}

/** A cost (fees, funding): uncoloured, since a cost is neither a win nor a loss of the set; its share of |gross| beneath. */
function cost(x: number, gross: number, flat: boolean): string {
  return `<td class="num">${formatUsdt(x)}${flat ? '' : `<div class="share">${shareOf(x, gross)}</div>`}</td>`;
}

/** Lets long parameter names wrap after underscores. */
function wrapName(name: string): string {
  return escapeHtml(name).replace(/_/g, '_<wbr>');
}

function ci(row: SetRow): string {
  if (row.ciLow === undefined || row.ciHigh === undefined) return '<td class="num muted">—</td>';
  return `<td class="num">${formatUsdt(row.ciLow)} … ${formatUsdt(row.ciHigh)}</td>`;
}

/** Renders the table; shows the CI and neighbourhood columns only when some row has them. */
export function renderComparisonTable(table: ComparisonTable): string {
  const base = table.rows.find((r) => r.role === 'baseline');
  const hasCi = table.rows.some((r) => r.ciLow !== undefined);
  const hasNb = table.rows.some((r) => r.neighbourhoodScore !== undefined);
  const level = table.ciLevel === undefined ? '' : ` ${Math.round(table.ciLevel * 100)} %`;
  const head = [
    '<th>set</th>',
    '<th>net PnL</th>',
    '<th>gross PnL</th>',
    '<th>fees<div class="share">% of |gross|</div></th>',
    '<th>funding<div class="share">% of |gross|</div></th>',
    '<th>trades</th>',
    hasCi
      ? `<th title="confidence interval of the net PnL difference vs the baseline">CI${level} vs baseline</th>`
      : '',
    hasNb ? '<th title="score of the set’s grid neighbourhood">neighbourhood</th>' : '',
    ...table.paramNames.map((p) => `<th class="param">${wrapName(p)}</th>`),
  ].join('');
  const body = table.rows.map((r) => {
    const params = table.paramNames.map((p) => {
      const v = r.params[p];
      if (v === undefined) return '<td class="num muted">—</td>';
      const differs = base !== undefined && r.role !== 'baseline' && base.params[p] !== v;
      return `<td class="num${differs ? ' differs' : ''}">${escapeHtml(String(v))}</td>`;
    });
    const flat = r.role === 'flat';
    return `<tr class="row-${r.role}"><th scope="row">${escapeHtml(rowLabel(r))}</th>${money(r.netPnl)}${money(r.grossPnl)}${cost(
      r.fees,
      r.grossPnl,
      flat,
    )}${cost(r.funding, r.grossPnl, flat)}<td class="num">${formatCount(r.trades)}</td>${hasCi ? ci(r) : ''}${hasNb ? money(r.neighbourhoodScore) : ''}${params.join('')}</tr>`;
  });
  return `<div class="table-wrap"><table class="comparison">
<caption>USDT over the ${escapeHtml(windowName(table.window))}. Net = gross − fees − funding (funding: positive = paid). Shares are of |gross|. Bold parameter = differs from the baseline.</caption>
<thead><tr>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table></div>`;
}
