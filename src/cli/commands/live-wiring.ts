/**
 * The two wirings of `coinbot live` (imported lazily by live.ts: it pulls in ccxt). Paper: the
 * simulator's SimVenue settles each live candle (same fill rules, fees and slippage as
 * `coinbot backtest`), its account persisted as a snapshot. Real: CcxtVenue on Binance with the
 * account checks and start-up reconciliation. Both run engine/live/live-runner.ts.
 */
import { parseExchangeInfo } from '../../engine/data/market-facts-store.js';
import { ConfigError } from '../../engine/errors.js';
import { parseClientOrderId } from '../../engine/ports/client-order-id.js';
import type { ApiKeys } from '../../engine/exchange/api-keys.js';
import { checkOneWayMode, prepareAccount } from '../../engine/live/account-setup.js';
import { shortMessage } from '../../engine/exchange/ccxt-errors.js';
import { syncClock } from '../../engine/live/ccxt-market-data.js';
import { CcxtVenue, type CcxtVenueSnapshot } from '../../engine/live/ccxt-venue.js';
import { createExchange, resolveExchangeUrl } from '../../engine/exchange/exchange-factory.js';
import { exchangeGate } from '../../engine/exchange/exchange-gate.js';
import { GUARD_CHECKS } from '../../engine/exchange/guard-errors.js';
import { runStartupGuard } from '../../engine/exchange/guard.js';
import { Journal } from '../../engine/live/journal.js';
import type { LiveConfig } from '../../engine/live/live-config.js';
import { errorText, type LiveLog } from '../../engine/ops/live-logger.js';
import { runLive, untilSettled, type LiveRunInput, type LiveRunOutcome } from '../../engine/live/live-runner.js';
import { LiveStateStore, type LiveMode } from '../../engine/live/live-state.js';
import { StateKeeper } from '../../engine/live/state-keeper.js';
import { timeframeMs } from '../../engine/time.js';
import { alertSink, dailyLossFromJournal, drainSwitchFor } from './live-safety.js';
import { protectBeforeExit } from './protect-before-exit.js';
import { reconcile } from '../../engine/live/reconcile.js';
import type { RetryHooks, RetryPolicy } from '../../engine/exchange/retry.js';
import { withStartupRetry } from '../../engine/exchange/startup-retry.js';
import type { LiveClock } from '../../engine/exchange/wall-clock.js';
import type { Notifier } from '../../engine/ops/webhook-notifier.js';
import { BINANCE_USDM_FEES, simSettings } from '../../engine/sim/sim-settings.js';
import { SimVenue, type SimVenueSnapshot } from '../../engine/sim/sim-venue.js';
import type { AnyStrategy, ExecutionParams } from '../../engine/strategy.js';
import { baseOf } from '../../engine/symbols.js';
import type { MarketFacts } from '../../engine/types.js';

/** Everything `startLive` needs from the command line and the environment. */
export interface StartLiveInput {
  readonly mode: LiveMode;
  readonly strategy: AnyStrategy;
  readonly cfg: LiveConfig;
  readonly keys: ApiKeys | undefined;
  readonly clock: LiveClock;
  readonly log: LiveLog;
  readonly notifier: Notifier;
  readonly signal: AbortSignal;
  readonly dataDir: string;
  readonly exchangeUrl?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly rateLimitMs?: number | undefined;
  readonly retry: RetryPolicy;
  readonly startupBudgetMs: number;
  readonly timing: LiveRunInput['timing'];
  /** `--drain`: no new entries for the whole run (the flag file can also turn draining on). */
  readonly drain?: boolean | undefined;
  /** `--instance shadow`: its own state files (see live-instance.ts). */
  readonly instance?: string | undefined;
}

const KEEP_FINISHED_MS = 3 * 86_400_000;

/** Market facts of the guarded symbol from its loaded market's `exchangeInfo` entry. */
function factsFromMarkets(info: unknown, serverTime: number): MarketFacts {
  const [facts] = parseExchangeInfo({ serverTime, symbols: [info] }, 'exchangeInfo');
  if (facts === undefined)
    throw new ConfigError(
      'the exchange lists the symbol but not as a USDT-margined perpetual with complete filters; check the symbol',
    );
  return facts;
}

/**
 * Starts one live trader and runs it until the signal aborts.
 * @throws ConfigError (78), TransientError (75 once the start-up budget is spent), or a bug.
 */
// Over 80 lines on purpose: the start-up steps in the order they must run (exchange, guard, account
// checks, reconcile, the loop) under one start-up budget and one abort signal; each step is already a
// call, what stays here is their order.
export async function startLive(i: StartLiveInput): Promise<Pick<LiveRunOutcome, 'candles' | 'decisions'>> {
  const { cfg, log, clock } = i;
  const params = cfg.params as ExecutionParams;
  const hooks: RetryHooks = {
    onRetry: (r) =>
      log.event('warn', 'retry', `retry ${r.attempt} of ${r.what} in ${r.delayMs} ms: ${shortMessage(r.error, 160)}`, {
        attempt: r.attempt,
        delayMs: r.delayMs,
        error: errorText(r.error),
      }),
    sleep: (ms) => clock.sleep(ms, i.signal),
  };
  const ex = await createExchange({
    exchangeUrl: resolveExchangeUrl(i.exchangeUrl),
    keys: i.keys,
    timeoutMs: i.timeoutMs,
    rateLimitMs: i.rateLimitMs,
    // Every request of this process waits out a ban (418/429 Retry-After); SIGTERM ends the wait.
    gate: {
      signal: i.signal,
      now: () => clock.local(),
      sleep: (ms, s) => clock.sleep(ms, s),
      onBan: (b) =>
        log.event(
          'warn',
          'stale',
          `banned (${b.status}) for ${Math.round(b.retryAfterMs / 1000)} s on ${b.path}: waiting it out`,
          {
            lastCandleTs: null,
          },
        ),
    },
  });
  const store = new LiveStateStore(i.dataDir, cfg.symbol, i.mode, i.instance);
  const restored = store.load();
  const journal = new Journal(store.journalPath, () => clock.now());
  const tf = timeframeMs(params.TIMEFRAME);
  const keeper = new StateKeeper(
    store,
    { symbol: cfg.symbol, mode: i.mode, strategy: i.strategy.name },
    restored,
    () => ({ strategy: i.strategy.initialState(params), entryTs: null, entry: null, exit: null }),
    () => clock.now(),
  );
  const base = { symbol: cfg.symbol, mode: i.mode, log, journal, notifier: i.notifier };
  const alert = alertSink(base);
  const dailyLoss = dailyLossFromJournal(cfg.settings.MAX_DAILY_LOSS_USDT, store.journalPath, tf, alert);
  const drain = drainSwitchFor({ ...base, path: store.drainPath, fromFlag: i.drain === true });
  // The venue's retries are not cut short by SIGTERM (that would fire them back to back): the
  // step in progress finishes within the unit's TimeoutStopSec, then the position is protected.
  const venueHooks: RetryHooks = { ...hooks, sleep: (ms) => clock.sleep(ms) };
  const reportOrder = (
    what: string,
    o: { clientOrderId: string; side: string; type: string; amount: number; status: string },
  ) => {
    journal.append('order', { what, ...o });
    log.event('info', 'order', `${what} ${o.clientOrderId}: ${o.side} ${o.type} ${o.amount} (${o.status})`, {
      what,
      clientOrderId: o.clientOrderId,
      side: o.side,
      type: o.type,
      amount: o.amount,
      status: o.status,
    });
  };
  let venue: CcxtVenue | undefined;

  const started = await withStartupRetry(
    async () => {
      await runStartupGuard(ex, [cfg.symbol], { retry: i.retry, hooks });
      for (const check of GUARD_CHECKS) log.event('info', 'guard', `guard ${check} ok`, { check, ok: true });
      await syncClock(ex, clock, i.retry, hooks);
      const facts = factsFromMarkets(ex.market(cfg.symbol).info, clock.now());
      if (i.mode === 'paper') return { facts };
      await checkOneWayMode(ex, { policy: i.retry, hooks });
      venue ??= CcxtVenue.restore(ex, facts, restored?.venue as CcxtVenueSnapshot | undefined, store.readOutbox(), {
        retry: i.retry,
        hooks: venueHooks,
        outbox: (req) => store.appendOutbox(req),
        onOrder: reportOrder,
        persist: () => {
          const now = clock.now();
          if (venue !== undefined) keeper.saveVenue(venue.snapshot(now, 'durable'), Math.floor(now / tf) * tf - tf);
        },
        alert,
        now: () => clock.now(),
        cooldownMs: Number((params as unknown as Record<string, unknown>).ENTRY_COOLDOWN_S ?? 0) * 1000,
        unlockFile: store.unlockPath,
      });
      // Its waits for an entry of unknown outcome are not cut short by SIGTERM (the syncs would
      // then run back to back); they end within seconds (unknown-outcome.ts).
      const r = await reconcile(venue, baseOf(cfg.symbol), restored?.runner, (ms) => clock.sleep(ms));
      log.event(
        'info',
        'guard',
        `reconciled: position ${r.position === null ? 'flat' : `${r.position.side} ${r.position.amount}`}, ${r.openLegs.length} bracket leg(s) open, ${r.adopted.length} adopted, ${r.cancelledStale.length} stale entry order(s) cancelled`,
        {
          check: 'reconcile',
          ok: true,
          adopted: r.adopted,
          cancelledStale: r.cancelledStale,
          openLegs: r.openLegs,
        },
      );
      // After reconciling: a setting Binance refuses (exit 78) then leaves any position protected.
      const account = await prepareAccount(ex, facts, cfg.settings, params.ORDER_NOTIONAL_USDT, {
        policy: i.retry,
        hooks,
      });
      log.event(
        'info',
        'guard',
        `account: one-way mode, ${account.marginType}, leverage ${account.leverage}, ${account.availableUsdt.toFixed(2)} USDT available`,
        { check: 'account', ok: true, ...account },
      );
      return { facts };
    },
    {
      budgetMs: i.startupBudgetMs,
      clock,
      signal: i.signal,
      bannedUntilMs: () => exchangeGate(ex)?.bannedUntilMs(),
      // A ban longer than the start-up budget is slept through here, never answered by exit 75.
      onBan: (b) =>
        alert('stale', `start-up waits out an exchange ban of ${Math.round(b.waitMs / 1000)} s (stale until then)`),
      onRetry: (attempt, delayMs, e) =>
        log.event('warn', 'retry', `start-up attempt ${attempt} failed, next in ${delayMs} ms: ${errorText(e)}`, {
          attempt,
          delayMs,
          error: errorText(e),
        }),
    },
  );
  if (started === null) return { candles: 0, decisions: 0 };
  const { facts } = started;

  const common = {
    mode: i.mode,
    strategy: i.strategy,
    params,
    facts,
    rest: ex,
    clock,
    keeper,
    journal,
    dailyLoss,
    log,
    notifier: i.notifier,
    restored,
    signal: i.signal,
    ...(i.timing === undefined ? {} : { timing: i.timing }),
    retry: i.retry,
    hooks,
  };
  let out: LiveRunOutcome;
  if (venue === undefined) {
    const settings = simSettings(BINANCE_USDM_FEES, params.SLIPPAGE_BPS);
    const sim =
      restored === null
        ? new SimVenue(facts, settings)
        : SimVenue.restore(facts, settings, restored.venue as SimVenueSnapshot);
    out = await runLive({
      ...common,
      venue: sim,
      settleCandle: (c) => (drain.state(), sim.processCandle(c)),
      entryGate: (now) => drain.gate() ?? dailyLoss.gate(now),
      venueSnapshot: (now) => sim.snapshot((id) => (parseClientOrderId(id)?.decisionTs ?? 0) >= now - KEEP_FINISHED_MS),
    });
  } else {
    const real = venue;
    out = await runLive({
      ...common,
      venue: real,
      venueReportsOrders: true,
      venueSnapshot: (now) => real.snapshot(now),
      // The candle is decided only once the exchange's side of it is known: an outage is waited out.
      settleCandle: (c) =>
        untilSettled(() => (drain.state(), real.sync(c.ts + tf)), {
          clock,
          signal: i.signal,
          backoffMs: i.timing?.maxBackoffMs ?? 30_000,
          onRetry: (attempt, e) => {
            // The protection rules cannot run while the exchange cannot be read.
            if (real.hasPosition() && attempt % 2 === 1)
              alert('unprotected', `UNPROTECTED?: cannot reach the exchange to check the stop (${errorText(e)})`);
            log.event('warn', 'retry', `venue sync failed ${attempt} time(s), waiting: ${errorText(e)}`, {
              attempt,
              delayMs: i.timing?.maxBackoffMs ?? 30_000,
              error: errorText(e),
            });
          },
        }),
      entryGate: (now) => drain.gate() ?? dailyLoss.gate(now) ?? real.entryBlock(now),
      beforeExit: () => protectBeforeExit(real, log, clock, alert),
      idle: async () => {
        if (!real.wantsFrequentSync()) return;
        await real.sync().catch((e: unknown) =>
          log.event('warn', 'retry', `extra sync failed (next candle retries): ${errorText(e)}`, {
            attempt: 0,
            delayMs: 0,
            error: errorText(e),
          }),
        );
      },
    });
  }
  journal.append('stop', { candles: out.candles, decisions: out.decisions });
  return out;
}
