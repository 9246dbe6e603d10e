/**
 * Paper mode on the shared runner against the loopback fake, in accelerated time: the same
 * trades as the backtest over the same candles, the cooldown across a restart, and survival of
 * exchange faults during the loop.
 */
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  hang,
  malformed,
  rateLimited,
  serverError,
  SAMPLE_DATA_DIR,
  SUBSET_EXCHANGE_INFO,
  useFakeBinance,
} from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { parseEnvFile } from '../../engine/config/env-file.js';
import { resolveParams } from '../../engine/config/resolve-params.js';
import { seriesFromCandles } from '../../engine/data/candle-series.js';
import { readCandles } from '../../engine/data/candle-store.js';
import { parseExchangeInfo } from '../../engine/data/market-facts-store.js';
import { checkHealth } from '../../engine/ops/health-check.js';
import { journalCandles } from '../../engine/live/journal.js';
import { runBacktest } from '../../engine/sim/backtest.js';
import { buildTrades } from '../../engine/stats/trades.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import type { MarketFacts } from '../../engine/types.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { runCli } from '../main.js';

const ETH = normaliseSymbol('ETH');
const SAMPLE = readCandles(SAMPLE_DATA_DIR, ETH, '1m');
const FACTS = parseExchangeInfo(JSON.parse(readFileSync(SUBSET_EXCHANGE_INFO, 'utf8')), 'subset').find(
  (f) => f.symbol === ETH,
) as MarketFacts;
const MIN = 60_000;
const S = Date.UTC(2025, 5, 22, 0, 0);
const ETH_LIVE_SET = readFileSync('config/live/ETH.env', 'utf8');
const MARKET_SET = 'SYMBOL=ETH/USDT:USDT\nATR_GATE_MULT=1.0\nENTRY_COOLDOWN_S=600\n';
const COOLDOWN_SET = 'SYMBOL=ETH/USDT:USDT\nATR_GATE_MULT=0.9\nENTRY_COOLDOWN_S=1800\nSL_ATR_MULT=1\nTP_ATR_MULT=1\n';

const fake = useFakeBinance();

/** The backtest of `paramsText` over the candles a live run consumed (decided ones = the window). */
async function backtestOfRun(paramsText: string, liveTs: readonly number[]) {
  const { params } = resolveParams(atrBreakout, [parseEnvFile(paramsText, 'test.env')]);
  const from = liveTs[0] as number;
  const to = (liveTs[liveTs.length - 1] as number) + MIN;
  return runBacktest({
    strategy: atrBreakout,
    candles: SAMPLE,
    facts: FACTS,
    params: params as never,
    window: { from, to },
  });
}

describe('coinbot live --mode paper (in-process, accelerated fake clock)', () => {
  it('produces exactly the fills and trades of the backtest over the same candles', async () => {
    const dir = tempDir('live-paper-eq');
    const run = await runLiveInProcess({
      fake,
      dataDir: dir,
      params: ETH_LIVE_SET,
      start: S,
      stopAt: S + 240 * MIN + 30_000,
    });
    const live = run.journal.filter((e) => e.t === 'candle' && e.phase === 'live').map((e) => e.ts as number);
    expect(live.length).toBeGreaterThanOrEqual(239);
    expect(live[0]).toBe(S);
    // Every decided candle is the served one, in order, none skipped.
    expect(live.every((t, i) => i === 0 || t - (live[i - 1] as number) === MIN)).toBe(true);
    const bt = await backtestOfRun(ETH_LIVE_SET, live);
    const btFills = bt.fills.filter((f) => !f.clientOrderId.endsWith('-w'));
    expect(btFills.length).toBeGreaterThanOrEqual(12);
    expect(run.fills).toEqual(btFills);
    const liveTrades = buildTrades(run.fills, []);
    expect(liveTrades).toEqual(bt.trades.filter((t) => t.exitReason !== 'window_end'));
    expect(liveTrades.map((t) => t.entryLiquidity)).toContain('maker'); // retest limits filled as resting orders
    // The journal alone replays to the same fills: its candles (warm-up included) through the simulator.
    const journaled = seriesFromCandles(ETH, '1m', journalCandles(run.journal));
    const { params } = resolveParams(atrBreakout, [parseEnvFile(ETH_LIVE_SET, 'test.env')]);
    const replay = await runBacktest({
      strategy: atrBreakout,
      candles: journaled,
      facts: FACTS,
      params: params as never,
      window: { from: live[0] as number, to: (live[live.length - 1] as number) + MIN },
    });
    expect(replay.fills.filter((f) => !f.clientOrderId.endsWith('-w'))).toEqual(run.fills);
  });

  it('matches coinbot backtest on the sample data dir trade for trade (funding aside: paper mode books none)', async () => {
    const dir = tempDir('live-paper-cli');
    const run = await runLiveInProcess({
      fake,
      dataDir: dir,
      params: MARKET_SET,
      start: S,
      stopAt: S + 180 * MIN + 30_000,
    });
    const live = run.journal.filter((e) => e.t === 'candle' && e.phase === 'live').map((e) => e.ts as number);
    const paramsFile = `${dir}/params.env`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(paramsFile, MARKET_SET);
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const code = await runCli([
      'backtest',
      '--data-dir',
      SAMPLE_DATA_DIR,
      '--params',
      paramsFile,
      '--from',
      String(live[0]),
      '--to',
      String((live[live.length - 1] as number) + MIN),
      '--json',
    ]).finally(() => spy.mockRestore());
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      trades: {
        entry_time: string;
        exit_time: string;
        entry_price: number;
        exit_price: number;
        side: string;
        exit_reason: string;
        fees_usdt: number;
        gross_pnl_usdt: number;
      }[];
    };
    const cliTrades = doc.trades.filter((t) => t.exit_reason !== 'window_end');
    const liveTrades = buildTrades(run.fills, []);
    expect(liveTrades.length).toBeGreaterThanOrEqual(5);
    expect(
      liveTrades.map((t) => ({
        entry: new Date(t.entryTs).toISOString().replace('.000', ''),
        exit: new Date(t.exitTs).toISOString().replace('.000', ''),
        side: t.side,
        reason: t.exitReason,
      })),
    ).toEqual(cliTrades.map((t) => ({ entry: t.entry_time, exit: t.exit_time, side: t.side, reason: t.exit_reason })));
    liveTrades.forEach((t, i) => {
      const c = cliTrades[i] as (typeof cliTrades)[number];
      expect(t.entryPrice).toBeCloseTo(c.entry_price, 9);
      expect(t.exitPrice).toBeCloseTo(c.exit_price, 9);
      expect(t.fees).toBeCloseTo(c.fees_usdt, 9);
      expect(t.grossPnl).toBeCloseTo(c.gross_pnl_usdt, 9);
    });
  });

  it('does not re-enter inside the cooldown after a restart, where a fresh start would', async () => {
    const dir = tempDir('live-paper-cooldown');
    const first = await runLiveInProcess({ fake, dataDir: dir, params: COOLDOWN_SET, start: S, stopAt: S + 45 * MIN });
    const entry = first.fills.find((f) => !f.reduceOnly);
    expect(entry).toBeDefined();
    const cooldownEnd = (entry?.ts as number) + 1800_000;
    // Down for five minutes, then restarted with the saved state.
    const second = await runLiveInProcess({
      fake,
      dataDir: dir,
      params: COOLDOWN_SET,
      start: S + 50 * MIN,
      stopAt: S + 100 * MIN,
    });
    const reentries = second.fills.filter((f) => !f.reduceOnly && f.ts > (entry?.ts as number));
    expect(reentries.length).toBeGreaterThan(0);
    expect(Math.min(...reentries.map((f) => f.ts))).toBeGreaterThanOrEqual(cooldownEnd);
    // The same minutes from a fresh state (no memory of the first entry) do enter inside it.
    const fresh = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-paper-fresh'),
      params: COOLDOWN_SET,
      start: S + 50 * MIN,
      stopAt: S + 100 * MIN,
    });
    expect(fresh.fills.filter((f) => !f.reduceOnly).some((f) => f.ts < cooldownEnd)).toBe(true);
    // The restart replayed the missed minutes for the indicators but decided none of them.
    const replayed = second.journal.filter(
      (e) => e.t === 'candle' && e.phase === 'replay' && (e.ts as number) >= S + 45 * MIN,
    );
    expect(replayed.length).toBeGreaterThan(0);
    const decided = new Set(second.journal.filter((e) => e.t === 'decision').map((e) => e.candleTs as number));
    expect(replayed.some((e) => decided.has(e.ts as number))).toBe(false);
  });

  it('survives 429, 5xx, timeouts and garbage during the loop with the same fills as a clean run', async () => {
    const clean = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-paper-clean'),
      params: MARKET_SET,
      start: S,
      stopAt: S + 120 * MIN + 30_000,
    });
    const inLoop = (q: URLSearchParams) => Number(q.get('startTime') ?? 0) >= S + 20 * MIN;
    fake.inject('/fapi/v1/klines', rateLimited(1), { times: 2, when: inLoop });
    fake.inject('/fapi/v1/klines', serverError(503), {
      times: 3,
      when: (q) => Number(q.get('startTime') ?? 0) >= S + 40 * MIN,
    });
    fake.inject('/fapi/v1/klines', hang(), { times: 1, when: (q) => Number(q.get('startTime') ?? 0) >= S + 60 * MIN });
    fake.inject('/fapi/v1/klines', malformed(), {
      times: 1,
      when: (q) => Number(q.get('startTime') ?? 0) >= S + 80 * MIN,
    });
    fake.inject('/fapi/v1/time', serverError(502), { times: 8 }); // more than one request's retries: the feed backs off and carries on
    const faulty = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-paper-faults'),
      params: MARKET_SET,
      start: S,
      stopAt: S + 120 * MIN + 30_000,
      timeoutMs: 300,
    });
    expect(
      fake.requests
        .filter((r) => r.fault !== undefined)
        .map((r) => r.fault)
        .sort(),
    ).toEqual([
      'hang',
      'malformed',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
    ]);
    expect(faulty.lines.filter((l) => l.event === 'retry').length).toBeGreaterThanOrEqual(10);
    expect(clean.fills.length).toBeGreaterThanOrEqual(6);
    expect(faulty.fills).toEqual(clean.fills);
    expect(journalCandles(faulty.journal).map((c) => c.ts)).toEqual(journalCandles(clean.journal).map((c) => c.ts));
  });

  it('notifies entries, exits and staleness, and coinbot health reads its log: healthy while candles flow, stale after', async () => {
    const sent: string[] = [];
    const notifier = { notify: async (text: string) => (sent.push(text), null) };
    const end = (SAMPLE.ts[SAMPLE.length - 1] as number) + MIN; // close of the last served candle: no newer one ever comes
    const run = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-alerts'),
      params: 'SYMBOL=ETH\nATR_GATE_MULT=0.8\nSL_ATR_MULT=0.5\nTP_ATR_MULT=0.5\n',
      start: end - 120 * MIN,
      stopAt: end + 10 * MIN,
      notifier,
    });
    expect(sent.some((t) => /^coinbot ETH\/USDT:USDT paper: entered (long|short) /.test(t))).toBe(true);
    expect(sent.some((t) => /exited (long|short) .* \((stop_loss|take_profit)\)$/.test(t))).toBe(true);
    expect(sent.filter((t) => /stale: no new closed candle/.test(t))).toHaveLength(1);
    expect(run.lines).toContainEqual(expect.objectContaining({ event: 'stale', level: 'warn' }));
    const log = run.lines.map((l) => JSON.stringify(l));
    expect(checkHealth(log, end + 30_000)).toMatchObject({ healthy: true, restarts: 0 });
    const later = checkHealth(log, end + 10 * MIN);
    expect(later.healthy).toBe(false);
    expect(later.checks.find((c) => c.name === 'candles')?.ok).toBe(false);
  });
});
