/**
 * Scenario tables for entries, exits and costs of atr-breakout through the simulator's fill
 * rules. Base path as in atr-breakout.signals.test.ts: a long signal on c2 (close 103.5,
 * ATR2 = 4, broken level 101), amount 9.661; market entry at c3's open. Bracket from a fill F:
 * stop F − 1.5 × 4 = F − 6, take-profit F + 2 × 4 = F + 8.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, tsOf, type Ohlc, type Scenario } from '../../engine/sim/fixtures/scenario.js';
import { atrBreakout } from './atr-breakout.js';

const FLAT: Ohlc = [100, 101, 99, 100];
const SIGNAL: Ohlc = [100, 104, 100, 103.5];
const HOLD: Ohlc = [103.5, 104, 103, 103.8];
const AMOUNT = 9.661;
const run = (candles: Ohlc[], params: Record<string, string | number> = {}, extra: Partial<Scenario> = {}) =>
  runScenario({ strategy: atrBreakout, candles: [FLAT, FLAT, SIGNAL, ...candles], params, ...extra });

describe('atr-breakout entries', () => {
  it('fills a market entry at the next open with adverse slippage and the taker fee', async () => {
    // 103.5 × (1 + 10 / 10⁴) = 103.6035 ≤ high 104; fee 103.6035 × 9.661 × 0.0005.
    const r = await run([HOLD], { SLIPPAGE_BPS: 10 });
    const t = r.trades[0];
    expect(t?.entryPrice).toBeCloseTo(103.6035, 10);
    expect(t?.entryLiquidity).toBe('taker');
    expect(r.fills[0]?.fee).toBeCloseTo(103.6035 * AMOUNT * 0.0005, 12);
  });

  it('never slips a fill beyond the candle range', async () => {
    // Open 103.5 is the high of c3: 103.6035 is clamped to 103.5.
    const r = await run([[103.5, 103.5, 103, 103.2]], { SLIPPAGE_BPS: 10 });
    expect(r.trades[0]?.entryPrice).toBe(103.5);
  });

  describe('retest (ENTRY_RETEST_TOL_PCT=0.5, ENTRY_RETEST_WINDOW_S=120 → W=2)', () => {
    // Limit = 101 × 1.005 = 101.505 → 101.50 (buy limits round down to the tick); 101.5 < close 103.5: it rests.
    const retest = { ENTRY_RETEST_TOL_PCT: 0.5, ENTRY_RETEST_WINDOW_S: 120 };

    it('fills at the limit with the maker fee in the first candle whose low reaches it', async () => {
      const r = await run(
        [
          [103.5, 104, 102, 103],
          [103, 103.2, 101, 101.8],
        ],
        retest,
      );
      const t = r.trades[0];
      expect(t).toMatchObject({
        entryPrice: 101.5,
        entryLiquidity: 'maker',
        entryTs: tsOf(4),
        signalTs: tsOf(3),
        amount: AMOUNT,
      });
      expect(r.fills[0]?.fee).toBeCloseTo(101.5 * AMOUNT * 0.0002, 12);
    });

    it('fills when the low only touches the limit', async () => {
      const r = await run([[103.5, 104, 101.5, 102]], retest);
      expect(r.trades[0]).toMatchObject({ entryPrice: 101.5, entryLiquidity: 'maker' });
    });

    it('fills at a better open when the candle opens through the limit', async () => {
      const r = await run([[101.2, 102, 100.5, 101]], retest);
      expect(r.trades[0]).toMatchObject({ entryPrice: 101.2, entryLiquidity: 'maker' });
    });

    it('cancels the limit after W candles so that a later touch does not fill it', async () => {
      // c3, c4 stay above 101.5; c5 = [103, 103.2, 100, 101] would fill it but comes after t+W.
      // (c5 is also a short signal: its retest limit 102 × 0.995 = 101.49 rests past the window end.)
      const path: Ohlc[] = [
        [103.5, 104, 102, 103],
        [103, 103.5, 102, 103],
        [103, 103.2, 100, 101],
      ];
      const w2 = await run(path, retest);
      const w3 = await run(path, { ...retest, ENTRY_RETEST_WINDOW_S: 239 }); // ⌊239 / 60⌋ = 3
      expect(w2.trades).toHaveLength(0);
      expect(w3.trades.map((t) => [t.entryTs, t.entryPrice])).toEqual([[tsOf(5), 101.5]]);
    });

    it('fills a limit already marketable when placed at the next open with the taker fee', async () => {
      // Tolerance 3 %: 101 × 1.03 = 104.03 ≥ close 103.5.
      const r = await run([HOLD], { ENTRY_RETEST_TOL_PCT: 3, ENTRY_RETEST_WINDOW_S: 120 });
      expect(r.trades[0]).toMatchObject({ entryPrice: 103.5, entryLiquidity: 'taker', entryTs: tsOf(3) });
    });

    it('ignores a new signal while the retest order rests', async () => {
      // c3 = [103.5, 108, 103, 107.9] breaks max(high c1, c2) = 104, TR3 = 5 ≥ ATR2 = 4, but the c2 limit rests.
      const r = await run(
        [
          [103.5, 108, 103, 107.9],
          [107.9, 108, 101, 102],
        ],
        retest,
      );
      expect(r.trades.map((t) => [t.signalTs, t.entryPrice])).toEqual([[tsOf(3), 101.5]]);
      expect(r.refusals).toEqual([]);
    });
  });
});

describe('atr-breakout exits', () => {
  // Market entry at 103.5: stop 97.5, take-profit 111.5.
  it('exits at the stop with the taker fee when a candle low reaches it', async () => {
    const r = await run([HOLD, [103.8, 104, 97, 98]]);
    const t = r.trades[0];
    expect(t).toMatchObject({ exitReason: 'stop_loss', exitPrice: 97.5, exitTs: tsOf(4) });
    // (97.5 − 103.5) × 9.661 = −57.966; fees (103.5 + 97.5) × 9.661 × 0.0005.
    expect(t?.grossPnl).toBeCloseTo(-57.966, 9);
    expect(t?.fees).toBeCloseTo(201 * AMOUNT * 0.0005, 12);
  });

  it('slips a stop fill against the trader', async () => {
    // Fill 103.6035 → stop 97.6035 rounds up to 97.61 (towards the fill); 97.61 × 0.999 = 97.51239 ≥ low 97.
    const r = await run([HOLD, [103.8, 104, 97, 98]], { SLIPPAGE_BPS: 10 });
    expect(r.trades[0]?.exitPrice).toBeCloseTo(97.51239, 10);
  });

  it('exits at the take-profit with the maker fee when a candle high reaches it', async () => {
    const r = await run([HOLD, [103.8, 112, 103.5, 111]]);
    expect(r.trades[0]).toMatchObject({ exitReason: 'take_profit', exitPrice: 111.5 });
    expect(r.fills[1]?.fee).toBeCloseTo(111.5 * AMOUNT * 0.0002, 12);
  });

  it('assumes the stop came first when one candle touches both', async () => {
    const r = await run([HOLD, [103.8, 112, 97, 105]]);
    expect(r.trades[0]).toMatchObject({ exitReason: 'stop_loss', exitPrice: 97.5 });
  });

  it('fills at the open when a candle opens beyond the stop', async () => {
    const r = await run([HOLD, [96, 97, 95, 96.5]]);
    expect(r.trades[0]).toMatchObject({ exitReason: 'stop_loss', exitPrice: 96 });
  });

  it('fills the take-profit at a better open when a candle opens beyond it', async () => {
    const r = await run([HOLD, [113, 114, 112, 113]]);
    expect(r.trades[0]).toMatchObject({ exitReason: 'take_profit', exitPrice: 113 });
  });

  it('counts the fill candle of a market entry in full: a stop inside it exits at once', async () => {
    const r = await run([[103.5, 104, 97, 98]]);
    expect(r.trades[0]).toMatchObject({ exitReason: 'stop_loss', entryTs: tsOf(3), exitTs: tsOf(3) });
  });

  describe('after a retest fill inside a candle (worst path: high before the fill)', () => {
    // Limit 101.5 → stop 95.5, take-profit 109.5.
    const retest = { ENTRY_RETEST_TOL_PCT: 0.5, ENTRY_RETEST_WINDOW_S: 120 };

    it('ignores a take-profit the high reached when the close did not', async () => {
      const r = await run([[103.5, 110, 101, 102]], retest);
      expect(r.trades[0]).toMatchObject({ exitReason: 'window_end', exitPrice: 102 });
    });

    it('takes the take-profit when the close reaches it', async () => {
      const r = await run([[103.5, 110, 101, 109.8]], retest);
      expect(r.trades[0]).toMatchObject({ exitReason: 'take_profit', exitPrice: 109.5 });
    });

    it('takes the stop when the low reaches it', async () => {
      const r = await run([[103.5, 110, 95, 96]], retest);
      expect(r.trades[0]).toMatchObject({ exitReason: 'stop_loss', exitPrice: 95.5 });
    });
  });

  it('exits at market at the first open at or after entry + MAX_HOLD_S', async () => {
    // Entry at open c3; +120 s = open of c5 = 104.4.
    const r = await run([HOLD, [103.8, 104.5, 103.5, 104.2], [104.4, 105, 104, 104.5], [104.5, 104.6, 104.4, 104.5]], {
      MAX_HOLD_S: 120,
    });
    expect(r.trades[0]).toMatchObject({ exitReason: 'max_hold', exitTs: tsOf(5), exitPrice: 104.4 });
  });

  it('closes a position still open at the window end at the last close with the taker fee', async () => {
    const r = await run([HOLD]);
    // Exit at the close of c3 = open time of c4; fee 103.8 × 9.661 × 0.0005.
    expect(r.trades[0]).toMatchObject({ exitReason: 'window_end', exitPrice: 103.8, exitTs: tsOf(4) });
    expect(r.fills[1]?.fee).toBeCloseTo(103.8 * AMOUNT * 0.0005, 12);
  });
});

describe('atr-breakout funding', () => {
  // Entry at the open of c3 (11:59); funding at 12:00 = open of c4.
  it('charges amount × mark price × rate at a funding event while a long is open', async () => {
    const r = await run([HOLD, [103.8, 104, 103, 103.9]], {}, { funding: [[4, 0.0001]], mark: [[tsOf(4), 110, 111]] });
    // 9.661 × 110 × 0.0001 = 0.106271 paid (mark candle opening at 12:00).
    expect(r.funding.payments).toHaveLength(1);
    expect(r.funding.payments[0]).toMatchObject({ markSource: 'mark', markPrice: 110 });
    expect(r.trades[0]?.funding).toBeCloseTo(0.106271, 12);
    expect(r.funding.status).toBe('modelled');
  });

  it('uses the last close when no mark candle prices the event, and a short receives a positive rate', async () => {
    // c2 = [100, 100, 96, 96.5] breaks down: short 10.362 at the open of c3; c3 closes at 96.6 at 12:00.
    const s = await runScenario({
      strategy: atrBreakout,
      candles: [FLAT, FLAT, [100, 100, 96, 96.5], [96.5, 97, 96, 96.6], [96.6, 97, 96, 96.7]],
      funding: [[4, 0.0001]],
    });
    expect(s.funding.payments[0]).toMatchObject({ markSource: 'last-close', markPrice: 96.6, side: 'short' });
    expect(s.funding.markSource).toBe('last-close');
    // −10.362 × 96.6 × 0.0001 = −0.10009692: received.
    expect(s.trades[0]?.funding).toBeCloseTo(-0.10009692, 12);
  });

  it('charges nothing for an event at the open where the entry fills', async () => {
    const r = await run([HOLD], {}, { funding: [[3, 0.0001]] });
    expect(r.funding.payments).toEqual([]);
    expect(r.trades[0]?.funding).toBe(0);
  });

  it('says funding is not modelled without funding history', async () => {
    const r = await run([HOLD]);
    expect(r.funding.status).toBe('not modelled');
  });
});
