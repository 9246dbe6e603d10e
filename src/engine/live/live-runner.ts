/**
 * Live mode's loop: the shared runner over {@link CcxtMarketData} and a venue (the simulator's
 * venue on live candles in paper mode, {@link CcxtVenue} in real mode, both injected: engine/live
 * never imports engine/sim), with crash-only persistence, the journal, the log and alerts.
 *
 * Timeline of one start at exchange time `now`:
 * - `tradeFrom` = open of the candle forming at `now`: the first candle decided on;
 * - candles from `tradeFrom − warm-up` (or, after downtime in paper mode, from the first candle
 *   the paper venue has not seen) up to `tradeFrom` are replayed: they feed the indicators (and
 *   the paper venue), never a decision, so no order is ever sent on a stale signal;
 * - after every decision the runner state and the venue's book are saved atomically, then the
 *   outbox is emptied; a SIGTERM (the `signal`) ends the wait for the next candle: the step in
 *   progress finishes and is saved, the loop returns.
 */
import { TransientError } from '../errors.js';
import { sourceHash } from '../fingerprint/source-hash.js';
import type { Fill, Order, OrderRequest, Venue } from '../ports/venue.js';
import { runStrategy, type RunnerState } from '../runner.js';
import type { AnyStrategy, ExecutionParams, FillView } from '../strategy.js';
import { floorToStep, formatInstant, timeframeMs } from '../time.js';
import type { Candle, MarketFacts } from '../types.js';
import { CcxtMarketData, type KlineRest } from './ccxt-market-data.js';
import type { Journal } from './journal.js';
import type { LiveLog } from '../ops/live-logger.js';
import type { DailyLossLimit } from './daily-loss.js';
import type { LiveMode, LiveStateDoc } from './live-state.js';
import type { StateKeeper } from './state-keeper.js';
import type { RetryHooks, RetryPolicy } from '../exchange/retry.js';
import type { LiveClock } from '../exchange/wall-clock.js';
import type { Notifier } from '../ops/webhook-notifier.js';

/** Everything one live run needs. */
export interface LiveRunInput {
  readonly mode: LiveMode;
  readonly strategy: AnyStrategy;
  readonly params: ExecutionParams;
  readonly facts: MarketFacts;
  readonly venue: Venue;
  /** Runs before the runner sees a candle (paper: the simulated venue settles it; real: venue sync). */
  readonly settleCandle: (c: Candle) => Promise<void> | void;
  /** The venue's persistable state at a decision (ms UTC time of the decision). */
  readonly venueSnapshot: (now: number) => unknown;
  /** The venue logs its own order traffic (real mode: CcxtVenue's onOrder, which also sees the legs it places itself). */
  readonly venueReportsOrders?: boolean;
  /** Extra venue syncs while the venue asks for them (real mode), between candles. */
  readonly idle?: () => Promise<void>;
  readonly rest: KlineRest;
  readonly clock: LiveClock;
  /** Saves the state after each decision (and, through the venue, when it learns a fill). */
  readonly keeper: StateKeeper;
  /** Live safety gates: a reason when no new entry may be sent at `now` (ms), else null. */
  readonly entryGate?: (now: number) => string | null;
  /** The daily loss limit's accounting (fed with every fill and candle close). */
  readonly dailyLoss?: DailyLossLimit;
  /** Runs once after a stop was requested, before the process exits (real mode: protect the position). */
  readonly beforeExit?: () => Promise<void>;
  readonly journal: Journal;
  readonly log: LiveLog;
  readonly notifier: Notifier;
  readonly restored: LiveStateDoc | null;
  readonly signal: AbortSignal;
  readonly timing?: {
    readonly pollSliceMs?: number;
    readonly settleMs?: number;
    readonly staleAfterMs?: number;
    readonly maxBackoffMs?: number;
  };
  readonly retry?: RetryPolicy;
  readonly hooks?: RetryHooks;
}

/** What a live run did before it stopped. */
export interface LiveRunOutcome {
  readonly candles: number;
  readonly decisions: number;
  readonly tradeFrom: number;
  readonly state: RunnerState;
}

/** Thrown by a settle step that gave up because a stop was requested: the run ends cleanly, unsaved. */
export class StopRequested extends Error {
  constructor() {
    super('stop requested while waiting for the exchange');
    this.name = 'StopRequested';
  }
}

/**
 * Runs `fn` until it succeeds, waiting `backoffMs` after each TransientError (which `onRetry`
 * reports): the runner cannot decide on a candle before the venue has settled it, and an
 * exchange outage must not end the process. Other errors pass through.
 * @throws StopRequested when `signal` aborts while waiting.
 */
export async function untilSettled(
  fn: () => Promise<void>,
  o: { clock: LiveClock; signal: AbortSignal; backoffMs: number; onRetry: (attempt: number, e: unknown) => void },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof TransientError)) throw e;
      o.onRetry(attempt, e);
      await o.clock.sleep(o.backoffMs, o.signal);
      if (o.signal.aborted) throw new StopRequested();
    }
  }
}

/** A venue whose order traffic is logged and journaled. */
function loggedVenue(v: Venue, report: (what: 'sent' | 'rejected' | 'cancelled', o: Order) => void): Venue {
  return {
    symbol: v.symbol,
    placeOrder: async (req: OrderRequest) => {
      const o = await v.placeOrder(req);
      report(o.status === 'rejected' ? 'rejected' : 'sent', o);
      return o;
    },
    cancelOrder: async (id: string) => {
      const o = await v.cancelOrder(id);
      if (o !== null) report('cancelled', o);
      return o;
    },
    getOrder: (id) => v.getOrder(id),
    openOrders: () => v.openOrders(),
    position: () => v.position(),
    takeFills: () => v.takeFills(),
  };
}

/**
 * Runs live until `signal` aborts.
 * @throws what the runner, the venue or the feed throw (ConfigError 78, TransientError 75, bugs).
 */
// Over 80 lines on purpose: the live loop's wiring in start-up order (the timeline in the module
// comment); the runner's hooks close over the same state store, journal, log and notifier.
export async function runLive(d: LiveRunInput): Promise<LiveRunOutcome> {
  const tf = timeframeMs(d.params.TIMEFRAME);
  const tradeFrom = floorToStep(d.clock.now(), tf);
  const warmFrom = tradeFrom - d.strategy.warmupCandles(d.params) * tf;
  // Paper: the simulated exchange must also live through the downtime, candle by candle.
  // Real: the exchange did; the start-up sync already collected what happened.
  const venueFrom = d.mode === 'paper' && d.restored !== null ? d.restored.lastCandleTs + tf : tradeFrom;
  const from = Math.min(warmFrom, venueFrom);
  const { log, journal, notifier } = d;
  const notify = (text: string) =>
    void notifier.notify(`coinbot ${d.facts.symbol} ${d.mode}: ${text}`).then((failure) => {
      if (failure !== null) log.event('warn', 'alert', `webhook: ${failure}`, { error: failure });
    });
  // The journal's header: enough to replay it through the simulator without guessing.
  journal.append('start', {
    mode: d.mode,
    symbol: d.facts.symbol,
    tradeFrom,
    restored: d.restored?.lastCandleTs ?? null,
    strategy: d.strategy.name,
    apiVersion: d.strategy.apiVersion,
    params: d.params,
    code: sourceHash(`strategies/${d.strategy.name}`),
    facts: d.facts,
  });
  // One `start` line per process (coinbot health counts them as restarts): this is the last start-up step.
  log.event(
    'info',
    'guard',
    `trading from the candle opening at ${formatInstant(tradeFrom)}; replaying from ${formatInstant(from)}`,
    {
      check: 'timeline',
      ok: true,
      tradeFrom,
      replayFrom: from,
      restoredCandleTs: d.restored?.lastCandleTs ?? null,
    },
  );

  const feed = new CcxtMarketData(d.rest, {
    symbol: d.facts.symbol,
    marketId: d.facts.id,
    timeframe: d.params.TIMEFRAME,
    clock: d.clock,
    from,
    venueFrom,
    listeners: [d.settleCandle],
    onCandle: (c) => {
      candles += 1;
      d.dailyLoss?.onClose(c.ts + tf, c.close);
      const phase = c.ts < tradeFrom ? 'replay' : 'live';
      journal.candle(c, phase);
      log.event(phase === 'live' ? 'info' : 'debug', 'candle', `candle ${formatInstant(c.ts)} closed at ${c.close}`, {
        candleTs: c.ts,
        close: c.close,
        phase,
      });
    },
    onStale: (last, overdueMs) => {
      log.event('warn', 'stale', `no closed candle for ${Math.round(overdueMs / 1000)} s after it was due`, {
        lastCandleTs: last,
      });
      notify(
        `stale: no new closed candle ${Math.round(overdueMs / 1000)} s after it was due (last ${last === null ? 'none' : formatInstant(last)})`,
      );
    },
    ...(d.idle === undefined ? {} : { idle: d.idle }),
    signal: d.signal,
    ...d.timing,
    ...(d.retry === undefined ? {} : { retry: d.retry }),
    ...(d.hooks === undefined ? {} : { hooks: d.hooks }),
  });

  const venue =
    d.venueReportsOrders === true
      ? d.venue
      : loggedVenue(d.venue, (what, o) => {
          journal.append('order', { what, ...o });
          log.event(
            what === 'rejected' ? 'warn' : 'info',
            'order',
            `${what} ${o.clientOrderId}: ${o.side} ${o.type} ${o.amount}${o.price === undefined ? '' : ` @ ${o.price}`}${o.triggerPrice === undefined ? '' : ` trigger ${o.triggerPrice}`}`,
            {
              clientOrderId: o.clientOrderId,
              side: o.side,
              type: o.type,
              amount: o.amount,
              status: o.status,
              what,
              ...(o.price === undefined ? {} : { price: o.price }),
              ...(o.triggerPrice === undefined ? {} : { triggerPrice: o.triggerPrice }),
              ...(o.reason === undefined ? {} : { reason: o.reason }),
            },
          );
        });

  let stopped = false;
  let candles = 0;
  let decisions = 0;
  let saved: RunnerState = d.restored?.runner ?? {
    strategy: d.strategy.initialState(d.params),
    entryTs: null,
    entry: null,
    exit: null,
  };
  const outcome = await runStrategy({
    strategy: d.strategy,
    params: d.params,
    facts: d.facts,
    venue,
    marketData: feed,
    clock: d.clock,
    timeframeMs: tf,
    tradeFrom,
    ...(d.restored === null ? {} : { initialState: d.restored.runner }),
    reportEveryDecision: true,
    ...(d.entryGate === undefined ? {} : { entryGate: d.entryGate }),
    hooks: {
      onDecision: (now, intents, state) => {
        const candleTs = now - tf;
        decisions += 1;
        saved = state;
        d.keeper.saveDecision(state, d.venueSnapshot(now), candleTs);
        journal.append('decision', { candleTs, intents });
        log.event('info', 'decision', intents.length === 0 ? 'no action' : intents.map((i) => i.kind).join(', '), {
          candleTs,
          intents: intents.length,
          kinds: intents.map((i) => i.kind),
        });
      },
      onFill: (f: Fill, v: FillView) => {
        const first = journal.appendOnce('fill', `${f.clientOrderId}@${f.ts}#${f.amount}@${f.price}`, {
          ...f,
          role: v.role,
          ...(v.reason === undefined ? {} : { reason: v.reason }),
        });
        // A fill delivered again after a crash is already in the journal and in the loss limit.
        if (first) d.dailyLoss?.onFill(f);
        log.event(
          'info',
          'fill',
          `${v.role} ${v.side} ${f.amount} @ ${f.price}${v.reason === undefined ? '' : ` (${v.reason})`}`,
          {
            clientOrderId: f.clientOrderId,
            price: f.price,
            amount: f.amount,
            role: v.role,
            fee: f.fee,
            ...(v.reason === undefined ? {} : { reason: v.reason }),
          },
        );
        notify(
          v.role === 'entry'
            ? `entered ${v.side} ${f.amount} @ ${f.price}`
            : `exited ${v.side} ${f.amount} @ ${f.price} (${v.reason ?? 'unknown'})`,
        );
      },
      onRefusal: (r) =>
        log.event('warn', 'decision', `signal refused: ${r.reason}`, { candleTs: r.ts - tf, refused: r.reason }),
    },
  }).catch((e: unknown) => {
    // A transient failure while a stop was requested (a retry or ban wait cut short by SIGTERM)
    // is part of stopping, not a reason to exit 75: the step is decided after the restart.
    const stopping = e instanceof StopRequested || (d.signal.aborted && e instanceof TransientError);
    if (!stopping) throw e;
    stopped = true;
    return null;
  });
  if (d.beforeExit !== undefined) await d.beforeExit();
  if (outcome === null || stopped)
    journal.append('stop', {
      pendingCandle: feed.lastCandleTs,
      note: 'stopped while the exchange could not settle this candle; it is decided after the restart',
    });
  return { candles, decisions, tradeFrom, state: outcome?.state ?? saved };
}
