/**
 * When an order whose answer was lost (timeout, connection reset, -1007 "execution status
 * unknown") may be taken as never booked. Binance can book an order and lose the answer; a
 * lookup right after may answer -2013 although the order exists (the lookup lags the matching
 * engine). So an unknown outcome counts as possibly live until BOTH hold:
 * - exchange time has passed the request's timestamp + `recvWindow` (after that the exchange
 *   refuses the request itself, so it cannot be booked later), and
 * - two lookups at least {@link ABSENT_LOOKUP_GAP_MS} apart answered "no such order".
 * Pure: the venue supplies the times (exchange ms).
 */

/** Minimum spacing of the two "no such order" lookups (ms). */
export const ABSENT_LOOKUP_GAP_MS = 1_000;

/** What is known about a request whose outcome is unknown. */
export interface UnknownOutcome {
  /** Exchange time (ms) the last attempt was signed with. */
  readonly sentAt: number;
  /** Exchange times (ms) of the lookups that answered -2013 since. */
  readonly absentAt: readonly number[];
}

/** True when the request can be taken as never booked at exchange time `now` (ms). */
export function provedAbsent(u: UnknownOutcome, now: number, recvWindowMs: number): boolean {
  if (now <= u.sentAt + recvWindowMs) return false;
  const late = u.absentAt.filter((t) => t > u.sentAt + recvWindowMs);
  const first = late[0];
  const last = late[late.length - 1];
  return first !== undefined && last !== undefined && last - first >= ABSENT_LOOKUP_GAP_MS;
}
