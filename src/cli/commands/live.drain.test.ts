/**
 * The drain switch in paper mode against the loopback fake: switched on while a position is
 * open (no restart), no new entry is sent and the open position still exits at its stop or
 * take-profit; `--drain` from the start sends no entry at all; `coinbot drain` sets and clears
 * the flag file the unit reads.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { useFakeBinance } from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { LiveStateStore } from '../../engine/live/live-state.js';
import { buildTrades } from '../../engine/stats/trades.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { runCli } from '../main.js';

const MIN = 60_000;
const S = Date.UTC(2025, 5, 22, 0, 0);
const FAST_SET = 'SYMBOL=ETH\nATR_GATE_MULT=0.8\nSL_ATR_MULT=0.5\nTP_ATR_MULT=0.5\n';
const fake = useFakeBinance();

describe('draining a live unit', () => {
  it('sends no new entry once the flag file appears, and the open position still exits at its stop or take-profit', async () => {
    const dir = tempDir('live-drain');
    const store = new LiveStateStore(dir, normaliseSymbol('ETH'), 'paper');
    // The flag file is written while the unit runs, the moment its first entry fills.
    const notifier = {
      notify: async (text: string) => {
        if (/: entered (long|short) /.test(text) && !existsSync(store.drainPath))
          writeFileSync(store.drainPath, '{}\n');
        return null;
      },
    };
    const undrained = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-drain-ref'),
      params: FAST_SET,
      start: S,
      stopAt: S + 120 * MIN,
    });
    expect(undrained.fills.filter((f) => !f.reduceOnly).length).toBeGreaterThanOrEqual(3);
    const run = await runLiveInProcess({
      fake,
      dataDir: dir,
      params: FAST_SET,
      start: S,
      stopAt: S + 120 * MIN,
      notifier,
    });
    const entries = run.fills.filter((f) => !f.reduceOnly);
    expect(entries).toHaveLength(1);
    const trades = buildTrades(run.fills, []);
    expect(trades).toHaveLength(1);
    expect(['stop_loss', 'take_profit']).toContain(trades[0]?.exitReason);
    // The first trade is the undrained run's first trade, exit included: draining changed nothing about it.
    expect(trades[0]).toEqual(buildTrades(undrained.fills, [])[0]);
    expect(run.lines).toContainEqual(expect.objectContaining({ event: 'drain', on: true, source: 'file' }));
    expect(run.journal).toContainEqual(expect.objectContaining({ t: 'drain', on: true }));
  });

  it('sends no entry at all when started with --drain, where the same candles would trade', async () => {
    const run = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-drain-flag'),
      params: FAST_SET,
      start: S,
      stopAt: S + 60 * MIN,
      drain: true,
    });
    expect(run.fills).toEqual([]);
    expect(run.lines.filter((l) => l.event === 'drain')).toEqual([
      expect.objectContaining({ on: true, source: 'flag' }),
    ]);
    expect(run.lines.filter((l) => l.event === 'decision').length).toBeGreaterThan(50);
  });

  it('coinbot drain writes the flag file the unit reads and --off removes it', async () => {
    const dir = tempDir('drain-cli');
    const store = new LiveStateStore(dir, normaliseSymbol('ETH'), 'real');
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['drain', '--symbol', 'ETH', '--data-dir', dir, '--reason', 'STOP verdict'])).toBe(0);
      expect(existsSync(store.drainPath)).toBe(true);
      expect(await runCli(['drain', '--symbol', 'ETH', '--data-dir', dir, '--off'])).toBe(0);
      expect(existsSync(store.drainPath)).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });
});
