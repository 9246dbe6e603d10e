/**
 * `npm run bench -- --json --quick` works and prints figures a script can read. It proves the
 * harness only: it never checks a speed (benchmarks hold the targets, tests time nothing).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './repo-paths.js';

describe('bench --json --quick', () => {
  it('prints every figure with a name, a finite value and a unit', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve(REPO_ROOT, 'bench/run-all.ts'), '--json', '--quick'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      kind: string;
      quick: boolean;
      figures: { name: string; value: number; unit: string }[];
    };
    expect(out).toMatchObject({ kind: 'coinbot.bench', quick: true });
    const names = out.figures.map((f) => f.name);
    for (const n of [
      'backtest.BTC.candlesPerSecond',
      'backtest.ETH.floorRatio',
      'mainJob.workers1.seconds',
      'mainJob.workers2.seconds',
      'mainJob.speedup',
      'mainJob.workers2.peakRss',
      'mainJob.workers2.deoptimizations',
      'coldStart.help.ms',
      'sweep.ETH.allocatedPerSet',
      'report.buildMs',
      'report.pageBytes',
    ])
      expect(names).toContain(n);
    // Every main job has some bailouts while V8 warms up: zero means the count broke.
    expect(out.figures.find((f) => f.name === 'mainJob.workers2.deoptimizations')?.value).toBeGreaterThan(0);
    for (const f of out.figures) {
      expect(Number.isFinite(f.value), f.name).toBe(true);
      expect(f.unit.length, f.name).toBeGreaterThan(0);
    }
  }, 180_000);
});
