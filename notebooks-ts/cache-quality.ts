/**
 * Notebook: the cache and its quality — what is cached, gaps, zero-volume candles (the halt
 * signature), volatility by hour of day in KST, and funding over time.
 *
 *   npx tsx notebooks-ts/cache-quality.ts [--data-dir DIR] [--out DIR]
 *
 * Writes `reports/notebooks/cache-quality.html`. Reads the cache only (no simulation).
 */
// %% Setup: arguments, page, danfo (imported lazily: ~1.5 s, never by src/)
import { summariseCache } from '../src/engine/data/data-summary.js';
import { listCandleSets, readCandles } from '../src/engine/data/candle-store.js';
import { readFunding } from '../src/engine/data/funding-store.js';
import { findGaps } from '../src/engine/data/validate-candles.js';
import { DAY_MS, formatInstant, timeframeMs } from '../src/engine/time.js';
import { baseOf } from '../src/engine/symbols.js';
import { CHART_CONFIG, KST, hourIn, r6, tip, zoned } from './lib/chart-helpers.js';
import { notebookArgs } from './lib/notebook-args.js';
import { NotebookPage } from './lib/notebook-page.js';

const args = notebookArgs();
const dfd = await import('danfojs-node');
const page = new NotebookPage('cache-quality', 'The cache and its quality', args);
const sets = listCandleSets(args.dataDir).filter((s) => s.kind === 'last' && s.timeframe === '1m');

// %% What is cached
const summary = summariseCache(args.dataDir);
page
  .heading('What is cached')
  .prose(
    'One row per symbol, timeframe and kind (`last` = last-price candles the simulator trades on, `mark` = mark-price candles for funding). Times are candle open times in UTC, as `coinbot data ls` prints them.',
  )
  .table(
    new dfd.DataFrame(
      summary.map((s) => ({
        symbol: s.symbol,
        tf: s.timeframe,
        kind: s.kind,
        first: formatInstant(s.first),
        last: formatInstant(s.last),
        candles: s.count,
        gaps: s.gaps.length,
        missing: s.missing,
        'zero-volume': s.zeroVolume,
        'funding events': s.funding?.eventsInRange ?? null,
      })),
    ),
  );

// %% Gaps and zero-volume candles, per UTC day
const daily: { day: string; symbol: string; candles: number; missing: number; zeroVolume: number }[] = [];
const gapRows: { symbol: string; from: string; to: string; missing: number }[] = [];
for (const ref of sets) {
  const c = readCandles(args.dataDir, ref.symbol, '1m');
  const step = timeframeMs('1m');
  for (const g of findGaps(c.ts, step))
    gapRows.push({
      symbol: baseOf(ref.symbol),
      from: formatInstant(g.from),
      to: formatInstant(g.to),
      missing: g.missing,
    });
  const byDay = new Map<number, { candles: number; zero: number }>();
  for (let i = 0; i < c.length; i++) {
    const day = Math.floor((c.ts[i] as number) / DAY_MS) * DAY_MS;
    const d = byDay.get(day) ?? { candles: 0, zero: 0 };
    d.candles += 1;
    if (c.volume[i] === 0) d.zero += 1;
    byDay.set(day, d);
  }
  const first = c.ts[0] as number;
  const last = c.ts[c.length - 1] as number;
  for (const [day, d] of [...byDay].sort((a, b) => a[0] - b[0])) {
    // Expected candles of this day within the cached span (first and last days are partial).
    const from = Math.max(day, first);
    const to = Math.min(day + DAY_MS, last + step);
    daily.push({
      day: formatInstant(day).slice(0, 10),
      symbol: baseOf(ref.symbol),
      candles: d.candles,
      missing: (to - from) / step - d.candles,
      zeroVolume: d.zero,
    });
  }
}
page
  .heading('Gaps and zero-volume candles')
  .prose(
    'A gap is a run of missing one-minute candles; coinbot lists gaps and never fills them (the simulator does not trade through a missing candle). A zero-volume candle is what an exchange halt leaves: open = high = low = close and no trades. Both are counted per UTC day below; the first and last days of the cache are partial, so only candles inside the cached span count as missing.',
  );
if (gapRows.length === 0) page.prose('**No gaps** in any cached 1m series.');
else page.table(new dfd.DataFrame(gapRows), 'every gap (open times UTC, [from, to))');
page.chart('daily-quality', 'missing and zero-volume candles per UTC day and symbol', {
  data: { values: daily.map((d) => ({ ...d, 'missing + zero-volume': d.missing + d.zeroVolume })) },
  mark: { type: 'bar' },
  encoding: {
    x: { field: 'day', type: 'ordinal', title: 'UTC day' },
    xOffset: { field: 'symbol' },
    y: { field: 'missing + zero-volume', type: 'quantitative', title: 'missing + zero-volume candles' },
    color: { field: 'symbol', type: 'nominal' },
    tooltip: tip('day', 'symbol', 'candles', 'missing', 'zeroVolume'),
  },
  width: 700,
  height: 180,
  title: { text: 'Missing and zero-volume 1m candles per day', subtitle: 'a flat zero is a clean day' },
  config: CHART_CONFIG,
});

// %% Volatility by hour of day in KST
const vol: { symbol: string; hour: number; absRetBp: number; rangeBp: number }[] = [];
for (const ref of sets) {
  const c = readCandles(args.dataDir, ref.symbol, '1m');
  for (let i = 1; i < c.length; i++) {
    const prev = c.close[i - 1] as number;
    if ((c.ts[i] as number) - (c.ts[i - 1] as number) !== 60_000 || prev <= 0) continue;
    vol.push({
      symbol: baseOf(ref.symbol),
      hour: hourIn(c.ts[i] as number, KST),
      absRetBp: (Math.abs((c.close[i] as number) / prev - 1) * 1e4) as number,
      rangeBp: (((c.high[i] as number) - (c.low[i] as number)) / prev) * 1e4,
    });
  }
}
const volDf = new dfd.DataFrame(vol);
const byHour = volDf.groupby(['symbol', 'hour']).agg({ absRetBp: 'mean', rangeBp: 'mean' });
const hourRows = (byHour.values as (string | number)[][]).map((r) => ({
  symbol: String(r[0]),
  hour: Number(r[1]),
  absRetBp: r6(Number(r[2])),
  rangeBp: r6(Number(r[3])),
}));
page
  .heading('Volatility by hour of day (KST)')
  .prose(
    'Mean absolute one-minute close-to-close return and mean high–low range of the candle, in basis points of the previous close, by the hour of day in Korea (UTC+9, Asia/Seoul). The ATR gate fires on candles whose range is large against the recent ATR, so the hours where this is high are the hours the bot trades most. Candles after a gap are left out.',
  )
  .chart('vol-by-hour-kst', 'mean one-minute range by hour of day in KST', {
    data: { values: hourRows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: 'hour of day (Asia/Seoul, UTC+09:00)' },
      y: { field: 'rangeBp', type: 'quantitative', title: 'mean 1m high–low range (bp)' },
      color: { field: 'symbol', type: 'nominal' },
      tooltip: tip('symbol', 'hour', 'rangeBp', 'absRetBp'),
    },
    width: 700,
    height: 220,
    title: { text: 'One-minute range by hour of day, KST' },
    config: CHART_CONFIG,
  })
  .table(
    new dfd.DataFrame(
      hourRows.map((r) => ({
        symbol: r.symbol,
        'hour (KST)': r.hour,
        'mean |ret| bp': r.absRetBp,
        'mean range bp': r.rangeBp,
      })),
    )
      .sortValues('mean range bp', { ascending: false })
      .head(6),
    'the six most volatile symbol-hours',
  );

// %% Funding over time
const funding: { symbol: string; t: number; ratePct: number }[] = [];
const fundingSummary: Record<string, string | number>[] = [];
for (const ref of sets) {
  const c = readCandles(args.dataDir, ref.symbol, '1m');
  const f = readFunding(args.dataDir, ref.symbol, {
    from: c.ts[0] as number,
    to: (c.ts[c.length - 1] as number) + 60_000,
  });
  let sum = 0;
  let positive = 0;
  for (let i = 0; i < f.length; i++) {
    const rate = f.rate[i] as number;
    funding.push({ symbol: baseOf(ref.symbol), t: zoned(f.ts[i] as number), ratePct: r6(rate * 100) });
    sum += rate;
    if (rate > 0) positive += 1;
  }
  fundingSummary.push({
    symbol: baseOf(ref.symbol),
    events: f.length,
    'mean rate %': f.length > 0 ? (sum / f.length) * 100 : 0,
    'positive share': f.length > 0 ? positive / f.length : 0,
    'paid by a 1,000 USDT long, whole span': sum * 1000,
  });
}
page
  .heading('Funding over time')
  .prose(
    'Each cached funding event of the cached candle span, as a rate in percent of notional. A positive rate means longs pay shorts at that event. The simulator books funding at every cached event while a position is open (mark price from the 1h mark candles when cached, else the last close); events are taken at their own times, never at an assumed 8 h interval.',
  );
if (funding.length === 0)
  page.notice('No funding events are cached for this span: every backtest on it says "funding not modelled".');
else
  page.chart('funding-over-time', 'funding rate per event over time', {
    data: { values: funding },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 't', type: 'temporal', title: 'funding time (UTC)' },
      y: { field: 'ratePct', type: 'quantitative', title: 'funding rate (%)' },
      color: { field: 'symbol', type: 'nominal' },
    },
    width: 700,
    height: 200,
    title: { text: 'Funding rate per event' },
    config: CHART_CONFIG,
  });
page.table(new dfd.DataFrame(fundingSummary), 'funding per symbol over the cached span');

// %% Write the page
page.write();
