/**
 * Notebook: the cost wall — for the live sets and every set of the grid, the gross edge per
 * trade against the fees per trade, and the trade frequency at which the edge would cover costs.
 *
 *   npx tsx notebooks-ts/cost-wall.ts [--data-dir DIR] [--out DIR] [--quick]
 *
 * Runs the re-evaluation of the latest 48 h (`runReeval`, as `coinbot reeval --end latest`) on
 * the default grid (6,720 sets per symbol, ~40 CPU-s); `--quick` uses a 24-set grid. Writes
 * `reports/notebooks/cost-wall.html`. Replaces the former `reeval-landscape.ts` script (its
 * landscape by ATR_GATE_MULT is the last section).
 */
// %% Setup
import { formatRange } from '../src/engine/time.js';
import { CHART_CONFIG, r6, tip } from './lib/chart-helpers.js';
import { notebookArgs } from './lib/notebook-args.js';
import { NotebookPage } from './lib/notebook-page.js';
import { compactGrid, reevaluate } from './lib/reevaluate.js';
import { sweepRows, type SweepRow } from './lib/sweep-rows.js';

const args = notebookArgs();
const dfd = await import('danfojs-node');
const page = new NotebookPage('cost-wall', 'The cost wall: gross edge per trade against fees per trade', args);

// %% Re-evaluate the latest 48 h
const results = await reevaluate({
  dataDir: args.dataDir,
  symbols: ['BTC', 'ETH'],
  hours: 48,
  end: 'latest',
  ...(args.quick ? { grid: compactGrid(true) } : {}),
});
const window = results.window.full;
const rows: SweepRow[] = results.symbols.flatMap((s) => sweepRows(s, window));
const traded = rows.filter((r) => r.trades > 0);
page
  .prose(
    `The re-evaluation window ${formatRange(window)} (48 h, the latest candle close common to BTC and ETH), ${results.symbols.map((s) => `${s.symbol}: ${s.grid.distinctSets} sets, verdict ${s.verdict.label}`).join('; ')}. Costs as the simulator books them: taker 0.05 %, maker 0.02 % of notional, ${'`SLIPPAGE_BPS`'} from each set (1 bp by default, inside gross), funding at each cached event.`,
  )
  .prose(
    'A round trip of 1,000 USDT notional pays about 1.00 USDT in fees with a market entry and a stop or market exit (2 × 0.05 %), 0.70 USDT when the take-profit fills as a maker limit, 0.40 USDT maker on both sides. A set makes money only when its **gross edge per trade** (PnL before fees and funding) is above that line.',
  );

// %% The live sets
const live = rows.filter((r) => r.isBaseline);
page.heading('The live sets').table(
  new dfd.DataFrame(
    live.map((r) => ({
      symbol: r.symbol,
      trades: r.trades,
      'trades/day': r.tradesPerDay,
      gross: r.gross,
      fees: r.fees,
      funding: r.funding,
      net: r.net,
      'gross/trade': r.grossPerTrade,
      'fees/trade': r.feesPerTrade,
      'fees ÷ |gross|': r.gross !== 0 ? r.fees / Math.abs(r.gross) : null,
    })),
  ),
  'live sets (config/live/*.env) on the full window; USDT',
);

// %% Every set: gross per trade against trade frequency
const feeLine = results.symbols.map((s) => {
  const f = traded.filter((r) => r.symbol === (s.symbol.split('/')[0] ?? '')).map((r) => r.feesPerTrade as number);
  f.sort((a, b) => a - b);
  return { symbol: s.symbol.split('/')[0] ?? s.symbol, feesPerTrade: r6(f[Math.floor(f.length / 2)] ?? 0) };
});
page
  .heading('Gross edge per trade against trades per day')
  .prose(
    'Each dot is one set of the grid; the live set is the large dark dot. The horizontal line is the median fee per trade of the grid. Sets above it earn more per trade than they pay; the cloud shows how the edge per trade shrinks as a set trades more often.',
  );
for (const { symbol, feesPerTrade } of feeLine) {
  const mine = traded.filter((r) => r.symbol === symbol);
  page.chart(`gross-per-trade-${symbol}`, `${symbol}: gross PnL per trade against trades per day, every set`, {
    layer: [
      {
        data: {
          values: mine.map((r) => ({
            tradesPerDay: r6(r.tradesPerDay),
            grossPerTrade: r6(r.grossPerTrade as number),
            set: r.isBaseline ? 'live set' : 'grid',
            params: `gate ${r.gate}, lookback ${r.lookback}, SL/TP ${r.brackets}`,
          })),
        },
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'tradesPerDay', type: 'quantitative', title: 'trades per day' },
          y: { field: 'grossPerTrade', type: 'quantitative', title: 'gross PnL per trade (USDT)' },
          color: {
            field: 'set',
            type: 'nominal',
            scale: { domain: ['grid', 'live set'], range: ['#9e9e9e', '#111111'] },
            title: null,
          },
          size: { condition: { test: "datum.set === 'live set'", value: 160 }, value: 14 },
          opacity: { condition: { test: "datum.set === 'live set'", value: 1 }, value: 0.45 },
          tooltip: tip('params', 'tradesPerDay', 'grossPerTrade'),
        },
      },
      {
        data: { values: [{ feesPerTrade, label: `median fees/trade ${feesPerTrade.toFixed(2)}` }] },
        mark: { type: 'rule', color: '#c0392b', strokeWidth: 2 },
        encoding: { y: { field: 'feesPerTrade', type: 'quantitative' }, tooltip: [{ field: 'label' }] },
      },
    ],
    width: 700,
    height: 240,
    title: {
      text: `${symbol}: gross edge per trade vs trade frequency`,
      subtitle: 'red line: median fees per trade of the grid',
    },
    config: CHART_CONFIG,
  });
}

// %% Where would the edge cover the costs?
/** Up to 8 equal-count bins of a symbol's traded sets by trades per day, with medians. */
function frequencyBins(
  symbol: string,
): { symbol: string; bin: number; tradesPerDay: number; grossPerTrade: number; feesPerTrade: number; sets: number }[] {
  const mine = traded.filter((r) => r.symbol === symbol).sort((a, b) => a.tradesPerDay - b.tradesPerDay);
  const n = Math.min(8, mine.length);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 === 1
      ? (s[(s.length - 1) / 2] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  };
  return Array.from({ length: n }, (_, b) => {
    const part = mine.slice(Math.floor((b * mine.length) / n), Math.floor(((b + 1) * mine.length) / n));
    return {
      symbol,
      bin: b + 1,
      tradesPerDay: r6(median(part.map((r) => r.tradesPerDay))),
      grossPerTrade: r6(median(part.map((r) => r.grossPerTrade as number))),
      feesPerTrade: r6(median(part.map((r) => r.feesPerTrade as number))),
      sets: part.length,
    };
  });
}
const bins = feeLine.flatMap(({ symbol }) => frequencyBins(symbol));
page
  .heading('The trade frequency at which the edge would cover the costs')
  .prose(
    'The traded sets of each symbol in (up to) eight equal-count groups by trades per day, with the median gross edge per trade and the median fees per trade of each group. The break-even frequency is the highest group frequency whose median edge still covers its median fees; above it, fees eat the edge.',
  )
  .chart('edge-vs-fees-by-frequency', 'median gross per trade and fees per trade by trade-frequency group', {
    data: {
      values: bins.flatMap((b) => [
        { symbol: b.symbol, tradesPerDay: b.tradesPerDay, what: 'gross per trade', usdt: b.grossPerTrade },
        { symbol: b.symbol, tradesPerDay: b.tradesPerDay, what: 'fees per trade', usdt: b.feesPerTrade },
      ]),
    },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'tradesPerDay', type: 'quantitative', title: 'median trades per day of the group' },
      y: { field: 'usdt', type: 'quantitative', title: 'USDT per trade (median)' },
      color: { field: 'what', type: 'nominal', scale: { range: ['#c0392b', '#1a7f37'] }, title: null },
      strokeDash: { field: 'symbol', type: 'nominal' },
    },
    width: 700,
    height: 240,
    title: { text: 'Edge and fees per trade by trade frequency' },
    config: CHART_CONFIG,
  });
const breakEven = feeLine.map(({ symbol }) => {
  const covering = bins.filter((b) => b.symbol === symbol && b.grossPerTrade >= b.feesPerTrade);
  const best = covering.sort((a, b) => b.tradesPerDay - a.tradesPerDay)[0];
  const liveRow = live.find((r) => r.symbol === symbol);
  return {
    symbol,
    'live trades/day': liveRow?.tradesPerDay ?? null,
    'live gross/trade': liveRow?.grossPerTrade ?? null,
    'live fees/trade': liveRow?.feesPerTrade ?? null,
    'break-even trades/day (grid)': best?.tradesPerDay ?? null,
    note:
      best === undefined
        ? 'no group of the grid covers its fees'
        : `groups at or below ${best.tradesPerDay}/day cover their fees`,
  };
});
page.table(new dfd.DataFrame(breakEven), 'break-even frequency per symbol (– = none in this grid and window)');
page.table(new dfd.DataFrame(bins), 'the groups (medians; USDT per trade)');

// %% The landscape by ATR_GATE_MULT (formerly reeval-landscape.ts)
page
  .heading('The landscape by ATR_GATE_MULT')
  .prose(
    'Mean and best net PnL and the mean trade count of the sets per gate value, on the full window (a landscape, not a verdict: the best of many sets wins by luck alone).',
  );
for (const { symbol } of feeLine) {
  const df = new dfd.DataFrame(
    rows.filter((r) => r.symbol === symbol).map((r) => ({ gate: r.gate, net: r.net, trades: r.trades })),
  );
  page.table(
    df.groupby(['gate']).agg({ net: ['mean', 'max'], trades: 'mean' }),
    `${symbol}: net PnL (USDT) by ATR_GATE_MULT`,
  );
}

// %% Write the page
page.write();
