/**
 * Benchmark of the simulator (not a test): candles per second of `runBacktest` for the ETH live
 * set over the whole history, with indicators computed incrementally and replayed from
 * precomputed arrays, and of a sweep-like load (200 parameter sets × the last 48 h sharing one
 * precomputed indicator bundle, what `coinbot reeval` does), plus the ATR alone. Uses
 * ../shared/data when present, else the bundled sample (and says so).
 *
 *   npm run bench backtest          one line (via bench/run-all.ts)
 *   npx tsx bench/backtest.bench.ts [--runs 5]   every figure
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATR } from 'technicalindicators';
import { atrArray, AtrStream } from '../src/engine/indicators/atr.js';
import { precomputeIndicators } from '../src/engine/indicators/precompute.js';
import { runBacktest, type BacktestInput } from '../src/engine/sim/backtest.js';
import { atrBreakout } from '../src/strategies/atr-breakout/atr-breakout.js';
import { liveSetInput } from './live-set-input.js';
import { bestMs } from './best-ms.js';
import type { AtrBreakoutParams } from '../src/strategies/atr-breakout/params.js';

const SETS = 200;

interface Setup {
  readonly input: BacktestInput;
  readonly params: AtrBreakoutParams;
  readonly source: string;
}

function setup(): Setup {
  const s = liveSetInput('ETH');
  if (s.source !== '../shared/data')
    console.warn('*** backtest bench: ../shared/data absent: measuring the 3-day sample only ***');
  return s;
}

/** The sweep-like load: SETS parameter sets over the last 48 h, one shared precomputed bundle. */
async function sweepLike(s: Setup): Promise<{ run: () => Promise<void>; candles: number }> {
  const c = s.input.candles;
  const from = c.ts[Math.max(0, c.length - 48 * 60)] as number;
  const sets = Array.from({ length: SETS }, (_, k) => ({
    ...s.params,
    ATR_GATE_MULT: 1 + (k % 20) * 0.05,
    ENTRY_COOLDOWN_S: 60 * (k % 10),
    SL_ATR_MULT: 1 + Math.floor(k / 20) * 0.25,
  }));
  const warmupCandles = Math.max(...sets.map((p) => atrBreakout.warmupCandles(p)));
  const inputs = sets.map((p) => ({ ...s.input, params: p, window: { from, to: s.input.window.to }, warmupCandles }));
  const probe = await runBacktest(inputs[0] as BacktestInput);
  const pre = precomputeIndicators(
    sets.flatMap((p) => Object.values(atrBreakout.indicators(p))),
    c,
    probe.consumed.candleFrom,
    probe.consumed.candleTo,
  );
  return {
    candles: SETS * (probe.consumed.candleTo - probe.consumed.candleFrom),
    run: async () => {
      for (const i of inputs) await runBacktest({ ...i, precomputed: pre });
    },
  };
}

const rate = (candles: number, ms: number) => `${(((candles / ms) * 1000) / 1e6).toFixed(2)} M candles/s`;

/** Runs the benchmark and returns a one-line summary. */
export async function benchBacktest(): Promise<string> {
  const s = setup();
  const n = s.input.candles.length;
  const single = await bestMs(3, () => runBacktest(s.input));
  const sweep = await sweepLike(s);
  const sweepMs = await bestMs(2, sweep.run);
  return `backtest: ETH live set ${n} candles (${s.source}) ${single.toFixed(0)} ms = ${rate(n, single)}; sweep-like ${SETS} sets × 48 h ${sweepMs.toFixed(0)} ms = ${rate(sweep.candles, sweepMs)}`;
}

async function detailed(runs: number): Promise<void> {
  const s = setup();
  const { input, params } = s;
  const c = input.candles;
  const n = c.length;
  const line = (label: string, ms: number, count: number) =>
    console.log(`${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms  ${rate(count, ms).padStart(17)}`);
  console.log(
    `coinbot backtest benchmark: ${c.symbol} ${n} candles (${s.source}), best of ${runs}, node ${process.version}`,
  );
  const first = await runBacktest(input);
  console.log(
    `ETH live set: ${first.metrics.trades} trades, net ${first.metrics.netPnl.toFixed(2)} USDT, funding ${first.funding.status}`,
  );
  const specs = Object.values(atrBreakout.indicators(params));
  const { candleFrom, candleTo } = first.consumed;
  const pre = precomputeIndicators(specs, c, candleFrom, candleTo);
  line(
    'precompute the 5 indicator streams once',
    await bestMs(runs, () => precomputeIndicators(specs, c, candleFrom, candleTo)),
    n,
  );
  line('runBacktest, incremental indicators', await bestMs(runs, () => runBacktest(input)), n);
  line('runBacktest, precomputed indicators', await bestMs(runs, () => runBacktest({ ...input, precomputed: pre })), n);
  const sweep = await sweepLike(s);
  line(`sweep-like: ${SETS} sets × 48 h, precomputed`, await bestMs(Math.min(runs, 3), sweep.run), sweep.candles);
  const high = Array.from(c.high);
  const low = Array.from(c.low);
  const close = Array.from(c.close);
  line(
    'ATR(14) technicalindicators batch',
    await bestMs(runs, () => ATR.calculate({ high, low, close, period: 14 })),
    n,
  );
  line('ATR(14) own typed-array loop', await bestMs(runs, () => atrArray(c.high, c.low, c.close, 14)), n);
  line(
    'ATR(14) own incremental stream',
    await bestMs(runs, () => {
      const a = new AtrStream(14);
      for (let i = 0; i < n; i++)
        a.update({
          ts: 0,
          open: 0,
          high: c.high[i] as number,
          low: c.low[i] as number,
          close: c.close[i] as number,
          volume: 0,
        });
    }),
    n,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const i = process.argv.indexOf('--runs');
  await detailed(i > 0 ? Number(process.argv[i + 1]) : 5);
}
