/**
 * Notebook: stability of the re-evaluation's ranking — week by week, which sets each 48 h
 * re-evaluation ranked on top and how they did the next day, beside the live set.
 *
 *   npx tsx notebooks-ts/stability.ts [--data-dir DIR] [--out DIR] [--quick]
 *
 * Each window is a real re-evaluation (`runReeval`, as `coinbot reeval --end <end>`) on a
 * compact grid (≈ 40 sets per symbol: gate × lookback × brackets; the default grid's 6,720 sets
 * × 46 windows would take an hour), then the top five sets and the live set are backtested on
 * the following period with the same simulator. `--quick`: 24 sets and the last 2 windows.
 * Writes `reports/notebooks/stability.html`.
 */
// %% Setup
import { loadCachedInputs, type CachedInputs } from '../src/engine/sim/load-inputs.js';
import { runBacktest } from '../src/engine/sim/backtest.js';
import { setRecords } from '../src/engine/sweep/set-table.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { formatInstant, HOUR_MS } from '../src/engine/time.js';
import { atrBreakout } from '../src/strategies/atr-breakout/atr-breakout.js';
import { CHART_CONFIG, r6, tip, zoned } from './lib/chart-helpers.js';
import { notebookArgs } from './lib/notebook-args.js';
import { NotebookPage } from './lib/notebook-page.js';
import { compactGrid, reevaluate } from './lib/reevaluate.js';
import { stabilityPlan } from './lib/stability-plan.js';

const args = notebookArgs();
const dfd = await import('danfojs-node');
const page = new NotebookPage(
  'stability',
  'Stability: do the top sets of one re-evaluation hold up the next day?',
  args,
);
const SYMBOLS = ['BTC', 'ETH'] as const;
const TOP = 5;

// %% The plan: which windows fit in the data
const inputs = new Map<string, CachedInputs>(
  SYMBOLS.map((s) => [s, loadCachedInputs(args.dataDir, normaliseSymbol(s), '1m')]),
);
const spans = [...inputs.values()].map((i) => ({
  first: i.candles.ts[0] as number,
  last: (i.candles.ts[i.candles.length - 1] as number) + 60_000,
}));
const plan = stabilityPlan(
  Math.max(...spans.map((s) => s.first)),
  Math.min(...spans.map((s) => s.last)),
  args.quick ? 2 : Infinity,
);
page.prose(
  `${plan.ends.length} re-evaluations of ${plan.hours} h, one every ${plan.stepMs / HOUR_MS} h, each followed by ${plan.nextMs / HOUR_MS} h out of sample. Each ranks its sets by net PnL on its window (the report's plain ranking, not a verdict); the top ${TOP} and the live set are then backtested on the next period, with the same warm-up rules as any backtest.`,
);
if (plan.shortNote !== undefined) page.notice(plan.shortNote);

// %% Re-evaluate every window, then backtest its top sets on the next period
interface Outcome {
  readonly end: number;
  readonly week: string;
  readonly symbol: string;
  readonly role: string;
  readonly rank: number | null;
  readonly setId: string;
  readonly params: string;
  readonly verdict: string;
  readonly inSampleNet: number;
  readonly nextNet: number;
  readonly nextTrades: number;
}
/** ISO-like week label (Monday start, UTC) of `t`. */
function weekOf(t: number): string {
  const d = new Date(t);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return `week of ${formatInstant(monday).slice(0, 10)}`;
}
const outcomes: Outcome[] = [];
for (const end of plan.ends) {
  const res = await reevaluate({
    dataDir: args.dataDir,
    symbols: SYMBOLS,
    hours: plan.hours,
    end,
    grid: compactGrid(args.quick),
  });
  for (const s of res.symbols) {
    const base = s.symbol.split('/')[0] as string;
    const input = inputs.get(base) as CachedInputs;
    const records = new Map(setRecords(s.sets, s.baseline.params).map((r) => [r.id, r]));
    const picks = [
      ...s.ranking.top.slice(0, TOP).map((r) => ({ id: r.id, rank: r.rank as number | null, role: `#${r.rank}` })),
      { id: s.baseline.id, rank: s.ranking.baselineRank as number | null, role: 'live set' },
    ];
    for (const p of picks) {
      const rec = records.get(p.id);
      if (rec === undefined) continue;
      const bt = await runBacktest({
        strategy: atrBreakout,
        candles: input.candles,
        funding: input.funding,
        ...(input.mark ? { mark: input.mark } : {}),
        facts: input.facts,
        params: rec.params as never,
        window: { from: end, to: end + plan.nextMs },
      });
      outcomes.push({
        end,
        week: weekOf(end),
        symbol: base,
        role: p.role,
        rank: p.rank,
        setId: p.id,
        params: `gate ${rec.params.ATR_GATE_MULT}, lookback ${rec.params.BREAKOUT_LOOKBACK}, SL/TP ${rec.params.SL_ATR_MULT}/${rec.params.TP_ATR_MULT}`,
        verdict: s.verdict.label,
        inSampleNet: rec.full.metrics.netPnl,
        nextNet: bt.metrics.netPnl,
        nextTrades: bt.metrics.trades,
      });
    }
  }
}

// %% Next-period PnL of the top set, the top five and the live set, window by window
const perWindow = SYMBOLS.flatMap((sym) =>
  plan.ends.flatMap((end) => {
    const mine = outcomes.filter((o) => o.symbol === sym && o.end === end);
    const top = mine.filter((o) => o.role.startsWith('#'));
    const first = mine.find((o) => o.role === '#1');
    const liveSet = mine.find((o) => o.role === 'live set');
    const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    return [
      { symbol: sym, end: zoned(end), who: 'top set (#1)', nextNet: r6(first?.nextNet ?? 0) },
      { symbol: sym, end: zoned(end), who: `mean of top ${TOP}`, nextNet: r6(mean(top.map((o) => o.nextNet))) },
      { symbol: sym, end: zoned(end), who: 'live set', nextNet: r6(liveSet?.nextNet ?? 0) },
    ];
  }),
);
page
  .heading('How the top of each re-evaluation did in the next period')
  .prose(
    `Net PnL (USDT, after fees and funding) over the ${plan.nextMs / HOUR_MS} h after each re-evaluation window, of its top-ranked set, the mean of its top ${TOP}, and the live set. If the ranking carried information, the top set's line would sit above the live set's more often than not.`,
  )
  .chart('next-period-net', 'next-period net PnL of the top set, the top five and the live set, per window', {
    data: { values: perWindow },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'end', type: 'temporal', title: 'end of the re-evaluation window = start of the next period (UTC)' },
      y: { field: 'nextNet', type: 'quantitative', title: 'next-period net PnL (USDT)' },
      color: { field: 'who', type: 'nominal', scale: { range: ['#e6550d', '#3182bd', '#111111'] }, title: null },
      row: { field: 'symbol', type: 'nominal', title: null },
      tooltip: tip('symbol', 'who', 'nextNet'),
    },
    width: 700,
    height: 160,
    title: { text: 'Next-period net PnL per re-evaluation' },
    config: CHART_CONFIG,
  });

// %% In-sample rank against out-of-sample result
page
  .heading('In the window vs after it')
  .prose(
    `Each dot is one of the top ${TOP} sets of one window (and the live set): its net PnL in the re-evaluation window against its net PnL in the next period. A ranking that persists would show a rising cloud; a flat or falling one means the window's winners were luck.`,
  )
  .chart('in-vs-next', 'window net PnL against next-period net PnL of the top sets and the live set', {
    data: {
      values: outcomes.map((o) => ({
        symbol: o.symbol,
        role: o.role === 'live set' ? 'live set' : 'top set',
        inSampleNet: r6(o.inSampleNet),
        nextNet: r6(o.nextNet),
        when: formatInstant(o.end),
        params: o.params,
      })),
    },
    mark: { type: 'point', filled: true },
    encoding: {
      x: { field: 'inSampleNet', type: 'quantitative', title: 'net PnL in the re-evaluation window (USDT)' },
      y: { field: 'nextNet', type: 'quantitative', title: 'net PnL in the next period (USDT)' },
      color: { field: 'symbol', type: 'nominal' },
      shape: { field: 'role', type: 'nominal', title: null },
      tooltip: tip('symbol', 'role', 'when', 'params', 'inSampleNet', 'nextNet'),
    },
    width: 500,
    height: 300,
    title: { text: 'Window result vs next-period result' },
    config: CHART_CONFIG,
  });

// %% Week by week
const weekly = new dfd.DataFrame(
  outcomes.map((o) => ({
    week: o.week,
    symbol: o.symbol,
    top1: o.role === '#1' ? o.nextNet : null,
    live: o.role === 'live set' ? o.nextNet : null,
    topAll: o.role.startsWith('#') ? o.nextNet : null,
  })),
);
const weekRows = SYMBOLS.flatMap((sym) => {
  const weeks = [...new Set(outcomes.filter((o) => o.symbol === sym).map((o) => o.week))];
  return weeks.map((w) => {
    const mine = outcomes.filter((o) => o.symbol === sym && o.week === w);
    const ends = [...new Set(mine.map((o) => o.end))];
    const firsts = mine.filter((o) => o.role === '#1');
    const lives = mine.filter((o) => o.role === 'live set');
    const sum = (xs: Outcome[]) => xs.reduce((a, o) => a + o.nextNet, 0);
    const beat = ends.filter((e) => {
      const f = firsts.find((o) => o.end === e);
      const l = lives.find((o) => o.end === e);
      return f !== undefined && l !== undefined && f.nextNet > l.nextNet;
    }).length;
    return {
      week: w,
      symbol: sym,
      windows: ends.length,
      'distinct #1 sets': new Set(firsts.map((o) => o.setId)).size,
      'next-period net, #1 (sum)': sum(firsts),
      'next-period net, live (sum)': sum(lives),
      '#1 beat live': `${beat} of ${ends.length}`,
    };
  });
});
page
  .heading('Week by week')
  .prose(
    'Per week (Monday 00:00 UTC) and symbol: how many windows, how many different sets came first, and the summed next-period net PnL of the #1 set and of the live set. Many distinct winners and no lasting advantage over the live set is the signature of a ranking driven by noise.',
  )
  .table(new dfd.DataFrame(weekRows), 'week by week (USDT)')
  .table(
    weekly.groupby(['week', 'symbol']).agg({ topAll: 'mean' }),
    `mean next-period net of the top ${TOP}, per week (USDT)`,
  );

// %% Every window's top set
page.heading('Every window').table(
  new dfd.DataFrame(
    outcomes
      .filter((o) => o.role === '#1' || o.role === 'live set')
      .map((o) => ({
        window_end: formatInstant(o.end),
        symbol: o.symbol,
        who: o.role,
        verdict: o.verdict,
        set: o.params,
        'rank in window': o.rank,
        'window net': o.inSampleNet,
        'next net': o.nextNet,
        'next trades': o.nextTrades,
      })),
  ),
  'the #1 set and the live set of every window',
);

// %% Write the page
page.write();
