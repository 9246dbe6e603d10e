/**
 * Crash-only start-up for real mode: every start, first or after a crash, rebuilds what the
 * venue knows from the exchange before the first candle is processed. Restart is the same path.
 *
 * 1. adopt: open orders and conditional (algo) orders of the symbol with our client id prefix
 *    (`cb-<BASE>-`) that the saved book does not know join it;
 * 2. sync: every order of the book, including the outbox's write-ahead entries, is looked up by
 *    client id (`/fapi/v1/order`, `/fapi/v1/algoOrder`): answered ones are adopted, the ones the
 *    exchange never saw are dropped (never re-sent: their signal is stale); fills are collected,
 *    a filled bracketed entry gets its missing legs (never a second copy: legs are idempotent by
 *    client id), reduce-only orders of a flat position are cancelled;
 * 3. stale entries: an open entry order the runner's saved state does not know was sent in the
 *    instant before a crash; its signal is stale now, so it is cancelled (if it had filled, the
 *    position stays and is protected by step 2);
 * 4. a position must be explained by the saved state (the runner was in a position) or by our
 *    open bracket legs; an unexplained position (state lost, or another bot or a human trading
 *    this symbol) stops the start with exit 78: a human must look.
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
 * @throws ConfigError (exit 78) for an unexplained position; TransientError (75) when the exchange keeps failing.
 */
export async function reconcile(
  venue: CcxtVenue,
  base: string,
  runner: RunnerState | undefined,
): Promise<ReconcileReport> {
  const adopted = await venue.adoptOpenOrders(`cb-${base}-`);
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
  const filledEntry = venue.orders().some((o) => !o.req.reduceOnly && o.filled > 0 && !o.reported);
  if (position !== null && (runner?.entryTs ?? null) === null && openLegs.length === 0 && !filledEntry) {
    throw new ConfigError(
      `${venue.symbol}: the exchange has a ${position.side} position of ${position.amount} that coinbot's saved state does not explain (state file lost, or someone else trades this symbol); close it on Binance or restore the state file, then start again`,
    );
  }
  return { adopted, cancelledStale, position, openLegs };
}
