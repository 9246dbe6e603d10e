/**
 * The safety pieces of `coinbot live` that both wirings share or that real mode adds: safety
 * alerts (log at warn, journal line, webhook), the daily loss limit rebuilt from the journal,
 * the drain switch, and the entry gate combining them with the venue's own blocks.
 */
import { DailyLossLimit } from '../../engine/live/daily-loss.js';
import { DrainSwitch } from '../../engine/live/drain-switch.js';
import { readJournal, type Journal } from '../../engine/live/journal.js';
import type { LiveLog } from '../../engine/ops/live-logger.js';
import type { AlertKind } from '../../engine/live/protection.js';
import type { Notifier } from '../../engine/ops/webhook-notifier.js';
import type { Fill } from '../../engine/ports/venue.js';
import type { PerpSymbol } from '../../engine/symbols.js';

/** A safety alert sink: `(kind, text)`. */
export type AlertSink = (kind: AlertKind | 'loss_limit' | 'stale', text: string) => void;

/** Alerts to the log (warn), the journal and the webhook (redacted by the notifier). */
export function alertSink(o: {
  symbol: PerpSymbol;
  mode: string;
  log: LiveLog;
  journal: Journal;
  notifier: Notifier;
}): AlertSink {
  return (kind, text) => {
    o.log.event('warn', 'alert', `${kind}: ${text}`, { kind });
    o.journal.append('alert', { kind, text });
    void o.notifier.notify(`coinbot ${o.symbol} ${o.mode}: ${text}`).then((failure) => {
      if (failure !== null) o.log.event('warn', 'alert', `webhook: ${failure}`, { error: failure });
    });
  };
}

/** The daily loss limit, with the fills of the journal replayed (a restart keeps today's losses). */
export function dailyLossFromJournal(
  limitUsdt: number,
  journalPath: string,
  tfMs: number,
  alert: AlertSink,
): DailyLossLimit {
  const limit = new DailyLossLimit(limitUsdt, (text) => alert('loss_limit', text));
  if (limitUsdt <= 0) return limit;
  for (const e of readJournal(journalPath)) {
    if (e.t === 'fill') limit.onFill(e as unknown as Fill);
    if (e.t === 'candle') limit.onClose((e.ts as number) + tfMs, e.c as number);
  }
  return limit;
}

/** The unit's drain switch, logging (info), journaling and notifying each change. */
export function drainSwitchFor(o: {
  path: string;
  fromFlag: boolean;
  symbol: PerpSymbol;
  mode: string;
  log: LiveLog;
  journal: Journal;
  notifier: Notifier;
}): DrainSwitch {
  return new DrainSwitch(o.path, o.fromFlag, (s) => {
    const text = s.on
      ? `draining (${s.source === 'flag' ? '--drain' : o.path}): no new entries; the open position and its bracket are still managed`
      : 'drain off: entries resume';
    o.log.event('info', 'drain', text, { on: s.on, source: s.source });
    o.journal.append('drain', { on: s.on, source: s.source });
    void o.notifier.notify(`coinbot ${o.symbol} ${o.mode}: ${text}`);
  });
}
