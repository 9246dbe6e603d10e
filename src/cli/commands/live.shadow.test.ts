/**
 * Shadow runs (`coinbot live --instance shadow`): paper only, parameters only from the
 * candidate file, and never a byte in the default instance's files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFakeBinance } from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { runCli } from '../../../test-support/run-cli.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { LiveStateStore } from '../../engine/live/live-state.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { instanceEnv, instanceNotifier } from './live-instance.js';

const MIN = 60_000;
const S = Date.UTC(2025, 5, 22, 0, 0);
const FAST_SET = 'SYMBOL=ETH\nATR_GATE_MULT=0.8\nSL_ATR_MULT=0.5\nTP_ATR_MULT=0.5\n';
const fake = useFakeBinance();
const ETH = normaliseSymbol('ETH');

describe('shadow instance', () => {
  it('writes only <BASE>-paper-shadow files and leaves the default instance files as they were', async () => {
    const dir = tempDir('live-shadow');
    const live = await runLiveInProcess({ fake, dataDir: dir, params: FAST_SET, start: S, stopAt: S + 30 * MIN });
    expect(live.decisions).toBeGreaterThan(10);
    const def = new LiveStateStore(dir, ETH, 'paper');
    const before = [def.path, def.journalPath].map((p) => readFileSync(p, 'utf8'));
    const filesBefore = readdirSync(join(dir, 'state')).sort();
    const shadow = await runLiveInProcess({
      fake,
      dataDir: dir,
      params: FAST_SET,
      start: S + 30 * MIN,
      stopAt: S + 90 * MIN,
      instance: 'shadow',
    });
    expect(shadow.decisions).toBeGreaterThan(10);
    expect([def.path, def.journalPath].map((p) => readFileSync(p, 'utf8'))).toEqual(before);
    const added = readdirSync(join(dir, 'state')).filter((f) => !filesBefore.includes(f));
    expect(added.length).toBeGreaterThan(0);
    for (const f of added) expect(f).toMatch(/^ETH-paper-shadow\./);
    const sh = new LiveStateStore(dir, ETH, 'paper', 'shadow');
    expect(sh.id).toBe('ETH-paper-shadow');
    expect(existsSync(sh.path) && existsSync(sh.journalPath)).toBe(true);
    expect(shadow.journal[0]).toMatchObject({ t: 'start' });
  });

  it('a shadow alone never creates the default instance files', async () => {
    const dir = tempDir('live-shadow-alone');
    await runLiveInProcess({
      fake,
      dataDir: dir,
      params: FAST_SET,
      start: S,
      stopAt: S + 20 * MIN,
      instance: 'shadow',
    });
    const def = new LiveStateStore(dir, ETH, 'paper');
    expect(existsSync(def.path) || existsSync(def.journalPath)).toBe(false);
  });

  it('reads no parameter from the environment, and tags its alerts', async () => {
    expect(instanceEnv('shadow', 'paper', 'c.env', { ATR_GATE_MULT: '9' })).toEqual({});
    expect(instanceEnv(undefined, 'paper', undefined, { ATR_GATE_MULT: '9' })).toEqual({ ATR_GATE_MULT: '9' });
    const sent: string[] = [];
    const n = instanceNotifier('shadow', { notify: async (t) => (sent.push(t), null) });
    await n.notify('coinbot ETH/USDT:USDT paper: entered long');
    expect(sent).toEqual(['coinbot ETH/USDT:USDT paper [shadow]: entered long']);
  });

  it('refuses --mode real and a missing --params with exit 78 and one line', async () => {
    const real = await runCli(
      ['live', '--symbol', 'ETH', '--mode', 'real', '--instance', 'shadow', '--params', 'config/live/ETH.env'],
      { COINBOT_EXCHANGE_URL: 'http://127.0.0.1:9' },
    );
    expect(real.code).toBe(78);
    expect(real.stderr.trim().split('\n')).toHaveLength(1);
    expect(real.stderr).toMatch(/--instance shadow runs paper only: drop --mode real/);
    const noParams = await runCli(['live', '--symbol', 'ETH', '--instance', 'shadow'], {
      COINBOT_EXCHANGE_URL: 'http://127.0.0.1:9',
    });
    expect(noParams.code).toBe(78);
    expect(noParams.stderr).toMatch(/needs --params <candidate file>/);
  });
});
