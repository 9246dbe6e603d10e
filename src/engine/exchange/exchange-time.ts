/**
 * Signing time. Binance accepts a signed request only when its `timestamp` lies within
 * `recvWindow` before, and at most 1 s after, the exchange's clock (else -1021). ccxt stamps
 * requests with `nonce() = milliseconds() − options.timeDifference`, so coinbot keeps
 * `timeDifference` = local clock − exchange clock, measured from `GET /fapi/v1/time`.
 */
import { BINANCE_USDM } from './capabilities.js';
import { errorClassNames } from './ccxt-errors.js';

/**
 * ccxt's `timeDifference` from one time request: local − exchange at the round trip's midpoint,
 * the best estimate when the answer's delay is unknown (error at most half the round trip).
 * @param serverTime the exchange's `serverTime`, ms UTC.
 * @param sentAt,receivedAt local time around the request, ms UTC.
 * @returns ms to subtract from the local clock to get exchange time (rounded).
 */
export function timeDifferenceFrom(serverTime: number, sentAt: number, receivedAt: number): number {
  return Math.round((sentAt + receivedAt) / 2 - serverTime);
}

/** The Binance `code` in a ccxt error message (`binanceusdm {"code":-1021,"msg":...}`), if any. */
function codeIn(e: unknown): number | undefined {
  const m = /"code"\s*:\s*"?(-\d+)/.exec(e instanceof Error ? e.message : String(e));
  return m ? Number(m[1]) : undefined;
}

/** True for Binance's -1021 (ccxt `InvalidNonce`): the request's timestamp was outside `recvWindow`. */
export function isTimestampError(e: unknown): boolean {
  return errorClassNames(e).includes('InvalidNonce') || codeIn(e) === BINANCE_USDM.errorCodes.timestamp;
}
