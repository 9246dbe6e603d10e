/**
 * The walk-forward on the bundled sample (ETH, a 9-set grid, 12 h in-sample, 6 h steps, three
 * steps): its out-of-sample numbers are plain backtests, its results do not depend on the worker
 * count, and a killed run resumes from the step cache to the same bytes.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { strategies, strategyModuleOf } from '../../strategies/index.js';
import { readGridFile } from '../sweep/grid-file.js';
import { normaliseSymbol } from '../symbols.js';
import { formatInstant, HOUR_MS, parseInstant } from '../time.js';
import { parseVerdictConfig } from '../verdict/index.js';
import { POLICY_NAMES } from './policies.js';
import { runWalkforward, WalkStopped, type WalkforwardOptions } from './run-walkforward.js';

const strategy = strategies.get('atr-breakout');
if (strategy === undefined) throw new Error('atr-breakout missing');
const dir = tempDir('walkforward');
const gridPath = join(dir, 'grid.json');
writeFileSync(
  gridPath,
  JSON.stringify({ ATR_GATE_MULT: [1.0, 1.06, 1.5], ENTRY_COOLDOWN_S: [0, 300], ENTRY_RETEST_TOL_PCT: [0, 0.1] }),
);

function options(extra: Partial<WalkforwardOptions>): WalkforwardOptions {
  return {
    strategy: strategy as NonNullable<typeof strategy>,
    strategyModule: strategyModuleOf('atr-breakout'),
    dataDir: SAMPLE_DATA_DIR,
    configDir: join(REPO_ROOT, 'config/live'),
    symbols: [normaliseSymbol('ETH')],
    hours: 12,
    everyMs: 6 * HOUR_MS,
    from: parseInstant('2025-06-22T06:00Z'),
    to: parseInstant('2025-06-23T00:00Z'),
    gridFile: readGridFile(gridPath, strategy as NonNullable<typeof strategy>),
    promotionDelayMs: 0,
    workers: 1,
    blockMs: 30 * 60_000,
    fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
    verdict: parseVerdictConfig({}),
    ...extra,
  };
}

const reference = runWalkforward(options({ workers: 1 }));

describe('coinbot walkforward on the bundled sample', () => {
  it('plans three 6 h steps between --from and --to', async () => {
    const r = await reference;
    expect(r.symbols[0]?.steps.map((s) => formatInstant(s.t))).toEqual([
      '2025-06-22T06:00:00Z',
      '2025-06-22T12:00:00Z',
      '2025-06-22T18:00:00Z',
    ]);
  }, 120_000);

  it("keep's out-of-sample net PnL equals the sum of coinbot backtest runs of the live set over the step windows, to the cent", async () => {
    const s = (await reference).symbols[0];
    if (s === undefined) throw new Error('no symbol');
    let sum = 0;
    for (const step of s.steps) {
      const run = await cliInProcess([
        'backtest',
        '--params',
        join(REPO_ROOT, 'config/live/ETH.env'),
        '--data-dir',
        SAMPLE_DATA_DIR,
        '--from',
        formatInstant(step.outOfSample.from),
        '--to',
        formatInstant(step.outOfSample.to),
        '--json',
      ]);
      expect(run.code).toBe(0);
      const net = (JSON.parse(run.stdout) as { metrics: { net_pnl_usdt: number } }).metrics.net_pnl_usdt;
      expect(step.policies.keep.pnl?.netPnl).toBeCloseTo(net, 2);
      sum += net;
    }
    expect(Math.round(s.totals.keep.netPnl * 100)).toBe(Math.round(sum * 100));
    expect(s.steps.every((st) => st.policies.keep.setId === s.live.id)).toBe(true);
  }, 120_000);

  it('flat never trades and makes exactly 0', async () => {
    const s = (await reference).symbols[0];
    expect(s?.steps.every((st) => st.policies.flat.setId === null && st.policies.flat.pnl === null)).toBe(true);
    expect(s?.totals.flat).toMatchObject({ netPnl: 0, fees: 0, trades: 0, maxDrawdown: 0 });
  }, 120_000);

  it('hindsight makes at least as much as every other policy at every step (it is an upper bound)', async () => {
    const s = (await reference).symbols[0];
    for (const st of s?.steps ?? [])
      for (const p of POLICY_NAMES)
        expect(st.policies.hindsight.pnl?.netPnl ?? 0).toBeGreaterThanOrEqual(st.policies[p].pnl?.netPnl ?? 0);
  }, 120_000);

  it('writes byte-identical results on 1 and 2 workers', async () => {
    const two = await runWalkforward(options({ workers: 2 }));
    expect(JSON.stringify(two)).toBe(JSON.stringify(await reference));
  }, 120_000);

  it('resumes a killed run from the step cache to byte-identical results, also with part of the cache deleted', async () => {
    const cacheDir = join(dir, 'cache');
    await expect(runWalkforward(options({ workers: 2, cacheDir, stopAfterComputedSteps: 1 }))).rejects.toBeInstanceOf(
      WalkStopped,
    );
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const resumed = await runWalkforward(options({ workers: 2, cacheDir }));
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(await reference));
    const files = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(3);
    rmSync(join(cacheDir, files[1] as string));
    const again = await runWalkforward(options({ workers: 1, cacheDir, stopAfterComputedSteps: 1 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(await reference));
  }, 180_000);
});
