/**
 * `coinbot promote --restart` against a paper unit run on the loopback fake: refused while the
 * unit's state shows an open position (offering --when-flat), and a write under SIGKILL leaves
 * the old file or the new one, never a torn one.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useFakeBinance } from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { writePromoteRun } from '../../../test-support/promote-fixture.js';
import { REPO_ROOT } from '../../../test-support/repo-paths.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { runCli } from '../main.js';

const MIN = 60_000;
const S = Date.UTC(2025, 5, 22, 0, 0);
const FAST_SET = 'SYMBOL=ETH\nATR_GATE_MULT=1.06\nENTRY_COOLDOWN_S=300\nSL_ATR_MULT=3\nTP_ATR_MULT=3\n';
const fake = useFakeBinance();

describe('coinbot promote --restart', () => {
  it('refuses to restart a unit whose state shows an open position, and offers --when-flat', async () => {
    const ref = await runLiveInProcess({
      fake,
      dataDir: tempDir('restart-ref'),
      params: FAST_SET,
      start: S,
      stopAt: S + 180 * MIN,
    });
    const entry = ref.fills.find((f) => !f.reduceOnly);
    const exit = ref.fills.find((f) => f.reduceOnly);
    expect(entry && exit && exit.ts - entry.ts > 3 * MIN).toBe(true);
    const dataDir = tempDir('restart-unit');
    // The unit stops (as on SIGTERM) two minutes into its first position.
    await runLiveInProcess({ fake, dataDir, params: FAST_SET, start: S, stopAt: (entry?.ts as number) + 2 * MIN });
    const etc = join(dataDir, 'etc');
    mkdirSync(etc, { recursive: true });
    writeFileSync(join(etc, 'ETH.env'), FAST_SET);
    const reports = join(dataDir, 'reports');
    writePromoteRun(reports, 'run-1', { baselineCooldown: 300 });
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    const argv = ['promote', '--run', 'latest', '--symbol', 'ETH', '--reports', reports, '--etc-dir', etc];
    const code = await runCli([...argv, '--data-dir', dataDir, '--mode', 'paper', '--restart']).finally(() => {
      o.mockRestore();
      e.mockRestore();
    });
    expect(code).toBe(78);
    expect(err).toMatch(/--restart refused: coinbot@ETH is not flat: a position is open .*; use --when-flat/);
  }, 60_000);
});

describe('atomic write under SIGKILL', () => {
  it('leaves the old file or the new one, never a torn one, when the writer is killed mid-write', async () => {
    const dir = tempDir('promote-kill');
    const path = join(dir, 'ETH.env');
    const A = `ATR_GATE_MULT=1.06\n${'#'.repeat(400_000)}\n`;
    const B = `ATR_GATE_MULT=1.3\n${'%'.repeat(400_000)}\n`;
    writeFileSync(path, A);
    const script = `import { writeFileAtomic } from './src/engine/data/atomic-write.ts';
      const p = process.argv[1];
      const a = 'ATR_GATE_MULT=1.06\\n' + '#'.repeat(400000) + '\\n';
      const b = 'ATR_GATE_MULT=1.3\\n' + '%'.repeat(400000) + '\\n';
      for (let i = 0; ; i++) writeFileAtomic(p, i % 2 ? a : b);`;
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      writeFileSync(path, A);
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path], {
        cwd: REPO_ROOT,
        stdio: 'ignore',
      });
      // Kill only once the writer is writing (the file is no longer A), whatever the machine's load.
      const deadline = Date.now() + 30_000;
      let started = false;
      while (!started && Date.now() < deadline) {
        started = readFileSync(path, 'utf8') !== A;
        if (!started) await new Promise((r) => setTimeout(r, 20));
      }
      expect(started, 'the writer started writing').toBe(true);
      await new Promise((r) => setTimeout(r, 30 + round * 37));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const now = readFileSync(path, 'utf8');
      expect(now === A || now === B).toBe(true);
      seen.add(now === A ? 'A' : 'B');
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 60_000);
});
