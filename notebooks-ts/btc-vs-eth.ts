/**
 * Notebook: the BTC and ETH live sets side by side — trade outcome distributions, holding
 * times, long vs short, and the hour of day (KST) of entries.
 *
 *   npx tsx notebooks-ts/btc-vs-eth.ts [--data-dir DIR] [--out DIR]
 *
 * One backtest per live set (`config/live/<SYM>.env`) over the whole cached span (the default
 * window of `coinbot backtest`: first candle + warm-up to the last close). Writes
 * `reports/notebooks/btc-vs-eth.html`.
 */
// %% Setup
import { resolve } from 'node:path';
import { runBacktest } from '../src/engine/sim/backtest.js';
import { loadCachedInputs, resolveWindow } from '../src/engine/sim/load-inputs.js';
import type { Trade } from '../src/engine/stats/trades.js';
import { loadBaseline } from '../src/engine/sweep/run-reeval.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { formatRange } from '../src/engine/time.js';
import { atrBreakout } from '../src/strategies/atr-breakout/atr-breakout.js';
import { CHART_CONFIG, KST, hourIn, r6, tip } from './lib/chart-helpers.js';
import { REPO_ROOT, notebookArgs } from './lib/notebook-args.js';
import { NotebookPage } from './lib/notebook-page.js';

const args = notebookArgs();
const dfd = await import('danfojs-node');
const page = new NotebookPage('btc-vs-eth', 'BTC vs ETH: the live sets trade by trade', args);

// %% Backtest each live set over the whole cache
interface Row {
  readonly symbol: string;
  readonly side: string;
  readonly net: number;
  readonly gross: number;
  readonly fees: number;
  readonly holdMin: number;
  readonly exit: string;
  readonly hourKst: number;
  readonly win: number;
}
const rows: Row[] = [];
const runs: Record<string, string | number>[] = [];
for (const base of ['BTC', 'ETH']) {
  const symbol = normaliseSymbol(base);
  const { params, source } = loadBaseline(atrBreakout, resolve(REPO_ROOT, 'config/live'), symbol);
  const input = loadCachedInputs(args.dataDir, symbol, String(params.TIMEFRAME));
  const window = resolveWindow(input.candles, atrBreakout.warmupCandles(params as never));
  const r = await runBacktest({
    strategy: atrBreakout,
    candles: input.candles,
    funding: input.funding,
    ...(input.mark ? { mark: input.mark } : {}),
    facts: input.facts,
    params: params as never,
    window,
  });
  runs.push({
    symbol: base,
    'live set': source.replace(`${REPO_ROOT}/`, ''),
    window: formatRange(window),
    trades: r.metrics.trades,
    'net PnL': r.metrics.netPnl,
    gross: r.metrics.grossPnl,
    fees: r.metrics.fees,
    funding: r.metrics.funding,
    'win rate': r.metrics.winRate ?? 0,
    'avg hold (min)': (r.metrics.avgHoldS ?? 0) / 60,
  });
  rows.push(
    ...r.trades.map((t: Trade) => ({
      symbol: base,
      side: t.side,
      net: t.netPnl,
      gross: t.grossPnl,
      fees: t.fees,
      holdMin: (t.exitTs - t.entryTs) / 60_000,
      exit: String(t.exitReason),
      hourKst: hourIn(t.entryTs, KST),
      win: t.netPnl > 0 ? 1 : 0,
    })),
  );
}
page
  .prose(
    "Each live set backtested once over the whole cached span, with the simulator and costs of `coinbot backtest` (taker 0.05 %, maker 0.02 %, the set's slippage, funding at cached events). USDT per trade on the sets' 1,000 USDT notional.",
  )
  .table(new dfd.DataFrame(runs), 'one backtest per live set');
if (rows.length === 0) page.notice('Neither live set traded in this span: no trade-level charts.');

// %% Trade outcomes
page
  .heading('Trade outcomes')
  .prose(
    'Net PnL per round trip (after fees and funding). The stop and take-profit brackets give the distribution its two humps; fees shift both to the left by about 1 USDT.',
  )
  .chart('net-per-trade', 'histogram of net PnL per trade, BTC and ETH', {
    data: { values: rows.map((r) => ({ symbol: r.symbol, net: r6(r.net) })) },
    mark: { type: 'bar', opacity: 0.7 },
    encoding: {
      x: { field: 'net', type: 'quantitative', bin: { maxbins: 40 }, title: 'net PnL per trade (USDT)' },
      y: { aggregate: 'count', type: 'quantitative', title: 'trades', stack: null },
      color: { field: 'symbol', type: 'nominal' },
    },
    width: 700,
    height: 200,
    title: { text: 'Net PnL per trade' },
    config: CHART_CONFIG,
  })
  .table(
    new dfd.DataFrame(rows.map((r) => ({ symbol: r.symbol, exit: r.exit, net: r.net })))
      .groupby(['symbol', 'exit'])
      .agg({ net: ['count', 'mean', 'sum'] }),
    'by exit reason (USDT)',
  );

// %% Holding times
page
  .heading('Holding times')
  .prose('Minutes from entry fill to exit fill. Short holds are stops hit soon after a breakout that failed.')
  .chart('hold-minutes', 'histogram of holding time in minutes, BTC and ETH', {
    data: { values: rows.map((r) => ({ symbol: r.symbol, holdMin: r.holdMin })) },
    mark: { type: 'bar', opacity: 0.7 },
    encoding: {
      x: { field: 'holdMin', type: 'quantitative', bin: { maxbins: 40 }, title: 'holding time (minutes)' },
      y: { aggregate: 'count', type: 'quantitative', title: 'trades', stack: null },
      color: { field: 'symbol', type: 'nominal' },
    },
    width: 700,
    height: 200,
    title: { text: 'Holding time' },
    config: CHART_CONFIG,
  });

// %% Long vs short
const sides = new dfd.DataFrame(
  rows.map((r) => ({ symbol: r.symbol, side: r.side, net: r.net, win: r.win, holdMin: r.holdMin })),
);
page
  .heading('Long vs short')
  .table(
    sides.groupby(['symbol', 'side']).agg({ net: ['count', 'mean', 'sum'], win: 'mean', holdMin: 'mean' }),
    'per side: trades, mean and total net (USDT), win share, mean hold (min)',
  );

// %% Hour of day (KST)
const byHour = new dfd.DataFrame(rows.map((r) => ({ symbol: r.symbol, hour: r.hourKst, net: r.net })))
  .groupby(['symbol', 'hour'])
  .agg({ net: ['count', 'mean'] });
const hourValues = (byHour.values as (string | number)[][]).map((v) => ({
  symbol: String(v[0]),
  hour: Number(v[1]),
  trades: Number(v[2]),
  meanNet: r6(Number(v[3])),
}));
page
  .heading('Hour of day of entries (KST)')
  .prose(
    'Entries per hour of day in Korea (Asia/Seoul, UTC+9), and their mean net PnL. The bot trades where volatility is: compare with the volatility-by-hour chart of the cache-quality notebook.',
  )
  .chart('entries-by-hour-kst', 'trades and mean net PnL by hour of entry in KST', {
    data: { values: hourValues },
    vconcat: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'hour', type: 'ordinal', title: 'hour of entry (Asia/Seoul, UTC+09:00)' },
          xOffset: { field: 'symbol' },
          y: { field: 'trades', type: 'quantitative', title: 'trades' },
          color: { field: 'symbol', type: 'nominal' },
          tooltip: tip('symbol', 'hour', 'trades', 'meanNet'),
        },
        width: 700,
        height: 160,
      },
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'hour', type: 'ordinal', title: 'hour of entry (Asia/Seoul, UTC+09:00)' },
          xOffset: { field: 'symbol' },
          y: { field: 'meanNet', type: 'quantitative', title: 'mean net PnL per trade (USDT)' },
          color: { field: 'symbol', type: 'nominal' },
        },
        width: 700,
        height: 160,
      },
    ],
    title: { text: 'Entries by hour of day, KST' },
    config: CHART_CONFIG,
  });

// %% Write the page
page.write();
