/**
 * The backtest's fast paths are trade-identical to the step-by-step path: on random candles
 * (with gaps), random funding and random parameter sets (max hold on and off), a run that
 * skips the candles the strategy's `mayAct` hint rules out, and (precomputed indicators) passes
 * over quiet candles altogether (flat or in a position whose bracket, max hold and funding
 * cannot act), gives the very same fills, trades, refusals, funding, equity and metrics as one
 * that takes every step of every candle; also when many sets share one precomputed indicator set
 * and the candles where `mayAct` holds (run-loop/may-act-index.ts), as a sweep's sets do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precomputeIndicators, type PrecomputedIndicators } from '../indicators/precompute.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { runBacktest, type BacktestInput, type BacktestResult } from './backtest.js';
import { candleWalk } from './fixtures/candle-walk.js';
import { gapEvery, paramSet, randomInput } from './fixtures/random-backtest.js';

/** The indicators of `input`'s set, precomputed over the candles its step-by-step run `probe` consumed. */
function precomputedFor(input: BacktestInput, probe: BacktestResult): PrecomputedIndicators {
  return precomputeIndicators(
    Object.values(atrBreakout.indicators(input.params as never)),
    input.candles,
    probe.consumed.candleFrom,
    probe.consumed.candleTo,
  );
}

describe('backtest fast paths', () => {
  it('skipping candles the strategy cannot act on gives the step-by-step result when indicators are incremental', async () => {
    await fc.assert(
      fc.asyncProperty(candleWalk(30, 300), paramSet, gapEvery, async (candles, set, drop) => {
        const input = randomInput(candles, set, drop);
        const fast = await runBacktest(input);
        const slow = await runBacktest({ ...input, stepByStep: true });
        expect(fast).toEqual(slow);
      }),
      { numRuns: 200 },
    );
  });

  it('passing over quiet candles, flat or in a position, gives the step-by-step result with precomputed indicators', async () => {
    await fc.assert(
      fc.asyncProperty(candleWalk(30, 300), paramSet, gapEvery, async (candles, set, drop) => {
        const input = randomInput(candles, set, drop);
        const probe = await runBacktest({ ...input, stepByStep: true });
        const pre = precomputedFor(input, probe);
        const fast = await runBacktest({ ...input, precomputed: pre });
        expect(fast).toEqual(probe);
      }),
      { numRuns: 200 },
    );
  });

  it('sets sharing one precomputed indicator set (and where mayAct holds) each give their step-by-step result', async () => {
    // As in a sweep: the sets differ in the parameters mayAct reads and in the others, so some
    // share the cached may-act candles and some do not; the order of the runs must not matter.
    await fc.assert(
      fc.asyncProperty(
        candleWalk(30, 300),
        paramSet,
        fc.array(fc.record({ ATR_GATE_MULT: fc.constantFrom(0, 0.5, 1, 1.5), SL_ATR_MULT: fc.constantFrom(0.5, 2) }), {
          minLength: 2,
          maxLength: 5,
        }),
        gapEvery,
        async (candles, set, variants, drop) => {
          const base = randomInput(candles, set, drop);
          const pre = precomputedFor(base, await runBacktest({ ...base, stepByStep: true }));
          for (const v of variants) {
            const input = randomInput(candles, { ...set, ...v }, drop);
            const slow = await runBacktest({ ...input, stepByStep: true });
            expect(await runBacktest({ ...input, precomputed: pre })).toEqual(slow);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
