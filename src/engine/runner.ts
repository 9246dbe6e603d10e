/**
 * The runner: the only decision loop, shared by the simulator and live mode. For each closed
 * candle from {@link MarketData}: update the strategy's indicators, collect the venue's fills,
 * expire a resting entry whose candles are used up, ask the strategy, check and size its
 * intents ({@link sizeEntry}), and send orders to the {@link Venue}. Candles before `tradeFrom`
 * only feed the indicators (warm-up; in live mode, the replay after downtime): fills reported
 * during them reach the strategy with its first decision, and a resting entry still counts
 * them down, so a restart expires it on time without deciding on stale candles.
 *
 * Backstop: the runner remembers the bracket levels of its position and, when a candle after
 * the one that armed them trades through a level while the venue still reports the position
 * open (the exchange-side leg did not fire), exits at market (reduce-only). The simulator always
 * fills the legs first, so in a backtest the backstop never fires.
 *
 * Ports may answer synchronously (simulator) or with promises (ccxt); the loop awaits only
 * promises, so a backtest runs without a microtask per candle.
 */
import { invariant, ConfigError } from './errors.js';
import type { PrecomputedIndicators } from './indicators/precompute.js';
import { exitReasonOf } from './exit-reason.js';
import { legOf } from './ports/client-order-id.js';
import type { Clock } from './ports/clock.js';
import type { MarketData } from './ports/market-data.js';
import { isPromise, type Awaitable, type Fill, type Venue } from './ports/venue.js';
import type { ArmedBracket } from './risk.js';
import {
  STRATEGY_API_VERSION,
  type AnyStrategy,
  type BracketDistances,
  type ExecutionParams,
  type FillView,
  type Intent,
  type Side,
} from './strategy.js';
import {
  actOn,
  applyFills,
  backstopDue,
  countDownEntry,
  decide,
  dropLostMarketEntry,
  expireEntry,
  NO_FILL_VIEWS,
  placeBackstop,
  syncFlat,
} from './run-loop/candle-steps.js';
import { initialLoop, runnerState } from './run-loop/loop-state.js';
import { QuietCandles } from './run-loop/quiet-candles.js';
import type { Candle, MarketFacts } from './types.js';

/** The runner's own state besides the strategy's: JSON-serialisable (live mode persists it). */
export interface RunnerState {
  /** The strategy's state. */
  readonly strategy: unknown;
  /** Time of the fill that opened the current position (ms UTC), or null when flat. */
  readonly entryTs: number | null;
  /**
   * The pending entry order, if any: `price` is the limit (or, for a market order, the signal's
   * reference price); `candlesLeft` counts down for limits (null for market orders).
   */
  readonly entry: {
    clientOrderId: string;
    side: Side;
    price: number;
    amount: number;
    candlesLeft: number | null;
    /** Distances of the attached bracket (USDT), to arm the backstop when the entry fills. */
    bracket?: BracketDistances;
  } | null;
  /** Client id of a market exit sent but not yet seen filled, so that it is never sent twice. */
  readonly exit: string | null;
  /**
   * The position's bracket as the runner enforces it (prices in USDT; `from` = ms UTC of the
   * entry fill or bracket decision: only candles opening after it are checked). Absent or null
   * when there is none.
   */
  readonly bracket?: ArmedBracket | null;
  /**
   * The last limit entry cancelled at expiry (live: its fill may be reported after the cancel,
   * and must still arm the backstop). Absent in backtests, where a cancel is final at once.
   */
  readonly expiredEntry?: { readonly clientOrderId: string; readonly bracket?: BracketDistances } | null;
}

/** An entry the runner refused, with why. Times ms UTC, prices USDT, amounts base units. */
export interface RefusedSignal {
  /** Decision time (close of the signal candle). */
  readonly ts: number;
  readonly side: Side;
  readonly notionalUsdt: number;
  readonly refPrice: number;
  readonly amount: number;
  readonly reason: string;
}

/** Callbacks for journals and state persistence. They must not throw. */
export interface RunnerHooks {
  /** After each decision with intents (or every decision in live mode, to persist state). */
  onDecision?(now: number, intents: readonly Intent[], state: RunnerState): Awaitable<void>;
  onFill?(fill: Fill, view: FillView): void;
  onRefusal?(r: RefusedSignal): void;
}

/** Everything one run needs. */
export interface RunnerConfig {
  readonly strategy: AnyStrategy;
  readonly params: ExecutionParams;
  readonly facts: MarketFacts;
  readonly venue: Venue;
  readonly marketData: MarketData;
  readonly clock: Clock;
  /** Candle length (ms). */
  readonly timeframeMs: number;
  /** Decide only on candles opening at or after this time (ms UTC); earlier ones feed indicators. */
  readonly tradeFrom: number;
  /** Precomputed indicator values (sweeps); missing keys are computed incrementally. */
  readonly precomputed?: PrecomputedIndicators;
  /** Restored state (live restart); default: the strategy's initial state, flat. */
  readonly initialState?: RunnerState;
  /** Called for every decision, not only those with intents (live mode persists state). */
  readonly reportEveryDecision?: boolean;
  readonly hooks?: RunnerHooks;
  /**
   * Live safety gates (protective-exit cooldown, lockout, daily loss limit, an entry of unknown
   * outcome): a reason when no new entry may be sent at decision time `now` (ms UTC), else null.
   * The simulator passes none.
   */
  readonly entryGate?: (now: number) => string | null;
  /**
   * Ask the strategy on every candle, ignoring its `mayAct` hint (the property tests compare
   * both paths). The hint is ignored anyway when every decision is reported.
   */
  readonly stepByStep?: boolean;
  /**
   * Called once before the first candle with a reader of the runner's state (the JSON form live
   * mode persists), for the simulator's replay pauses: read between candles, it is the state
   * after every decision on the candles before (sim/run-join.ts compares two runs by it).
   */
  readonly exposeState?: (read: () => RunnerState) => void;
}

/** What a run did. */
export interface RunOutcome {
  /** Candles consumed, warm-up included. */
  readonly candles: number;
  /** Decisions taken (candles at or after `tradeFrom`). */
  readonly decisions: number;
  readonly refusals: readonly RefusedSignal[];
  readonly state: RunnerState;
}

/**
 * Refuses a strategy module built for another interface version.
 * @throws ConfigError naming both versions.
 */
export function checkApiVersion(strategy: AnyStrategy): void {
  if (strategy.apiVersion !== STRATEGY_API_VERSION) {
    throw new ConfigError(
      `strategy '${strategy.name}' was written for strategy API ${strategy.apiVersion}, this runner speaks ${STRATEGY_API_VERSION}: update the strategy module`,
    );
  }
}

/** How a fill looks to the strategy: a reduce-only fill is an exit; its reason comes from the client order id. */
export function fillView(f: Fill): FillView {
  const role = f.reduceOnly ? 'exit' : 'entry';
  const side: Side = (f.side === 'buy') === (role === 'entry') ? 'long' : 'short';
  const leg = legOf(f.clientOrderId);
  const reason = leg === undefined ? undefined : exitReasonOf(leg);
  // Two literals rather than a spread: the same keys in the same order, without the copy.
  if (role === 'exit' && reason !== undefined)
    return { ts: f.ts, role, side, price: f.price, amount: f.amount, reason };
  return { ts: f.ts, role, side, price: f.price, amount: f.amount };
}

/**
 * Runs the loop until the market data ends: per candle the steps of `run-loop/candle-steps.ts`
 * in order, quiet candles passed over by `run-loop/quiet-candles.ts` unless `stepByStep` or
 * `reportEveryDecision`. Awaits only what a port returns as a promise.
 * @throws ConfigError for a stale strategy module; Error for a broken invariant (a bug).
 */
export async function runStrategy(cfg: RunnerConfig): Promise<RunOutcome> {
  checkApiVersion(cfg.strategy);
  const { strategy, params, venue, marketData, clock } = cfg;
  const l = initialLoop(cfg);
  cfg.exposeState?.(() => runnerState(l));
  const fast = cfg.stepByStep !== true && cfg.reportEveryDecision !== true;
  const mayAct = fast ? strategy.mayAct?.bind(strategy) : undefined;
  const quiet = fast && marketData.skipQuiet !== undefined ? new QuietCandles(l, marketData.skipQuiet) : null;
  for (;;) {
    if (quiet !== null) {
      const p = venue.position();
      if (!isPromise(p)) quiet.run(p);
    }
    const next = marketData.next();
    const bar: Candle | null = isPromise(next) ? await next : next;
    if (bar === null) break;
    l.candles += 1;
    const now = bar.ts + cfg.timeframeMs;
    if (clock.now() < now)
      invariant(
        false,
        `candle ${bar.ts} reached the runner before its close: the runner never acts on a forming candle`,
      );
    l.feed.update(bar);
    const rawFills = venue.takeFills();
    let views = applyFills(l, isPromise(rawFills) ? await rawFills : rawFills);
    if (views === NO_FILL_VIEWS && l.entry !== null && l.entry.candlesLeft === null) await dropLostMarketEntry(l);
    if (countDownEntry(l, bar)) {
      const expired = expireEntry(l);
      if (isPromise(expired)) await expired;
    }
    if (bar.ts < cfg.tradeFrom) {
      if (views !== NO_FILL_VIEWS) (l.carried ??= []).push(...views);
      continue;
    }
    if (l.carried !== null) {
      views = [...l.carried, ...views];
      l.carried = null;
    }
    const rawPos = venue.position();
    const position = isPromise(rawPos) ? await rawPos : rawPos;
    if (position === null) syncFlat(l);
    else {
      const hit = backstopDue(l, bar, position);
      if (hit !== null) await placeBackstop(l, now, position, hit);
    }
    if (
      mayAct !== undefined &&
      position === null &&
      l.entry === null &&
      views.length === 0 &&
      !mayAct(bar, l.feed.ind, params)
    ) {
      // Flat, nothing resting, no fills, and the strategy's own test says it cannot act here:
      // its decision would be no intents and the same state, so it is not asked.
      l.decisions += 1;
      continue;
    }
    const intents = decide(l, bar, now, position, views);
    if (intents.length > 0 || (cfg.reportEveryDecision === true && cfg.hooks?.onDecision !== undefined)) {
      const acted = actOn(l, now, intents, position);
      if (isPromise(acted)) await acted;
    }
  }
  return { candles: l.candles, decisions: l.decisions, refusals: l.refusals, state: runnerState(l) };
}
