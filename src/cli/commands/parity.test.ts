/**
 * `coinbot parity` on journals written by real live runs against the loopback fake (in-process,
 * accelerated time): a paper run with a restart in the middle replays exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadSampleMarketData, startFakeBinance, type FakeBinance } from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { LiveStateStore } from '../../engine/live/live-state.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { cliInProcess } from '../../engine/sim/fixtures/cli-in-process.js';

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

  it('exits 65 for a missing journal', async () => {
    const r = await cliInProcess(['parity', '--journal', '/nonexistent.jsonl']);
    expect(r.code).toBe(65);
  });
});
