/**
 * Notebook: the parameter landscape of a re-evaluation as a danfo DataFrame.
 *
 *   npx tsx notebooks-ts/reeval-landscape.ts [reports/<run-id>]   (default: the newest run)
 *
 * Prints, per symbol, the mean and best net PnL and the mean trade count per ATR_GATE_MULT on
 * the full window, and the same per BREAKOUT_LOOKBACK × SL/TP. danfojs-node is imported here,
 * lazily, never by src/ (it costs ~1.5 s and ~150 MB).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReevalResults } from '../src/engine/sweep/reeval-results.js';
import { setRecords } from '../src/engine/sweep/set-table.js';

const runDir =
  process.argv[2] ??
  (() => {
    const runs = existsSync('reports')
      ? readdirSync('reports')
          .filter((n) => existsSync(join('reports', n, 'results.json')))
          .sort()
      : [];
    const last = runs[runs.length - 1];
    if (last === undefined) throw new Error("no run in reports/: run 'npm start' first");
    return join('reports', last);
  })();
const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as ReevalResults;
const dfd = await import('danfojs-node');

for (const s of results.symbols) {
  const rows = setRecords(s.sets, s.baseline.params).map((r) => ({
    gate: Number(r.params.ATR_GATE_MULT),
    lookback: Number(r.params.BREAKOUT_LOOKBACK),
    brackets: `${r.params.SL_ATR_MULT}/${r.params.TP_ATR_MULT}`,
    net: r.full.metrics.netPnl,
    trades: r.full.metrics.trades,
  }));
  const df = new dfd.DataFrame(rows);
  console.log(
    `\n${s.symbol} — ${rows.length} sets, verdict ${s.verdict.label}; net PnL (USDT) on the full window by ATR_GATE_MULT:`,
  );
  df.groupby(['gate'])
    .agg({ net: ['mean', 'max'], trades: 'mean' })
    .print();
  console.log('by BREAKOUT_LOOKBACK and SL/TP brackets:');
  df.groupby(['lookback', 'brackets'])
    .agg({ net: ['mean', 'max'], trades: 'mean' })
    .print();
}
