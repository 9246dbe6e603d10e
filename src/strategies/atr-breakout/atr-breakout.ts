/**
 * `atr-breakout`: the reference strategy, decided on the close of each 1m candle t.
 *
 * - breakout: long if closeₜ > max(high over t−L … t−1), short if closeₜ < min(low over the
 *   same candles), L = BREAKOUT_LOOKBACK, filtered by SIDE;
 * - ATR gate: the signal counts only if TRₜ ≥ ATR_GATE_MULT × ATRₜ₋₁;
 * - one position per symbol: a signal while a position is open or a retest order rests is ignored;
 * - cooldown: ignored unless openₜ₊₁ (= now) ≥ previous entry fill time + ENTRY_COOLDOWN_S;
 * - entry: market, or (ENTRY_RETEST_TOL_PCT > 0) a limit at the broken level × (1 ± tol/100)
 *   resting W = ⌊ENTRY_RETEST_WINDOW_S/60⌋ candles;
 * - bracket: stop at fill ∓ SL_ATR_MULT × ATRₜ, take-profit at fill ± TP_ATR_MULT × ATRₜ;
 * - max hold: exit at market once now ≥ entry fill time + MAX_HOLD_S (MAX_HOLD_S > 0).
 * Sizing, fills, fees and funding are the runner's and the venue's business.
 */
import {
  NO_INTENTS,
  STRATEGY_API_VERSION,
  type Decision,
  type DecisionContext,
  type Intent,
  type PositionView,
  type Side,
  type Strategy,
} from '../../engine/strategy.js';
import type { Candle } from '../../engine/types.js';
import { atr } from '../../engine/indicators/atr.js';
import { lagged } from '../../engine/indicators/lag.js';
import { priorHigh, priorLow } from '../../engine/indicators/prior-extreme.js';
import { trueRange } from '../../engine/indicators/true-range.js';
import { atrBreakoutParams, checkRetestWindow, retestCandles, type AtrBreakoutParams } from './params.js';
import { atrBreakoutSweep } from './sweep-grid.js';

/** State carried between decisions (JSON-serialisable, persisted by live mode). */
export interface AtrBreakoutState {
  /** Time of the latest entry fill (ms UTC), for the cooldown; null before the first entry. */
  readonly lastEntryFillTs: number | null;
}

const EXIT_MAX_HOLD: readonly Intent[] = Object.freeze([{ kind: 'exit', reason: 'max_hold' } as const]);

/**
 * The entry signal of candle `bar`: the breakout side that passes the ATR gate, or null. The
 * one implementation of those two rules: `decide` and the `mayAct` fast-path hint both call it.
 */
function entrySignal(bar: Candle, ind: Readonly<Record<string, number>>, p: AtrBreakoutParams): Side | null {
  const close = bar.close;
  const side = p.SIDE;
  // Comparisons with NaN (indicators still warming up) are false: no signal.
  let dir: Side | null = null;
  if (side !== 'short' && close > (ind.hi as number)) dir = 'long';
  else if (side !== 'long' && close < (ind.lo as number)) dir = 'short';
  if (dir === null) return null;
  if (!((ind.tr as number) >= p.ATR_GATE_MULT * (ind.atrPrev as number)) || !((ind.atr as number) > 0)) return null;
  return dir;
}

/**
 * Max hold: the position is due for its market exit at `now` (ms UTC). The one implementation
 * of the rule: `decide` and the `mayActHolding` fast-path hint both call it.
 */
function maxHoldDue(now: number, position: PositionView, p: AtrBreakoutParams): boolean {
  return p.MAX_HOLD_S > 0 && now >= position.entryTs + p.MAX_HOLD_S * 1000;
}

function entryIntent(ctx: DecisionContext<AtrBreakoutParams, AtrBreakoutState>, side: Side, atrNow: number): Intent {
  const p = ctx.params;
  const tol = p.ENTRY_RETEST_TOL_PCT;
  const bracket = { stopDistance: p.SL_ATR_MULT * atrNow, takeProfitDistance: p.TP_ATR_MULT * atrNow };
  if (tol > 0) {
    const level = side === 'long' ? (ctx.ind.hi as number) : (ctx.ind.lo as number);
    const price = side === 'long' ? level * (1 + tol / 100) : level * (1 - tol / 100);
    return {
      kind: 'enter',
      side,
      notionalUsdt: p.ORDER_NOTIONAL_USDT,
      refPrice: ctx.bar.close,
      order: { type: 'limit', price, expiryCandles: retestCandles(p) },
      bracket,
    };
  }
  return {
    kind: 'enter',
    side,
    notionalUsdt: p.ORDER_NOTIONAL_USDT,
    refPrice: ctx.bar.close,
    order: { type: 'market' },
    bracket,
  };
}

function decide(ctx: DecisionContext<AtrBreakoutParams, AtrBreakoutState>): Decision<AtrBreakoutState> {
  const p = ctx.params;
  let state = ctx.state;
  for (const f of ctx.fills) if (f.role === 'entry') state = { lastEntryFillTs: f.ts };

  if (ctx.position !== null) {
    if (maxHoldDue(ctx.now, ctx.position, p)) return { intents: EXIT_MAX_HOLD, state };
    return { intents: NO_INTENTS, state };
  }
  if (ctx.restingEntry !== null) return { intents: NO_INTENTS, state };

  const side = entrySignal(ctx.bar, ctx.ind, p);
  if (side === null) return { intents: NO_INTENTS, state };
  const atrNow = ctx.ind.atr as number;
  if (state.lastEntryFillTs !== null && ctx.now < state.lastEntryFillTs + p.ENTRY_COOLDOWN_S * 1000)
    return { intents: NO_INTENTS, state };
  return { intents: [entryIntent(ctx, side, atrNow)], state };
}

/** The `atr-breakout` strategy module. */
export const atrBreakout: Strategy<AtrBreakoutParams, AtrBreakoutState> = {
  apiVersion: STRATEGY_API_VERSION,
  name: 'atr-breakout',
  description: 'ATR-gated breakout on 1m candles with an optional retest entry, an ATR bracket and a max hold',
  params: atrBreakoutParams,
  checks: [checkRetestWindow],
  // ATRₜ₋₁ needs ATR_PERIOD + 1 candles and the breakout L; twenty periods more let the Wilder
  // seed's weight fall to e^-20 ≈ 2e-9 for any period, so no value depends on where the data
  // starts beyond 1e-6 (`coinbot check warmup`). Ten periods left 1.3e-5 on the sample and
  // changed 16 ETH decisions.
  warmupCandles: (p) => Math.max(20 * p.ATR_PERIOD, p.BREAKOUT_LOOKBACK) + 1,
  indicators: (p) => ({
    tr: trueRange(),
    atr: atr(p.ATR_PERIOD),
    atrPrev: lagged(atr(p.ATR_PERIOD), 1),
    hi: priorHigh(p.BREAKOUT_LOOKBACK),
    lo: priorLow(p.BREAKOUT_LOOKBACK),
  }),
  initialState: () => ({ lastEntryFillTs: null }),
  decide,
  mayAct: (bar, ind, p) => entrySignal(bar, ind, p) !== null,
  mayActReads: ['SIDE', 'ATR_GATE_MULT'],
  mayActHolding: (now, position, p) => maxHoldDue(now, position, p),
  sweep: atrBreakoutSweep,
};
