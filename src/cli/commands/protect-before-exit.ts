/**
 * Real mode's last step after SIGTERM (see {@link protectBeforeExit}), used by live-wiring.ts.
 */
import type { CcxtVenue } from '../../engine/live/ccxt-venue.js';
import { errorText, type LiveLog } from '../../engine/ops/live-logger.js';
import type { LiveClock } from '../../engine/exchange/wall-clock.js';
import type { AlertSink } from './live-safety.js';

/**
 * After SIGTERM: one more sync (which runs the protection rules) and the resting entries
 * cancelled (they must not fill while nobody watches), all within 20 s of the unit's 30 s
 * TimeoutStopSec; an `unprotected` alert when the stop could not be confirmed.
 */
export async function protectBeforeExit(
  venue: CcxtVenue,
  log: LiveLog,
  clock: LiveClock,
  alert: AlertSink,
): Promise<void> {
  const deadline = new Promise<'late'>((resolve) => void clock.sleep(20_000).then(() => resolve('late')));
  const work = async () => {
    await venue.sync();
    for (const o of await venue.openOrders()) if (!o.reduceOnly) await venue.cancelOrder(o.clientOrderId);
    return venue.protectionState().unprotectedSince === null ? ('ok' as const) : ('unprotected' as const);
  };
  const done = work().catch((e: unknown) => {
    log.event('warn', 'retry', `protecting before exit failed: ${errorText(e)}`, {
      attempt: 0,
      delayMs: 0,
      error: errorText(e),
    });
    return 'failed' as const;
  });
  const r = await Promise.race([done, deadline]);
  if (r !== 'ok' && venue.hasPosition()) alert('unprotected', `exiting with the position's stop not confirmed (${r})`);
}
