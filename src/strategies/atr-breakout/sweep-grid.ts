/**
 * The re-evaluation grid of `atr-breakout` around a live set, and its behavioural classes.
 *
 * Default grid (every axis also holds the baseline's own value, so the baseline is a grid point):
 *
 * | parameter | values | why |
 * |---|---|---|
 * | `ATR_GATE_MULT` | baseline ± 3 steps of 0.02, and 1.25, 1.5, 2, 2.5, 3 | fine steps near the live set; the coarse tail reaches where the strategy trades far less |
 * | `ENTRY_COOLDOWN_S` | baseline ± 2 whole minutes, and 0, 1800 | cooldown acts in whole candles |
 * | `ENTRY_RETEST_TOL_PCT` | 0 (retest off), 0.05, 0.10, 0.20 | market entry vs retest limits |
 * | `ENTRY_RETEST_WINDOW_S` | 60, 120, 180 | one to three candles |
 * | `BREAKOUT_LOOKBACK` | baseline and 60 | a slower breakout trades less |
 * | `SL_ATR_MULT`, `TP_ATR_MULT` | baseline and 3.0 / 4.0 | wider brackets hold longer, so fees weigh less |
 */
import type { StrategySweep, SweepValue } from '../../engine/strategy.js';
import type { AtrBreakoutParams } from './params.js';

const round = (x: number, dp: number) => Number(x.toFixed(dp));

/** Sorted unique values, dropping those outside `[min, max]`. */
function axis(values: readonly number[], min: number, max: number, dp: number): number[] {
  return [...new Set(values.map((v) => round(v, dp)))].filter((v) => v >= min && v <= max).sort((a, b) => a - b);
}

/** `centre` ± `k` steps of `step`. */
function around(centre: number, step: number, k: number): number[] {
  return Array.from({ length: 2 * k + 1 }, (_, i) => centre + (i - k) * step);
}

/** Whole-minute ceiling: decisions and fills happen at candle opens, so seconds act per minute. */
const ceilMinute = (s: number) => Math.ceil(s / 60) * 60;

export const atrBreakoutSweep: StrategySweep<AtrBreakoutParams> = {
  defaultGrid(b) {
    const grid: [keyof AtrBreakoutParams & string, SweepValue[]][] = [
      ['ATR_GATE_MULT', axis([...around(b.ATR_GATE_MULT, 0.02, 3), 1.25, 1.5, 2, 2.5, 3], 0, 20, 4)],
      ['ENTRY_COOLDOWN_S', axis([...around(b.ENTRY_COOLDOWN_S, 60, 2), 0, 1800], 0, 7 * 86_400, 0)],
      ['ENTRY_RETEST_TOL_PCT', axis([0, 0.05, 0.1, 0.2, b.ENTRY_RETEST_TOL_PCT], 0, 5, 4)],
      ['ENTRY_RETEST_WINDOW_S', axis([60, 120, 180, b.ENTRY_RETEST_WINDOW_S], 0, 86_400, 0)],
      ['BREAKOUT_LOOKBACK', axis([b.BREAKOUT_LOOKBACK, 60], 1, 1000, 0)],
      ['SL_ATR_MULT', axis([b.SL_ATR_MULT, 3], 0.01, 50, 4)],
      ['TP_ATR_MULT', axis([b.TP_ATR_MULT, 4], 0.01, 50, 4)],
    ];
    // Every axis holds the baseline's own value, so the live set is a grid point (a window of 0
    // with retest on is invalid and dropped; with retest off it collapses into the off class).
    return grid;
  },
  canonical(p) {
    const retest = p.ENTRY_RETEST_TOL_PCT > 0;
    return {
      ...p,
      // Retest off: tolerance 0 and the window is irrelevant. On: the window acts in whole candles.
      ENTRY_RETEST_WINDOW_S: retest ? Math.floor(p.ENTRY_RETEST_WINDOW_S / 60) * 60 : 0,
      ENTRY_COOLDOWN_S: ceilMinute(p.ENTRY_COOLDOWN_S),
      MAX_HOLD_S: ceilMinute(p.MAX_HOLD_S),
    };
  },
};
