/**
 * Crash-only start-up for real mode: every start, first or after a crash, rebuilds what the
 * venue knows from the exchange before the first candle is processed. Restart is the same path.
 *
 * 1. adopt: open orders and conditional (algo) orders of the symbol with our client id prefix
 *    (`cb-<BASE>-`) that the saved book does not know join it;
 * 2. sync: every live order of the book, including the outbox's write-ahead entries (unknown
 *    outcome: looked up, never re-sent), is looked up by client id; fills are booked (and
 *    persisted), and the protection rules run: an open position gets its stop (protection.ts);
 * 3. stale entries: an open entry order the runner's saved state does not know was sent in the
 *    instant before a crash; its signal is stale now, so it is cancelled (if it had filled, the
 *    position stays and is protected by step 2);
 * 4. a position must be explained by the saved state (the runner was in a position), by the
 *    venue's own levels (an entry of ours filled) or by our open stop; an unexplained position
 *    (state lost, or another bot or a human trading this symbol) has had its (emergency) stop
 *    placed in step 2, then the start stops with exit 78: a human must look.
 */
import { ConfigError } from '../errors.js';
import type { Position } from '../ports/venue.js';
import type { RunnerState } from '../runner.js';
import type { CcxtVenue } from './ccxt-venue.js';

/** What reconciliation found and did. */
export interface ReconcileReport {
  readonly adopted: readonly string[];
  readonly cancelledStale: readonly string[];
  readonly position: Position | null;
  /** Legs open on the exchange after reconciliation (client ids). */
  readonly openLegs: readonly string[];
}

/**
 * Reconciles `venue` with the exchange. `runner` is the saved runner state (undefined on a first start).
 * @throws ConfigError (exit 78) for an unexplained position (after its stop was placed); TransientError (75) when the exchange keeps failing.
 */
export async function reconcile(
  venue: CcxtVenue,
  base: string,
  runner: RunnerState | undefined,
): Promise<ReconcileReport> {
  const adopted = await venue.adoptOpenOrders(`cb-${base}-`);
  const levelsBefore = venue.protectionState().entryId;
  // Our legs known before this start's own protection step may place an emergency stop.
  const legsBefore = (await venue.openOrders()).filter((o) => o.reduceOnly).length;
  await venue.sync();
  const cancelledStale: string[] = [];
  const knownEntry = runner?.entry?.clientOrderId;
  for (const o of await venue.openOrders()) {
    if (o.reduceOnly || o.clientOrderId === knownEntry) continue;
    await venue.cancelOrder(o.clientOrderId);
    cancelledStale.push(o.clientOrderId);
  }
  const position = await venue.position();
  const openLegs = (await venue.openOrders()).filter((o) => o.reduceOnly).map((o) => o.clientOrderId);
  const ourEntryFilled = venue.protectionState().entryId !== null || levelsBefore !== null;
  const explained = (runner?.entryTs ?? null) !== null || ourEntryFilled || legsBefore > 0;
  if (position !== null && !explained) {
    throw new ConfigError(
      `${venue.symbol}: the exchange has a ${position.side} position of ${position.amount} that coinbot's saved state does not explain (state file lost, or someone else trades this symbol); an emergency stop was placed; close the position on Binance or restore the state file, then start again`,
    );
  }
  return { adopted, cancelledStale, position, openLegs };
}
