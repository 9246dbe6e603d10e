/**
 * Crash-only start-up for real mode: every start, first or after a crash, rebuilds what the
 * venue knows from the exchange before the first candle is processed. Restart is the same path.
 *
 * 1. adopt: open orders and conditional (algo) orders of the symbol with our client id prefix
 *    (`cb-<BASE>-`) that the saved book does not know join it;
 * 2. sync: every live order of the book, including the outbox's write-ahead entries (unknown
 *    outcome: looked up, never re-sent), is looked up by client id; fills are booked (and
 *    persisted), and the protection rules run: an open position gets its stop (protection.ts);
 *    while a position is not explained (step 4) and an entry of ours on its side still has an
 *    unknown outcome (sent in the instant before a crash; a lookup right after the booking may
 *    answer "no such order"), the sync is repeated until that entry is found (its fill then
 *    explains the position, and that sync moves the emergency stop to its levels) or
 *    proved absent (unknown-outcome.ts);
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
import { ABSENT_LOOKUP_GAP_MS } from './unknown-outcome.js';

/** What reconciliation found and did. */
export interface ReconcileReport {
  readonly adopted: readonly string[];
  readonly cancelledStale: readonly string[];
  readonly position: Position | null;
  /** Legs open on the exchange after reconciliation (client ids). */
  readonly openLegs: readonly string[];
}

/** Pause between the start-up syncs that settle an entry of unknown outcome (ms of waiting). */
export const SETTLE_POLL_MS = ABSENT_LOOKUP_GAP_MS / 2;
/**
 * Most such syncs. An unknown outcome is found or proved absent within the signing window (5 s)
 * and two lookups 1 s apart, about 13 polls; the bound only stops an exchange clock that stands still.
 */
export const SETTLE_MAX_POLLS = 40;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Is an entry of ours on the side of `position` still of unknown outcome (possibly what opened it)? */
function unknownEntryOn(venue: CcxtVenue, position: Position): boolean {
  const side = position.side === 'long' ? 'buy' : 'sell';
  return venue
    .orders()
    .some((t) => !t.req.reduceOnly && t.req.side === side && (t.status === 'unknown' || t.status === 'sending'));
}

/**
 * Syncs again, `wait(SETTLE_POLL_MS)` apart, while the position is not `explained()` and an entry
 * of ours that may have opened it has an unknown outcome: "no such order" proves nothing until
 * unknown-outcome.ts says so, so the position is not judged on a lagging lookup.
 */
async function settleUnknownEntries(
  venue: CcxtVenue,
  explained: () => boolean,
  wait: (ms: number) => Promise<void>,
): Promise<void> {
  for (let polls = 0; polls < SETTLE_MAX_POLLS; polls++) {
    const position = await venue.position();
    if (position === null || explained() || !unknownEntryOn(venue, position)) return;
    await wait(SETTLE_POLL_MS);
    await venue.sync();
  }
}

/**
 * Reconciles `venue` with the exchange. `runner` is the saved runner state (undefined on a first
 * start); `wait` sleeps between the syncs of step 2 (default: real time; the venue's exchange
 * clock must move meanwhile).
 * @throws ConfigError (exit 78) for an unexplained position (after its stop was placed); TransientError (75) when the exchange keeps failing.
 */
export async function reconcile(
  venue: CcxtVenue,
  base: string,
  runner: RunnerState | undefined,
  wait: (ms: number) => Promise<void> = realSleep,
): Promise<ReconcileReport> {
  const adopted = await venue.adoptOpenOrders(`cb-${base}-`);
  const levelsBefore = venue.protectionState().entryId;
  // Our legs known before this start's own protection step may place an emergency stop.
  const legsBefore = (await venue.openOrders()).filter((o) => o.reduceOnly).length;
  const explained = () =>
    (runner?.entryTs ?? null) !== null ||
    venue.protectionState().entryId !== null ||
    levelsBefore !== null ||
    legsBefore > 0;
  await venue.sync();
  await settleUnknownEntries(venue, explained, wait);
  const cancelledStale: string[] = [];
  const knownEntry = runner?.entry?.clientOrderId;
  for (const o of await venue.openOrders()) {
    if (o.reduceOnly || o.clientOrderId === knownEntry) continue;
    await venue.cancelOrder(o.clientOrderId);
    cancelledStale.push(o.clientOrderId);
  }
  const position = await venue.position();
  const openLegs = (await venue.openOrders()).filter((o) => o.reduceOnly).map((o) => o.clientOrderId);
  if (position !== null && !explained()) {
    throw new ConfigError(
      `${venue.symbol}: the exchange has a ${position.side} position of ${position.amount} that coinbot's saved state does not explain (state file lost, or someone else trades this symbol); an emergency stop was placed; close the position on Binance or restore the state file, then start again`,
    );
  }
  return { adopted, cancelledStale, position, openLegs };
}
