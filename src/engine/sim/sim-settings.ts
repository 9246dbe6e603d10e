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
