/**
 * The trading scenario every matrix cell replays: real mode on ETH from 2025-06-22 00:30 UTC,
 * where the candle opening at 00:33 breaks out long (see live.paper.test.ts). Without faults the
 * bot sends the entry at 00:34, it fills, the stop and the take-profit follow, and the max-hold
 * exit goes out five minutes after the entry fill: every step of the matrix happens once.
 */

const MIN = 60_000;

/** Fake time at which an in-process cell starts (ms UTC). */
export const SCENARIO_START = Date.UTC(2025, 5, 22, 0, 30);
/** Open of the signal candle (a child cell starts here, as live.sigkill.test.ts does). */
export const SCENARIO_SIGNAL = Date.UTC(2025, 5, 22, 0, 33);
/** Fake time at which every cell is over: flat, cooled down, stopped (ms UTC). */
export const SCENARIO_END = Date.UTC(2025, 5, 22, 0, 47);
/** Entry cooldown of the scenario (s). */
export const COOLDOWN_S = 600;
/** Max hold of the scenario (s). */
export const MAX_HOLD_S = 300;

/** The strategy parameters as KEY=VALUE pairs (file for in-process runs, env for children). */
export const SCENARIO_PARAMS: Readonly<Record<string, string>> = {
  SYMBOL: 'ETH/USDT:USDT',
  ATR_GATE_MULT: '1.0',
  ENTRY_COOLDOWN_S: String(COOLDOWN_S),
  MAX_HOLD_S: String(MAX_HOLD_S),
};

/** {@link SCENARIO_PARAMS} as parameter-file text. */
export function paramsText(): string {
  return Object.entries(SCENARIO_PARAMS)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
}

/** One candle (ms). */
export const CANDLE_MS = MIN;
