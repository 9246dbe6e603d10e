/**
 * Scenario tables for the signal rules of atr-breakout: decision on the close, breakout, ATR
 * gate, SIDE, one position, cooldown, warm-up and sizing. Defaults (fixtures/scenario.ts):
 * ATR_PERIOD=1 so ATRₜ = TRₜ, BREAKOUT_LOOKBACK=2, no slippage, 1000 USDT, tick 0.01, step 0.001.
 *
 * The base path: c0 and c1 = [100, 101, 99, 100] → TR1 = max(101−99, |101−100|, |99−100|) = 2;
 * c2 = [100, 104, 100, 103.5] → TR2 = max(4, |104−100|, |100−100|) = 4 = ATR2; the highest high
 * of c0, c1 is 101 < 103.5: a long breakout; gate TR2 = 4 ≥ 1 × ATR1 = 2.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, tsOf, type Ohlc } from '../../engine/sim/fixtures/scenario.js';
import { atrBreakout } from './atr-breakout.js';

const FLAT: Ohlc = [100, 101, 99, 100];
const LONG_SIGNAL: Ohlc = [100, 104, 100, 103.5];
const QUIET_AFTER: Ohlc = [103.5, 104, 103, 103.8];
const run = (
  candles: Ohlc[],
  params: Record<string, string | number> = {},
  extra: { firstDecision?: number; facts?: Record<string, number> } = {},
) => runScenario({ strategy: atrBreakout, candles, params, ...extra });

describe('atr-breakout signals', () => {
  it('enters long at the next open when the close breaks above the highest high of the L candles before', async () => {
    const r = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER]);
    expect(r.trades).toHaveLength(1);
    // Decided at the close of c2 (= open of c3); filled at c3's open 103.5.
    expect(r.trades[0]).toMatchObject({ side: 'long', signalTs: tsOf(3), entryTs: tsOf(3), entryPrice: 103.5 });
  });

  it('does not signal when the close only equals the prior high', async () => {
    // c2 closes at 101 = max(high of c0, c1): not strictly above.
    const r = await run([FLAT, FLAT, [100, 101, 99.5, 101], QUIET_AFTER]);
    expect(r.trades).toHaveLength(0);
  });

  it('enters short when the close breaks below the lowest low of the L candles before', async () => {
    // c2 = [100, 100, 96, 96.5]: TR2 = max(4, 0, |96−100|) = 4 ≥ ATR1 = 2; lowest low of c0, c1 = 99 > 96.5.
    const r = await run([FLAT, FLAT, [100, 100, 96, 96.5], [96.5, 97, 96, 96.6]]);
    expect(r.trades[0]).toMatchObject({ side: 'short', entryPrice: 96.5, amount: 10.362 }); // ⌊1000 / 96.5 / 0.001⌋ · 0.001
  });

  it('ignores short breakouts when SIDE=long and long breakouts when SIDE=short', async () => {
    const short = await run([FLAT, FLAT, [100, 100, 96, 96.5], [96.5, 97, 96, 96.6]], { SIDE: 'long' });
    const long = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER], { SIDE: 'short' });
    expect(short.trades).toHaveLength(0);
    expect(long.trades).toHaveLength(0);
  });

  it('takes a signal whose true range equals ATR_GATE_MULT × the previous ATR and refuses one just below', async () => {
    // TR2 = 4, ATR1 = 2: 4 ≥ 2.00 × 2 passes; 4 ≥ 2.01 × 2 = 4.02 fails.
    const at = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER], { ATR_GATE_MULT: 2 });
    const above = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER], { ATR_GATE_MULT: 2.01 });
    expect(at.trades).toHaveLength(1);
    expect(above.trades).toHaveLength(0);
  });

  it('ignores a signal while a position is open', async () => {
    // c3 holds the position; c4 = [103.8, 106, 103.7, 105.9] breaks max(high c2, c3) = 104 with
    // TR4 = max(2.3, |106−103.8|, |103.7−103.8|) = 2.3 ≥ ATR3 = max(1, 0.5, 0.5) = 1: ignored.
    const r = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER, [103.8, 106, 103.7, 105.9], [105.9, 106, 105.5, 105.8]]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]?.exitReason).toBe('window_end');
    expect(r.refusals).toEqual([]);
  });

  describe('cooldown', () => {
    // c3 = [103.5, 104, 97, 98]: the long entered at c3's open is stopped in c3 (stop 103.5 − 1.5 × 4 = 97.5).
    // c3 then closes at 98 < min(low c1, c2) = 99 with TR3 = 7 ≥ ATR2 = 4: a short signal at now = open of c4 = entry + 60 s.
    // c4 = [98, 98.5, 90, 90.5] closes below min(low c2, c3) = 97 with TR4 = 8.5 ≥ ATR3 = 7: a short signal at entry + 120 s.
    const path: Ohlc[] = [FLAT, FLAT, LONG_SIGNAL, [103.5, 104, 97, 98], [98, 98.5, 90, 90.5], [90.5, 91, 90, 90.8]];

    it('takes the first signal at once when ENTRY_COOLDOWN_S=0', async () => {
      const r = await run(path, { ENTRY_COOLDOWN_S: 0 });
      expect(r.trades.map((t) => [t.side, t.entryTs])).toEqual([
        ['long', tsOf(3)],
        ['short', tsOf(4)],
      ]);
    });

    it('takes a signal whose next open is exactly the previous entry fill plus ENTRY_COOLDOWN_S', async () => {
      // Entry fill at open c3; 120 s later is the open of c5: the c4 signal is the first allowed.
      const r = await run(path, { ENTRY_COOLDOWN_S: 120 });
      expect(r.trades.map((t) => [t.side, t.signalTs, t.entryTs])).toEqual([
        ['long', tsOf(3), tsOf(3)],
        ['short', tsOf(5), tsOf(5)],
      ]);
    });

    it('ignores every signal whose next open is inside the cooldown', async () => {
      const r = await run(path, { ENTRY_COOLDOWN_S: 121 });
      expect(r.trades.map((t) => t.side)).toEqual(['long']);
    });
  });

  it('feeds warm-up candles to the indicators but never decides on a candle before the window', async () => {
    // Same candles, window starting at c3: the c2 breakout lies in the warm-up.
    const r = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER], {}, { firstDecision: 3 });
    expect(r.trades).toHaveLength(0);
    expect(r.window.warmupCandles).toBe(3);
  });

  it('refuses and lists a signal whose notional falls below the minimum notional', async () => {
    // 1 USDT / 103.5 = 0.00966 → 0.009 at step 0.001; 0.009 × 103.5 = 0.93 USDT < 5 USDT.
    const r = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER], { ORDER_NOTIONAL_USDT: 1 });
    expect(r.trades).toHaveLength(0);
    expect(r.refusals).toEqual([
      {
        ts: tsOf(3),
        side: 'long',
        notionalUsdt: 1,
        refPrice: 103.5,
        amount: 0.009,
        reason: 'notional 0.93 USDT is below the minimum notional 5 USDT',
      },
    ]);
  });

  it('refuses and lists a signal whose amount rounds down to zero steps', async () => {
    // Step 1 (like SOL): 50 / 103.5 = 0.48 → 0.
    const r = await run(
      [FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER],
      { ORDER_NOTIONAL_USDT: 50 },
      { facts: { stepSize: 1, minQty: 1 } },
    );
    expect(r.trades).toHaveLength(0);
    expect(r.refusals[0]?.reason).toMatch(/amount rounds to 0/);
  });

  it('sizes the amount at the signal close, rounded down to the step', async () => {
    // 1000 / 103.5 = 9.66183… → 9.661.
    const r = await run([FLAT, FLAT, LONG_SIGNAL, QUIET_AFTER]);
    expect(r.trades[0]?.amount).toBe(9.661);
  });
});
