/**
 * The simulator's cost settings. Every cost is an explicit number recorded in the result and the
 * fingerprint; none is hidden in the fill code.
 */

/** Fee rates (fractions of notional) and slippage (basis points) the simulator charges. */
export interface SimSettings {
  /** Taker fee rate, e.g. 0.0005 = 0.05 % (Binance USDT-M VIP 0). */
  readonly takerFeeRate: number;
  /** Maker fee rate, e.g. 0.0002 = 0.02 % (Binance USDT-M VIP 0). */
  readonly makerFeeRate: number;
  /** Adverse slippage on market orders, marketable limits and stops (bps); from the SLIPPAGE_BPS parameter. */
  readonly slippageBps: number;
}

/** Binance USDT-M regular-user fees: taker 0.05 %, maker 0.02 %. */
export const BINANCE_USDM_FEES = { takerFeeRate: 0.0005, makerFeeRate: 0.0002 } as const;

/**
 * The settings of fee rates `fees` and slippage `slippageBps` (bps), always built by this one
 * literal: a spread of the rates gave every run's settings a new hidden class, so each read of
 * them in the venue's hot path missed V8's inline caches (`npm run bench -- sweep-instructions`).
 */
export function simSettings(
  fees: { readonly takerFeeRate: number; readonly makerFeeRate: number },
  slippageBps: number,
): SimSettings {
  return { takerFeeRate: fees.takerFeeRate, makerFeeRate: fees.makerFeeRate, slippageBps };
}
