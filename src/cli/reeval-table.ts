/** The terminal table of one symbol's re-evaluation: verdict, baseline vs the top of the ranking vs not trading. */
import type { SymbolResults } from '../engine/sweep/reeval-results.js';
import { setRecordAt, type SetRecord } from '../engine/sweep/set-table.js';
import { liveVsFlat } from '../engine/sweep/live-vs-flat.js';
import { colourVerdict } from './verdict-colour.js';

const money = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(2)}`;

function line(
  label: string,
  set: SetRecord | undefined,
  axes: readonly string[],
  base: Record<string, unknown>,
): string {
  if (set === undefined) return label;
  const m = set.full.metrics;
  const diff = axes
    .filter((a) => set.params[a] !== base[a])
    .map((a) => `${a}=${String(set.params[a])}`)
    .join(' ');
  return [
    label.padEnd(16),
    money(m.netPnl).padStart(9),
    money(m.grossPnl).padStart(9),
    m.fees.toFixed(2).padStart(8),
    String(m.trades).padStart(6),
    money(set.h1.metrics.netPnl).padStart(9),
    money(set.h2.metrics.netPnl).padStart(9),
    `  ${diff || '(live set)'}`,
  ].join(' ');
}

/** Renders the table as text (fixed-width columns); the verdict in its colour when `colour`. */
export function reevalTable(s: SymbolResults, colour = false): string {
  const index = new Map(s.sets.ids.map((id, i) => [id, i]));
  const rec = (id: string) => {
    const i = index.get(id);
    return i === undefined ? undefined : setRecordAt(s.sets, i, s.baseline.params);
  };
  const axes = s.grid.axes.map(([n]) => n);
  const base = s.baseline.params as Record<string, unknown>;
  const rows = [
    `\n${s.symbol}: ${s.grid.distinctSets} distinct sets (${s.grid.rawPoints} grid points), verdict ${colourVerdict(s.verdict.label, s.verdict.kind, colour)}`,
    `  ${s.verdict.summary}`,
    `  ${liveVsFlat(s).sentence}`,
    `  ${s.regime.summary}; ${s.dataQuality.missingCandles} missing candles, ${s.dataQuality.fundingEvents} funding events`,
    `${'set'.padEnd(16)} ${'net'.padStart(9)} ${'gross'.padStart(9)} ${'fees'.padStart(8)} ${'trades'.padStart(6)} ${'net h1'.padStart(9)} ${'net h2'.padStart(9)}   params ≠ live set`,
    line(`baseline #${s.ranking.baselineRank}`, rec(s.baseline.id), axes, base),
    ...s.ranking.top.slice(0, 5).map((r) => line(`#${r.rank} ${r.id}`, rec(r.id), axes, base)),
    `${'not trading'.padEnd(16)} ${money(0).padStart(9)} ${money(0).padStart(9)} ${'0.00'.padStart(8)} ${'0'.padStart(6)} ${money(0).padStart(9)} ${money(0).padStart(9)}`,
    `  (ranked by full-window net PnL: a ranking, not a verdict)`,
  ];
  return rows.join('\n');
}
