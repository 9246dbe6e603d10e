/**
 * `coinbot parity` on journals written by real live runs against the loopback fake (in-process,
 * accelerated time): a paper run with a restart in the middle replays exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSampleMarketData, startFakeBinance, type FakeBinance } from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { LiveStateStore } from '../../engine/live/live-state.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { cliInProcess } from '../../../test-support/cli-in-process.js';

const MIN = 60_000;
const S = Date.UTC(2025, 5, 22, 0, 0);
const PARAMS = `${readFileSync('config/live/ETH.env', 'utf8')}\nATR_GATE_MULT=1.0\n`.replace(
  /^ATR_GATE_MULT=1\.06$/m,
  '',
);

let fake: FakeBinance;
beforeAll(async () => {
  fake = await startFakeBinance({ data: loadSampleMarketData() });
});
afterAll(async () => {
  await fake.close();
});

describe('coinbot parity', () => {
  it('finds a paper journal with a restart in the middle exact, decision for decision and fill for fill', async () => {
    const dir = tempDir('parity-paper');
    const first = await runLiveInProcess({ fake, dataDir: dir, params: PARAMS, start: S, stopAt: S + 90 * MIN });
    const second = await runLiveInProcess({
      fake,
      dataDir: dir,
      params: PARAMS,
      start: S + 95 * MIN,
      stopAt: S + 240 * MIN,
    });
    expect(first.fills.length + second.fills.length).toBeGreaterThan(4);
    const journal = new LiveStateStore(dir, normaliseSymbol('ETH'), 'paper').journalPath;
    const r = await cliInProcess(['parity', '--journal', journal, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { segments: { exact: boolean; fills: { live: number; sim: number } }[] };
    expect(j.segments).toHaveLength(1);
    expect(j.segments[0]).toMatchObject({ exact: true });
    expect(j.segments[0]?.fills.live).toBe(j.segments[0]?.fills.sim);
    const text = await cliInProcess(['parity', '--journal', journal]);
    expect(text.stdout).toMatch(/EXACT: every decision and fill equals the simulator/);
  });

  it('reports a 10-minute outage as missed candles and lists exactly the simulated trades signalled inside it', async () => {
    const dir = tempDir('missed-paper');
    await runLiveInProcess({ fake, dataDir: dir, params: PARAMS, start: S, stopAt: S + 90 * MIN });
    await runLiveInProcess({ fake, dataDir: dir, params: PARAMS, start: S + 100 * MIN, stopAt: S + 240 * MIN });
    const journal = new LiveStateStore(dir, normaliseSymbol('ETH'), 'paper').journalPath;
    const args = ['missed', '--symbol', 'ETH', '--from', String(S + 30 * MIN), '--to', String(S + 235 * MIN)];
    const r = await cliInProcess([...args, '--journal', journal, '--data-dir', SAMPLE_DATA_DIR, '--json']);
    expect(r.code).toBe(0);
    type T = { signalTs: number; netPnl: number };
    const j = JSON.parse(r.stdout) as {
      missedCandles: { from: number; to: number }[];
      missedCandleCount: number;
      expected: T[];
      missed: T[];
    };
    expect(j.missedCandleCount).toBeGreaterThanOrEqual(10);
    const outage = j.missedCandles.find((g) => g.from <= S + 95 * MIN && g.to > S + 95 * MIN);
    expect(outage).toBeDefined();
    const inside = j.expected.filter(
      (t) => t.signalTs - MIN >= (outage as { from: number }).from && t.signalTs - MIN < (outage as { to: number }).to,
    );
    expect(j.missed).toEqual(inside);
    const text = await cliInProcess([...args, '--journal', journal, '--data-dir', SAMPLE_DATA_DIR]);
    expect(text.stdout).toMatch(/missed trades: \d+, net -?\d+\.\d\d USDT/);
  });

  it('attributes injected taker slippage to slippage (to the cent) in a real run with an outage, and missed lists the outage trades', async () => {
    const k = 5; // bp, adverse, on every taker fill of the fake
    const harshFake = await startFakeBinance({
      data: loadSampleMarketData(),
      harsh: { marketFillOnArrival: true, takerSlippageBps: k },
    });
    try {
      const dir = tempDir('parity-real');
      const params = `${PARAMS}\nSLIPPAGE_BPS=0\n`;
      const run = (start: number, stopAt: number) =>
        runLiveInProcess({ fake: harshFake, dataDir: dir, params, mode: 'real', start, stopAt, pollSliceMs: 5_000 });
      await run(S, S + 90 * MIN);
      await run(S + 100 * MIN, S + 240 * MIN); // down for 10 minutes
      const journal = new LiveStateStore(dir, normaliseSymbol('ETH'), 'real').journalPath;
      const r = await cliInProcess(['parity', '--journal', journal, '--json']);
      expect(r.code).toBe(0);
      type Seg = { totals: { slippage: number }; trades: unknown[]; missing: string[] };
      const seg = (JSON.parse(r.stdout) as { segments: Seg[] }).segments[0] as Seg;
      // What the fake took: k bp of the matched price on every taker trade.
      const injected = harshFake
        .trades()
        .filter((t) => !t.maker)
        .reduce(
          (sum, t) =>
            sum +
            (t.price - t.price / (t.side === 'BUY' ? 1 + k / 1e4 : 1 - k / 1e4)) * (t.side === 'BUY' ? 1 : -1) * t.qty,
          0,
        );
      expect(injected).toBeGreaterThan(0.05);
      expect(Math.abs(seg.totals.slippage - injected)).toBeLessThanOrEqual(0.01);
      expect(seg.trades.length).toBeGreaterThan(2);
      const m = await cliInProcess([
        'missed',
        '--symbol',
        'ETH',
        '--from',
        String(S + 30 * MIN),
        '--to',
        String(S + 235 * MIN),
        '--journal',
        journal,
        '--data-dir',
        SAMPLE_DATA_DIR,
        '--json',
      ]);
      const missed = JSON.parse(m.stdout) as {
        missed: { signalTs: number }[];
        missedCandles: { from: number; to: number }[];
      };
      const outage = missed.missedCandles.find((g) => g.from <= S + 95 * MIN && g.to > S + 95 * MIN);
      expect(outage).toBeDefined();
      const all = (JSON.parse(m.stdout) as { expected: { signalTs: number }[] }).expected;
      const g = outage as { from: number; to: number };
      expect(missed.missed).toEqual(all.filter((t) => t.signalTs - MIN >= g.from && t.signalTs - MIN < g.to));
      // The same question from the account's fills on the exchange (no journal): the same trades made.
      const paramsFile = join(dir, 'params.env');
      writeFileSync(paramsFile, params);
      const saved = { key: process.env.BINANCE_API_KEY, secret: process.env.BINANCE_API_SECRET };
      process.env.BINANCE_API_KEY = 'fake-api-key-0001';
      process.env.BINANCE_API_SECRET = 'fake-api-secret-0001';
      try {
        const window = ['--from', String(S + 30 * MIN), '--to', String(S + 235 * MIN)];
        const fromJournal = JSON.parse(
          (
            await cliInProcess([
              'missed',
              '--symbol',
              'ETH',
              ...window,
              '--journal',
              journal,
              '--data-dir',
              SAMPLE_DATA_DIR,
              '--json',
            ])
          ).stdout,
        ) as { made: unknown[] };
        const ex = await cliInProcess([
          'missed',
          '--symbol',
          'ETH',
          ...window,
          '--exchange',
          '--exchange-url',
          harshFake.url,
          '--params',
          paramsFile,
          '--data-dir',
          SAMPLE_DATA_DIR,
          '--json',
        ]);
        expect(ex.code).toBe(0);
        const fromExchange = JSON.parse(ex.stdout) as { made: unknown[]; expected: unknown[] };
        expect(fromExchange.made.length).toBe(fromJournal.made.length);
        expect(fromExchange.expected.length).toBeGreaterThan(0);
      } finally {
        process.env.BINANCE_API_KEY = saved.key ?? '';
        process.env.BINANCE_API_SECRET = saved.secret ?? '';
        if (saved.key === undefined) delete process.env.BINANCE_API_KEY;
        if (saved.secret === undefined) delete process.env.BINANCE_API_SECRET;
      }
      expect(harshFake.violations()).toEqual([]);
    } finally {
      await harshFake.close();
    }
  });

  it('puts the live record of a journal beside the simulated live set in the re-evaluation report (reeval --journal)', async () => {
    const dir = tempDir('reeval-journal');
    await runLiveInProcess({
      fake,
      dataDir: dir,
      params: readFileSync('config/live/ETH.env', 'utf8'),
      start: S,
      stopAt: S + 240 * MIN,
    });
    const journal = new LiveStateStore(dir, normaliseSymbol('ETH'), 'paper').journalPath;
    const out = tempDir('reeval-journal-out');
    const args = [
      'reeval',
      '--data-dir',
      SAMPLE_DATA_DIR,
      '--symbols',
      'ETH',
      '--hours',
      '4',
      '--end',
      '2025-06-22T04:00Z',
      '--workers',
      '1',
      '--out',
      out,
    ];
    const r = await cliInProcess([...args, '--journal', journal, '--json']);
    expect(r.code).toBe(0);
    const { runId } = JSON.parse(r.stdout) as { runId: string };
    const results = JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8')) as {
      symbols: { liveRecord?: { live: { trades: number }; simulated: { trades: number }; candlesDecided: number } }[];
    };
    const rec = results.symbols[0]?.liveRecord;
    expect(rec).toBeDefined();
    expect(rec?.candlesDecided).toBeGreaterThanOrEqual(239); // the run stops as the last candle closes
    expect(rec?.live.trades).toBeGreaterThan(0);
    expect(rec?.simulated.trades).toBeGreaterThan(0);
    expect(readFileSync(join(out, runId, 'index.html'), 'utf8')).toContain(
      'Live record over the window (paper journal)',
    );
  }, 120_000);

  it('exits 65 for a missing journal', async () => {
    const r = await cliInProcess(['parity', '--journal', '/nonexistent.jsonl']);
    expect(r.code).toBe(65);
  });
});
