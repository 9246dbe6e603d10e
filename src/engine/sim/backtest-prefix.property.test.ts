/**
 * A shorter window with the same start (a prefix, like the re-evaluation's first half) taken
 * from the run of the whole window equals its own backtest: on random candles (with gaps),
 * random funding and random parameter sets, with incremental and with precomputed indicators,
 * `runBacktestWithPrefixes` gives for the whole window and for each prefix the very result
 * `runBacktest` gives for that window step by step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precomputeIndicators } from '../indicators/precompute.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { runBacktest, runBacktestWithPrefixes, type BacktestInput } from './backtest.js';
import { candleWalk } from './fixtures/candle-walk.js';
import { gapEvery, paramSet, randomInput } from './fixtures/random-backtest.js';

const cut = fc.double({ min: 0.05, max: 1, noNaN: true });

/** A prefix end inside the window at fraction `f`, aligned to a minute. */
function prefixEnd(input: BacktestInput, f: number): number {
  const { from, to } = input.window;
  return from + Math.max(1, Math.round(((to - from) / 60_000) * f)) * 60_000;
}

async function compare(input: BacktestInput, ends: number[]): Promise<void> {
  const [whole, ...prefixes] = await runBacktestWithPrefixes(input, ends);
  expect(whole).toEqual(await runBacktest({ ...input, stepByStep: true }));
  for (const [k, to] of ends.entries()) {
    const alone = await runBacktest({ ...input, window: { from: input.window.from, to }, stepByStep: true });
    expect(prefixes[k]).toEqual(alone);
  }
}

describe('backtest prefix windows', () => {
  it('a prefix taken from the whole run equals its own step-by-step backtest (incremental indicators)', async () => {
    await fc.assert(
      fc.asyncProperty(candleWalk(30, 300), paramSet, gapEvery, cut, async (candles, set, drop, f) => {
        const input = randomInput(candles, set, drop);
        await compare(input, [prefixEnd(input, f)]);
      }),
      { numRuns: 150 },
    );
  });

  it('prefixes taken from the whole run equal their own step-by-step backtests (precomputed, common warm-up)', async () => {
    await fc.assert(
      fc.asyncProperty(candleWalk(30, 300), paramSet, gapEvery, cut, cut, async (candles, set, drop, f, g) => {
        const base = randomInput(candles, set, drop);
        const input = { ...base, warmupCandles: 15 };
        const probe = await runBacktest(input);
        const pre = precomputeIndicators(
          Object.values(atrBreakout.indicators(input.params as never)),
          input.candles,
          probe.consumed.candleFrom,
          probe.consumed.candleTo,
        );
        await compare({ ...input, precomputed: pre }, [prefixEnd(input, f), prefixEnd(input, g)]);
      }),
      { numRuns: 150 },
    );
  });
});
