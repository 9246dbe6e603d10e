import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runReeval, type ReevalOptions } from './run-reeval.js';
import { readGridFile } from './grid-file.js';
import { expandGrid } from './grid.js';
import { loadBaseline } from './run-reeval.js';
import { setRecordAt } from './set-table.js';
import { parseVerdictConfig } from '../verdict/index.js';
import { normaliseSymbol } from '../symbols.js';
import { ConfigError, NoDataError } from '../errors.js';
import { importPath } from '../data/import/import-file.js';
import { strategies, strategyModuleOf } from '../../strategies/index.js';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import {
  REPO_ROOT,
  SAMPLE_DATA_DIR,
  SHARED_DATA,
  skipWithoutSharedData,
  EXCHANGE_INFO_SUBSET,
} from '../../../test-support/repo-paths.js';
import { formatInstant } from '../time.js';

const strategy = strategies.get('atr-breakout')!;
const MID_GRID = resolve(REPO_ROOT, 'test-support/fixtures/grids/mid-grid.json');
const BTC = normaliseSymbol('BTC');
/** Metric names in results.json → `coinbot backtest --json` keys. */
const BACKTEST_JSON_KEYS: Record<string, string> = {
  trades: 'trades',
  longTrades: 'long_trades',
  shortTrades: 'short_trades',
  winRate: 'win_rate',
  grossPnl: 'gross_pnl_usdt',
  fees: 'fees_usdt',
  funding: 'funding_usdt',
  netPnl: 'net_pnl_usdt',
  returnOnNotional: 'return_on_notional',
  maxDrawdown: 'max_drawdown_usdt',
  profitFactor: 'profit_factor',
  expectancy: 'expectancy_usdt',
  exposure: 'exposure',
  avgHoldS: 'avg_hold_s',
  sharpe: 'sharpe',
};
const ETH = normaliseSymbol('ETH');

function options(over: Partial<ReevalOptions>): ReevalOptions {
  return {
    strategy,
    strategyModule: strategyModuleOf(strategy.name),
    dataDir: SAMPLE_DATA_DIR,
    configDir: resolve(REPO_ROOT, 'config/live'),
    symbols: [ETH],
    hours: 48,
    end: 'latest',
    gridFile: readGridFile(MID_GRID, strategy),
    workers: 1,
    blockMs: 3_600_000,
    fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
    verdict: parseVerdictConfig({}),
    ...over,
  };
}

describe('re-evaluation sweep', () => {
  it('gives byte-identical results with 1 and 2 workers and completes over 1,000 distinct sets', async () => {
    const one = await runReeval(options({ workers: 1 }));
    const two = await runReeval(options({ workers: 2 }));
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.symbols[0]?.grid.distinctSets).toBeGreaterThanOrEqual(1000);
    expect(one.symbols[0]?.sets.ids).toHaveLength(one.symbols[0]?.grid.distinctSets ?? -1);
  }, 120_000);

  it('reports the live set as a grid point with the metrics coinbot backtest gives for the same window', async () => {
    const dir = tempDir('tiny-grid');
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify({ ATR_GATE_MULT: [1.0, 1.1] }));
    const r = await runReeval(
      options({ symbols: [BTC, ETH], gridFile: readGridFile(join(dir, 'tiny.json'), strategy), workers: 2 }),
    );
    for (const s of r.symbols) {
      const base = setRecordAt(s.sets, s.sets.baselineIndex, s.baseline.params);
      expect(base.isBaseline).toBe(true);
      const bt = await cliInProcess([
        'backtest',
        '--params',
        `config/live/${s.symbol.slice(0, 3)}.env`,
        '--data-dir',
        SAMPLE_DATA_DIR,
        '--json',
        '--from',
        formatInstant(r.window.full.from),
        '--to',
        formatInstant(r.window.full.to),
        '--warmup',
        String(s.grid.warmupCandles),
      ]);
      expect(bt.code, bt.stderr).toBe(0);
      const metrics = JSON.parse(bt.stdout).metrics as Record<string, number | null>;
      const mine = base.full.metrics as unknown as Record<string, number | null>;
      for (const [k, jsonKey] of Object.entries(BACKTEST_JSON_KEYS)) {
        const v = mine[k];
        const want = metrics[jsonKey];
        expect(want, `backtest --json has ${jsonKey}`).not.toBeUndefined();
        if (typeof v === 'number' && typeof want === 'number') expect(v, `${s.symbol} ${k}`).toBeCloseTo(want, 6);
        else expect(v, `${s.symbol} ${k}`).toBe(want);
      }
      expect(base.full.metrics.trades).toBeGreaterThan(50);
    }
  }, 120_000);

  it('builds a default grid of at least 1,000 distinct valid sets around each live set, baseline included', () => {
    for (const sym of [BTC, ETH]) {
      const { params } = loadBaseline(strategy, resolve(REPO_ROOT, 'config/live'), sym);
      const grid = strategy.sweep!.defaultGrid(params as never);
      const points = expandGrid(grid, params, params, (p) => strategy.sweep!.canonical(p as never));
      const valid = points.filter(
        (p) => strategy.params.zod.safeParse(p.params).success && strategy.checks.every((c) => c(p.params) === null),
      );
      expect(valid.length).toBeGreaterThanOrEqual(1000);
      expect(points.filter((p) => p.isBaseline).map((p) => p.params)).toEqual([params]);
      const gate = grid.find(([n]) => n === 'ATR_GATE_MULT')?.[1] ?? [];
      expect(Math.max(...(gate as number[]))).toBe(3);
    }
  });

  it('collapses sets that must behave identically: retest off makes the window irrelevant', () => {
    const { params } = loadBaseline(strategy, resolve(REPO_ROOT, 'config/live'), ETH);
    const grid = [
      ['ENTRY_RETEST_TOL_PCT', [0, 0.1]],
      ['ENTRY_RETEST_WINDOW_S', [60, 120, 150, 180]],
    ] as const;
    const points = expandGrid(grid, params, params, (p) => strategy.sweep!.canonical(p as never));
    // tol 0: one class; tol 0.1: windows 120 and 150 are both 2 candles → 3 classes.
    expect(points).toHaveLength(4);
    expect(points.find((p) => p.isBaseline)?.params.ENTRY_RETEST_WINDOW_S).toBe(150);
  });

  it('refuses a grid file with an unknown parameter, naming the closest one (exit 78)', () => {
    const dir = tempDir('grid');
    const p = join(dir, 'g.json');
    writeFileSync(p, JSON.stringify({ ATR_GATE_MULTT: [1, 2] }));
    expect(() => readGridFile(p, strategy)).toThrow(ConfigError);
    expect(() => readGridFile(p, strategy)).toThrow(
      /unknown parameter 'ATR_GATE_MULTT' \(did you mean ATR_GATE_MULT\?\)/,
    );
    writeFileSync(p, JSON.stringify({ ENTRY_COOLDOWN_S: { from: 600, to: 300, step: 60 } }));
    expect(() => readGridFile(p, strategy)).toThrow(/empty range/);
    writeFileSync(p, JSON.stringify({ ENTRY_COOLDOWN_S: [] }));
    expect(() => readGridFile(p, strategy)).toThrow(/empty list/);
    writeFileSync(p, JSON.stringify({ ATR_GATE_MULT: [99] }));
    expect(() => readGridFile(p, strategy)).toThrow(/outside number 0…20/);
  });

  it('refuses a window that starts before the cached candles, naming the fix', async () => {
    await expect(runReeval(options({ hours: 96 }))).rejects.toBeInstanceOf(NoDataError);
    await expect(runReeval(options({ hours: 96 }))).rejects.toThrow(/fetch or import more history, or shorten --hours/);
  });

  it.skipIf(skipWithoutSharedData('reeval determinism on all shared candles'))(
    'gives byte-identical results with 1 and 2 workers on the shared candles',
    async () => {
      const dir = tempDir('shared-reeval');
      for (const f of ['BTCUSDT_1m_2025-05-04_2025-06-24', 'ETHUSDT_1m_2025-05-04_2025-06-24'])
        importPath(dir, join(SHARED_DATA as string, 'candles', `${f}.csv`));
      for (const f of ['BTCUSDT_funding_2019-09-10_2026-05-17', 'ETHUSDT_funding_2019-11-27_2026-05-17'])
        importPath(dir, join(SHARED_DATA as string, 'funding', `${f}.csv`));
      importPath(dir, EXCHANGE_INFO_SUBSET);
      const o = { dataDir: dir, symbols: [BTC, ETH] };
      const one = await runReeval(options({ ...o, workers: 1 }));
      const two = await runReeval(options({ ...o, workers: 2 }));
      expect(JSON.stringify(two)).toBe(JSON.stringify(one));
      expect(one.symbols.map((s) => s.regime.historyDays)).toEqual([30, 30]);
    },
    180_000,
  );
});
