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
import { ceilTo, floorTo } from './increments.js';
import { replayStream, type PrecomputedIndicators } from './indicators/precompute.js';
import type { IndicatorStream } from './indicators/stream.js';
import { clientOrderId, legOf, parseClientOrderId, type OrderLeg } from './ports/client-order-id.js';
import type { Clock } from './ports/clock.js';
import type { MarketData } from './ports/market-data.js';
import { isPromise, type Awaitable, type Fill, type OrderRequest, type Position, type Venue } from './ports/venue.js';
import {
  attachedBracketLevels,
  backstopHit,
  checkOnePosition,
  roundBracketLevel,
  sizeEntry,
  type ArmedBracket,
} from './risk.js';
import {
  STRATEGY_API_VERSION,
  type AnyStrategy,
  type BracketDistances,
  type ExecutionParams,
  type ExitReason,
  type FillView,
  type Intent,
  type PositionView,
  type RestingEntryView,
  type Side,
} from './strategy.js';
import { baseOf } from './symbols.js';
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

const EXIT_REASON: Partial<Record<OrderLeg, ExitReason>> = {
  stop: 'stop_loss',
  take_profit: 'take_profit',
  exit_max_hold: 'max_hold',
  exit_signal: 'signal',
  exit_window_end: 'window_end',
  backstop_stop: 'stop_loss',
  backstop_take_profit: 'take_profit',
  protective_exit: 'stop_loss',
};

const NO_FILL_VIEWS: readonly FillView[] = Object.freeze([]);

/** Writes the latest indicator values into the object the strategy reads as `ctx.ind`. */
type IndicatorWriter = (ind: Record<string, number>, values: Float64Array) => void;

const writers = new Map<string, IndicatorWriter>();

/**
 * A writer `ind.<name_i> = values[i]` compiled once per list of indicator names. Plain property
 * stores keep `ctx.ind` a fast, same-shaped object across runs; a keyed store per indicator per
 * candle (`ind[name] = v`) measured slower than all the rest of the loop. Names must be
 * identifiers (checked), so the generated code is nothing but those assignments.
 */
function indicatorWriter(names: readonly string[]): IndicatorWriter {
  const key = names.join(',');
  let w = writers.get(key);
  if (w === undefined) {
    for (const n of names)
      invariant(/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(n), `indicator name '${n}' is not an identifier`);
    w = new Function('ind', 'values', names.map((n, i) => `ind.${n} = values[${i}];`).join('\n')) as IndicatorWriter;
    writers.set(key, w);
  }
  return w;
}

async function resolve<T>(v: Awaitable<T>): Promise<T> {
  return isPromise(v) ? await v : v;
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
  const reason = leg === undefined ? undefined : EXIT_REASON[leg];
  const base = { ts: f.ts, role, side, price: f.price, amount: f.amount } as const;
  return role === 'exit' && reason !== undefined ? { ...base, reason } : base;
}

/**
 * Runs the loop until the market data ends.
 * @throws ConfigError for a stale strategy module; Error for a broken invariant (a bug).
 */
// Over 80 lines, not split here: this is the main loop that backtest, paper and real mode share, and
// restructuring it into named steps is another engineer's change; splitting it now would fight that work.
export async function runStrategy(cfg: RunnerConfig): Promise<RunOutcome> {
  checkApiVersion(cfg.strategy);
  const { strategy, params, facts, venue, marketData, clock, hooks } = cfg;
  const base = baseOf(facts.symbol);
  const specs = strategy.indicators(params);
  const names = Object.keys(specs);
  const streams: IndicatorStream[] = names.map((n) => {
    const spec = specs[n] as (typeof specs)[string];
    return cfg.precomputed?.values.has(spec.key) ? replayStream(cfg.precomputed, spec.key) : spec.create();
  });
  const values = new Float64Array(names.length).fill(Number.NaN);
  const ind: Record<string, number> = Object.fromEntries(names.map((n) => [n, Number.NaN]));
  const writeIndicators = indicatorWriter(names);
  const mayAct =
    cfg.stepByStep === true || cfg.reportEveryDecision === true ? undefined : strategy.mayAct?.bind(strategy);

  let strategyState: unknown = cfg.initialState?.strategy ?? strategy.initialState(params);
  let entryTs = cfg.initialState?.entryTs ?? null;
  let entry = cfg.initialState?.entry ?? null;
  let pendingExit = cfg.initialState?.exit ?? null;
  let bracket: ArmedBracket | null = cfg.initialState?.bracket ?? null;
  let expiredEntry: NonNullable<RunnerState['expiredEntry']> | null = cfg.initialState?.expiredEntry ?? null;
  /** Fills seen on candles before `tradeFrom`, handed to the first decision. */
  let carried: FillView[] | null = null;
  const refusals: RefusedSignal[] = [];
  let candles = 0;
  let decisions = 0;
  const state = (): RunnerState => ({
    strategy: strategyState,
    entryTs,
    entry,
    exit: pendingExit,
    bracket,
    ...(expiredEntry === null ? {} : { expiredEntry }),
  });

  const refuse = (ts: number, side: Side, notionalUsdt: number, refPrice: number, amount: number, reason: string) => {
    const r: RefusedSignal = { ts, side, notionalUsdt, refPrice, amount, reason };
    refusals.push(r);
    hooks?.onRefusal?.(r);
  };

  // Over 80 lines: one switch over the intent kinds, each case the orders of that intent, closing over
  // the loop's state; left for the main-loop rework with runStrategy.
  const act = async (now: number, intent: Intent, position: Position | null): Promise<void> => {
    switch (intent.kind) {
      case 'enter': {
        const { side, notionalUsdt, refPrice, order } = intent;
        const busy = checkOnePosition(position !== null, entry !== null);
        if (busy !== null) return refuse(now, side, notionalUsdt, refPrice, 0, busy);
        const gated = cfg.entryGate?.(now) ?? null;
        if (gated !== null) return refuse(now, side, notionalUsdt, refPrice, 0, gated);
        const size = sizeEntry(notionalUsdt, refPrice, facts);
        if (!size.ok) return refuse(now, side, notionalUsdt, refPrice, size.amount, size.reason);
        const id = clientOrderId(base, now, 'entry');
        const orderSide = side === 'long' ? 'buy' : 'sell';
        const bracket =
          intent.bracket === undefined
            ? undefined
            : {
                stopDistance: intent.bracket.stopDistance,
                takeProfitDistance: intent.bracket.takeProfitDistance,
                stopClientOrderId: clientOrderId(base, now, 'stop'),
                takeProfitClientOrderId: clientOrderId(base, now, 'take_profit'),
              };
        let req: OrderRequest;
        let price = refPrice;
        if (order.type === 'limit') {
          invariant(order.expiryCandles >= 1, 'a limit entry rests for at least one candle');
          // Never pay more (buy) or sell for less than asked: round into the trader's favour.
          price = side === 'long' ? floorTo(order.price, facts.tickSize) : ceilTo(order.price, facts.tickSize);
          req = {
            clientOrderId: id,
            side: orderSide,
            type: 'limit',
            amount: size.amount,
            price,
            reduceOnly: false,
            ...(bracket ? { bracket } : {}),
          };
        } else {
          req = {
            clientOrderId: id,
            side: orderSide,
            type: 'market',
            amount: size.amount,
            reduceOnly: false,
            ...(bracket ? { bracket } : {}),
          };
        }
        const placed = await resolve(venue.placeOrder(req));
        if (placed.status === 'rejected')
          return refuse(
            now,
            side,
            notionalUsdt,
            refPrice,
            size.amount,
            `venue rejected the order: ${placed.reason ?? 'no reason given'}`,
          );
        entry = {
          clientOrderId: id,
          side,
          price,
          amount: size.amount,
          candlesLeft: order.type === 'limit' ? order.expiryCandles : null,
          ...(intent.bracket === undefined ? {} : { bracket: intent.bracket }),
        };
        return;
      }
      case 'cancel-entry': {
        if (entry !== null) await resolve(venue.cancelOrder(entry.clientOrderId));
        entry = null;
        return;
      }
      case 'exit': {
        if (position === null) return;
        if (pendingExit !== null) {
          // Live venues may take longer than a candle: never send a second exit for one position.
          const o = await resolve(venue.getOrder(pendingExit));
          if (o !== null && o.status === 'open') return;
        }
        const leg: OrderLeg = intent.reason === 'max_hold' ? 'exit_max_hold' : 'exit_signal';
        const id = clientOrderId(base, now, leg);
        const placed = await resolve(
          venue.placeOrder({
            clientOrderId: id,
            side: position.side === 'long' ? 'sell' : 'buy',
            type: 'market',
            amount: position.amount,
            reduceOnly: true,
          }),
        );
        pendingExit = placed.status === 'open' ? id : null;
        return;
      }
      case 'bracket': {
        if (position === null) return;
        // Replaces the position's bracket: place the new legs, then cancel the old ones (never
        // cancel-then-place: the position must not stand unprotected in between).
        const old = (await resolve(venue.openOrders())).filter((o) => o.reduceOnly && o.type !== 'market');
        const exitSide = position.side === 'long' ? 'sell' : 'buy';
        const long = position.side === 'long';
        const stop = roundBracketLevel(long, intent.stopPrice, facts.tickSize);
        const takeProfit = roundBracketLevel(long, intent.takeProfitPrice, facts.tickSize);
        await resolve(
          venue.placeOrder({
            clientOrderId: clientOrderId(base, now, 'stop'),
            side: exitSide,
            type: 'stop_market',
            amount: position.amount,
            triggerPrice: stop,
            reduceOnly: true,
          }),
        );
        await resolve(
          venue.placeOrder({
            clientOrderId: clientOrderId(base, now, 'take_profit'),
            side: exitSide,
            type: 'limit',
            amount: position.amount,
            price: takeProfit,
            reduceOnly: true,
          }),
        );
        for (const o of old) await resolve(venue.cancelOrder(o.clientOrderId));
        bracket = { stop, takeProfit, from: now };
        return;
      }
    }
  };

  for (;;) {
    const next = marketData.next();
    const bar: Candle | null = isPromise(next) ? await next : next;
    if (bar === null) break;
    candles += 1;
    const now = bar.ts + cfg.timeframeMs;
    if (clock.now() < now)
      invariant(
        false,
        `candle ${bar.ts} reached the runner before its close: the runner never acts on a forming candle`,
      );
    for (let s = 0; s < streams.length; s++) values[s] = (streams[s] as IndicatorStream).update(bar);
    writeIndicators(ind, values);

    const rawFills = venue.takeFills();
    const fills = isPromise(rawFills) ? await rawFills : rawFills;
    let views = NO_FILL_VIEWS;
    if (fills.length > 0) {
      const out: FillView[] = [];
      for (const f of fills) {
        const v = fillView(f);
        out.push(v);
        if (v.role === 'entry') {
          // The first fill opens the position (a partially filled limit fills in several parts).
          entryTs ??= f.ts;
          const mine = entry !== null && entry.clientOrderId === f.clientOrderId;
          // A limit cancelled at expiry may still report a fill it had before the cancel.
          const source = mine ? entry : expiredEntry?.clientOrderId === f.clientOrderId ? expiredEntry : null;
          if (source?.bracket !== undefined && bracket === null)
            bracket = {
              ...attachedBracketLevels(f.side === 'buy', f.price, source.bracket, facts.tickSize),
              from: f.ts,
            };
          if (mine && entry !== null) {
            // A part filled: the rest still rests (and expires on time); the whole: done.
            const left = entry.amount - f.amount;
            entry = left >= facts.stepSize / 2 ? { ...entry, amount: left } : null;
          }
        } else if (f.clientOrderId === pendingExit) pendingExit = null;
        hooks?.onFill?.(f, v);
      }
      views = out;
    }
    if (entry !== null && entry.candlesLeft === null && views === NO_FILL_VIEWS) {
      // A market entry normally fills on the next candle; if the venue dropped it, stop waiting.
      const o = await resolve(venue.getOrder(entry.clientOrderId));
      if (o === null || o.status !== 'open') entry = null;
    }
    // Placed at close t with W candles: it rests through candles t+1 … t+W, cancelled at the close
    // of t+W, also when those candles are replayed after a restart (before tradeFrom).
    if (
      entry !== null &&
      entry.candlesLeft !== null &&
      (bar.ts >= cfg.tradeFrom || bar.ts >= (parseClientOrderId(entry.clientOrderId)?.decisionTs ?? Infinity))
    ) {
      const left = entry.candlesLeft - 1;
      if (left <= 0) {
        await resolve(venue.cancelOrder(entry.clientOrderId));
        expiredEntry = { clientOrderId: entry.clientOrderId, ...(entry.bracket ? { bracket: entry.bracket } : {}) };
        entry = null;
      } else entry = { ...entry, candlesLeft: left };
    }
    if (bar.ts < cfg.tradeFrom) {
      if (views !== NO_FILL_VIEWS) (carried ??= []).push(...views);
      continue;
    }
    if (carried !== null) {
      views = [...carried, ...views];
      carried = null;
    }

    const rawPos = venue.position();
    const position = isPromise(rawPos) ? await rawPos : rawPos;
    if (position === null) {
      entryTs = null;
      pendingExit = null;
      bracket = null;
    } else if (bracket !== null && pendingExit === null && bar.ts > bracket.from) {
      const hit = backstopHit(position.side, bracket, bar);
      if (hit !== null) {
        // The exchange-side leg did not fire although the candle traded through its level.
        const id = clientOrderId(base, now, hit === 'stop' ? 'backstop_stop' : 'backstop_take_profit');
        const placed = await resolve(
          venue.placeOrder({
            clientOrderId: id,
            side: position.side === 'long' ? 'sell' : 'buy',
            type: 'market',
            amount: position.amount,
            reduceOnly: true,
          }),
        );
        pendingExit = placed.status === 'open' ? id : null;
      }
    }
    if (
      mayAct !== undefined &&
      position === null &&
      entry === null &&
      views.length === 0 &&
      !mayAct(bar, ind, params)
    ) {
      // Flat, nothing resting, no fills, and the strategy's own test says it cannot act here:
      // its decision would be no intents and the same state, so it is not asked.
      decisions += 1;
      continue;
    }
    const positionView: PositionView | null =
      position === null
        ? null
        : {
            side: position.side,
            amount: position.amount,
            entryPrice: position.entryPrice,
            entryTs: entryTs ?? now,
          };
    const restingEntry: RestingEntryView | null =
      entry === null || entry.candlesLeft === null
        ? null
        : {
            clientOrderId: entry.clientOrderId,
            side: entry.side,
            price: entry.price,
            amount: entry.amount,
            candlesLeft: entry.candlesLeft,
          };
    const decision = strategy.decide({
      bar,
      now,
      ind,
      position: positionView,
      restingEntry,
      fills: views,
      params,
      state: strategyState,
    });
    strategyState = decision.state;
    decisions += 1;
    for (const intent of decision.intents) await act(now, intent, position);
    if (hooks?.onDecision !== undefined && (decision.intents.length > 0 || cfg.reportEveryDecision === true)) {
      await resolve(hooks.onDecision(now, decision.intents, state()));
    }
  }
  return { candles, decisions, refusals, state: state() };
}
