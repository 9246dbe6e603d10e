/**
 * atr-breakout's state survives JSON exactly: live mode persists the runner's state (the
 * strategy's with it) as JSON and restores it after a restart, so a value JSON changes (NaN,
 * ±Infinity, −0, undefined) would change the decisions after a restart. Checked on every state
 * the runner reports over random backtests (candles with gaps and funding, random sets).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { samePlain } from '../../engine/plain-data.js';
import { runBacktest } from '../../engine/sim/backtest.js';
import { candleWalk } from '../../engine/sim/fixtures/candle-walk.js';
import { gapEvery, paramSet, randomInput } from '../../engine/sim/fixtures/random-backtest.js';

describe('atr-breakout state', () => {
  it('comes back from JSON exactly, whatever the run did', async () => {
    let states = 0;
    await fc.assert(
      fc.asyncProperty(candleWalk(30, 200), paramSet, gapEvery, async (candles, set, drop) => {
        const input = randomInput(candles, set, drop);
        await runBacktest({
          ...input,
          hooks: {
            onDecision: (_now, _intents, state) => {
              states += 1;
              expect(samePlain(JSON.parse(JSON.stringify(state)), state)).toBe(true);
            },
          },
        });
      }),
      { numRuns: 150 },
    );
    expect(states).toBeGreaterThan(100);
  });
});
