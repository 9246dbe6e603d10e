/**
 * Acceptance on the real data in ../shared/data (skipped loudly without it): `coinbot backtest`
 * for the BTC and ETH live sets over the whole shared candle history runs and prints
 * byte-identical JSON twice; the simulator invariants hold there for the live sets and for
 * random parameter sets.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../engine/config/env-file.js';
import { resolveParams } from '../../engine/config/resolve-params.js';
import { importPath } from '../../engine/data/import/import-file.js';
import { runBacktest, type BacktestInput } from '../../engine/sim/backtest.js';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { invariantViolations } from '../../engine/sim/fixtures/invariants.js';
import { SHARED_DATA } from '../../../test-support/repo-paths.js';
import { loadCachedInputs, resolveWindow } from '../../engine/sim/load-inputs.js';
import type { AnyStrategy } from '../../engine/strategy.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { tempDir } from '../../../test-support/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHARED = SHARED_DATA;
if (SHARED === undefined)
  console.warn('\n*** SKIPPED: backtest on ../shared/data — ../shared/data is not beside this clone ***\n');
const COINS = ['BTC', 'ETH'] as const;

describe.skipIf(SHARED === undefined)('backtest on the whole of ../shared/data', () => {
  const dir = SHARED === undefined ? '' : tempDir('bt-shared');
  beforeAll(() => {
    const s = SHARED as string;
    for (const coin of COINS) {
      for (const sub of ['candles', 'funding', 'mark_1h']) {
        const file = readdirCsv(join(s, sub), `${coin}USDT_`);
        importPath(dir, file, {});
      }
    }
    importPath(dir, join(s, 'exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_BTC_ETH_SOL_subset.json'), {});
  }, 120_000);

  for (const coin of COINS) {
    it(`prints byte-identical JSON twice for the ${coin} live set over all shared candles`, async () => {
      const args = ['backtest', '--params', resolve(ROOT, `config/live/${coin}.env`), '--data-dir', dir, '--json'];
      const a = await cliInProcess(args);
      const b = await cliInProcess(args);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
      const doc = JSON.parse(a.stdout) as {
        window: { candles: number };
        metrics: { trades: number };
        costs: { funding: string };
        symbol: string;
      };
      expect(doc.symbol).toBe(`${coin}/USDT:USDT`);
      expect(doc.window.candles).toBeGreaterThan(72_000);
      expect(doc.metrics.trades).toBeGreaterThan(1000);
      expect(doc.costs.funding).toBe('modelled');
    });

    it(`keeps the simulator invariants on all shared ${coin} candles for the live set and random parameter sets`, async () => {
      const sym = normaliseSymbol(coin);
      const cached = loadCachedInputs(dir, sym, '1m');
      const live = resolveParams(atrBreakout, [
        parseEnvFile(readFileSync(resolve(ROOT, `config/live/${coin}.env`), 'utf8'), `${coin}.env`),
      ]).params;
      const base: BacktestInput = {
        ...cached,
        strategy: atrBreakout,
        params: live as BacktestInput['params'],
        window: resolveWindow(cached.candles, (atrBreakout as AnyStrategy).warmupCandles(live), undefined, undefined),
      };
      expect(invariantViolations(base, await runBacktest(base))).toEqual([]);
      const sets = fc.sample(
        fc.record({
          ATR_PERIOD: fc.integer({ min: 5, max: 30 }),
          BREAKOUT_LOOKBACK: fc.integer({ min: 5, max: 60 }),
          ATR_GATE_MULT: fc.double({ min: 0.8, max: 3, noNaN: true }),
          ENTRY_COOLDOWN_S: fc.integer({ min: 0, max: 1800 }),
          ENTRY_RETEST_TOL_PCT: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 0.5, noNaN: true })),
          ENTRY_RETEST_WINDOW_S: fc.integer({ min: 60, max: 600 }),
          SL_ATR_MULT: fc.double({ min: 0.5, max: 4, noNaN: true }),
          TP_ATR_MULT: fc.double({ min: 0.5, max: 6, noNaN: true }),
          MAX_HOLD_S: fc.oneof(fc.constant(0), fc.integer({ min: 60, max: 7200 })),
          SIDE: fc.constantFrom('both', 'long', 'short'),
        }),
        { numRuns: 3, seed: coin === 'BTC' ? 1 : 2 },
      );
      for (const set of sets) {
        const params = resolveParams(atrBreakout, [
          Object.entries(set).map(([key, v]) => ({ key, value: String(v), where: 'random' })),
        ]).params;
        const input = { ...base, params: params as BacktestInput['params'] };
        expect(invariantViolations(input, await runBacktest(input))).toEqual([]);
      }
    });
  }
});

function readdirCsv(dir: string, prefix: string): string {
  const f = readdirSync(dir).find((n) => n.startsWith(prefix) && n.endsWith('.csv'));
  if (f === undefined) throw new Error(`no ${prefix}*.csv in ${dir}`);
  return join(dir, f);
}
