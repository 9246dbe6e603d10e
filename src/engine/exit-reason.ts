/**
 * Why a position closed, read from the leg of the closing order's client id: one mapping for
 * the runner's fill views and the trade list. Pure.
 */
import type { OrderLeg } from './ports/client-order-id.js';
import type { ExitReason } from './strategy.js';

/**
 * The exit reason of an exit leg, undefined for an entry. `protective_exit` (the live venue's
 * market exit when a stop cannot be held) counts as a stop loss. A switch rather than a record
 * read by name: many names at one site make a megamorphic keyed load on every fill.
 */
export function exitReasonOf(leg: OrderLeg): ExitReason | undefined {
  switch (leg) {
    case 'stop':
    case 'backstop_stop':
    case 'protective_exit':
      return 'stop_loss';
    case 'take_profit':
    case 'backstop_take_profit':
      return 'take_profit';
    case 'exit_max_hold':
      return 'max_hold';
    case 'exit_signal':
      return 'signal';
    case 'exit_window_end':
      return 'window_end';
    case 'entry':
      return undefined;
  }
}
