/**
 * The sweep merges parameter sets it claims behave identically (`atrBreakoutSweep.canonical`):
 * retest off × any window, windows within the same whole candle, cooldowns and max holds within
 * the same minute. A wrong merge would silently drop distinct sets from every re-evaluation, so:
 * for random sets of the default grid around both live sets (and arbitrary seconds on the
 * merged axes), a backtest of the set equals a backtest of its canonical form, trade for trade.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEnvFile } from '../../engine/config/env-file.js';
import { resolveParams } from '../../engine/config/resolve-params.js';
import { runBacktest } from '../../engine/sim/backtest.js';
import { loadCachedInputs, resolveWindow } from '../../engine/sim/load-inputs.js';
import type { ExecutionParams } from '../../engine/strategy.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { atrBreakout } from './atr-breakout.js';
import type { AtrBreakoutParams } from './params.js';
import { atrBreakoutSweep } from './sweep-grid.js';

async function outcome(p: AtrBreakoutParams, base: string) {
  const inputs = loadCachedInputs(SAMPLE_DATA_DIR, normaliseSymbol(base), '1m');
  const warm = atrBreakout.warmupCandles(p);
  const r = await runBacktest({
    ...inputs,
    strategy: atrBreakout,
    params: p as unknown as ExecutionParams,
    window: resolveWindow(inputs.candles, 600),
    warmupCandles: warm,
  });
  return { trades: r.trades, metrics: r.metrics };
}

describe.each(['BTC', 'ETH'])('canonical parameter sets around the %s live set', (base) => {
  const live = resolveParams(
    atrBreakout,
    [readEnvFile(`${REPO_ROOT}/config/live/${base}.env`)],
    ['SYMBOL', 'LEVERAGE', 'MARGIN_TYPE'],
  ).params as unknown as AtrBreakoutParams;
  const grid = atrBreakoutSweep.defaultGrid(live);
  const axis = (name: string) => fc.constantFrom(...((grid.find(([n]) => n === name)?.[1] ?? []) as number[]));

  it('backtest(p) equals backtest(canonical(p)) for random grid sets with arbitrary seconds on the merged axes', async () => {
    const set = fc.record({
      ATR_GATE_MULT: axis('ATR_GATE_MULT'),
      ENTRY_COOLDOWN_S: fc.oneof(axis('ENTRY_COOLDOWN_S'), fc.integer({ min: 0, max: 1800 })),
      ENTRY_RETEST_TOL_PCT: axis('ENTRY_RETEST_TOL_PCT'),
      ENTRY_RETEST_WINDOW_S: fc.oneof(axis('ENTRY_RETEST_WINDOW_S'), fc.integer({ min: 60, max: 239 })),
      BREAKOUT_LOOKBACK: axis('BREAKOUT_LOOKBACK'),
      SL_ATR_MULT: axis('SL_ATR_MULT'),
      TP_ATR_MULT: axis('TP_ATR_MULT'),
      MAX_HOLD_S: fc.oneof(fc.constant(live.MAX_HOLD_S), fc.integer({ min: 600, max: 3600 })),
    });
    await fc.assert(
      fc.asyncProperty(set, async (axes) => {
        const p = { ...live, ...axes } as AtrBreakoutParams;
        // A retest that rests less than a candle is an invalid set (the grid drops it).
        if (p.ENTRY_RETEST_TOL_PCT > 0 && p.ENTRY_RETEST_WINDOW_S < 60) return;
        const c = atrBreakoutSweep.canonical(p);
        if (JSON.stringify(c) === JSON.stringify(p)) return;
        expect(await outcome(c, base)).toEqual(await outcome(p, base));
      }),
      { numRuns: 30, seed: base === 'BTC' ? 11 : 12 },
    );
  }, 120_000);
});
