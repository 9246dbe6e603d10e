/**
 * Parameters of `atr-breakout`, named as the live units' environment variables. Times in
 * seconds, multiples of ATR unitless, notional in USDT. Defaults are neutral (no cooldown, no
 * retest, no max hold); the live sets in `config/live/*.env` override them.
 */
import { defineParams, enumParam, intParam, numberParam, type ExecutionParams } from '../../engine/strategy.js';

/** One `atr-breakout` parameter set. */
export interface AtrBreakoutParams extends ExecutionParams {
  readonly TIMEFRAME: '1m';
  readonly ATR_PERIOD: number;
  readonly BREAKOUT_LOOKBACK: number;
  readonly SIDE: 'both' | 'long' | 'short';
  readonly ATR_GATE_MULT: number;
  readonly ENTRY_COOLDOWN_S: number;
  readonly ENTRY_RETEST_TOL_PCT: number;
  readonly ENTRY_RETEST_WINDOW_S: number;
  readonly SL_ATR_MULT: number;
  readonly TP_ATR_MULT: number;
  readonly MAX_HOLD_S: number;
  readonly ORDER_NOTIONAL_USDT: number;
  readonly SLIPPAGE_BPS: number;
}

const DAY_S = 86_400;

/** The parameter table and its strict schema. */
export const atrBreakoutParams = defineParams<AtrBreakoutParams>({
  TIMEFRAME: enumParam(
    ['1m'] as const,
    '1m',
    'candle timeframe; the retest window is counted in 1-minute candles, so only 1m is supported',
  ),
  ATR_PERIOD: intParam(
    1,
    500,
    14,
    'candles',
    "Wilder ATR period (technicalindicators' convention: first value at index ATR_PERIOD)",
  ),
  BREAKOUT_LOOKBACK: intParam(
    1,
    1000,
    20,
    'candles',
    'L: long when close > highest high of the L candles before, short when close < their lowest low',
  ),
  SIDE: enumParam(['both', 'long', 'short'] as const, 'both', 'which breakouts may be traded'),
  ATR_GATE_MULT: numberParam(
    0,
    20,
    1,
    '× ATR',
    'a signal counts only if the true range of its candle ≥ ATR_GATE_MULT × the ATR of the candle before',
  ),
  ENTRY_COOLDOWN_S: intParam(
    0,
    7 * DAY_S,
    0,
    's',
    'a signal is ignored unless the next candle opens at least this long after the previous entry fill',
  ),
  ENTRY_RETEST_TOL_PCT: numberParam(
    0,
    5,
    0,
    '%',
    '0 = enter at market; > 0 = rest a limit at the broken level × (1 ± tol/100) instead',
  ),
  ENTRY_RETEST_WINDOW_S: intParam(
    0,
    DAY_S,
    0,
    's',
    'the retest limit rests for ⌊ENTRY_RETEST_WINDOW_S / 60⌋ candles, then is cancelled',
  ),
  SL_ATR_MULT: numberParam(0.01, 50, 1.5, '× ATR', 'stop at entry fill ∓ SL_ATR_MULT × ATR of the signal candle'),
  TP_ATR_MULT: numberParam(0.01, 50, 2, '× ATR', 'take-profit at entry fill ± TP_ATR_MULT × ATR of the signal candle'),
  MAX_HOLD_S: intParam(
    0,
    30 * DAY_S,
    0,
    's',
    '0 = off; else exit at market at the first candle opening at or after entry + MAX_HOLD_S',
  ),
  ORDER_NOTIONAL_USDT: numberParam(
    1,
    1_000_000,
    1000,
    'USDT',
    'notional per entry; amount = notional / close, rounded down to the market step',
  ),
  SLIPPAGE_BPS: numberParam(
    0,
    100,
    1,
    'bps',
    'adverse slippage the simulator applies to market entries, market exits and stops (1 bp ≈ half-spread plus drift on a 1,000 USDT order)',
  ),
});

/** Retest candles W = ⌊ENTRY_RETEST_WINDOW_S / 60⌋. */
export function retestCandles(p: AtrBreakoutParams): number {
  return Math.floor(p.ENTRY_RETEST_WINDOW_S / 60);
}

/** A retest tolerance needs a window of at least one candle. */
export function checkRetestWindow(p: AtrBreakoutParams): string | null {
  if (p.ENTRY_RETEST_TOL_PCT > 0 && retestCandles(p) === 0) {
    return `ENTRY_RETEST_TOL_PCT=${p.ENTRY_RETEST_TOL_PCT} needs a retest window of at least one candle but ENTRY_RETEST_WINDOW_S=${p.ENTRY_RETEST_WINDOW_S} gives W=0: set ENTRY_RETEST_WINDOW_S ≥ 60 or ENTRY_RETEST_TOL_PCT=0`;
  }
  return null;
}
