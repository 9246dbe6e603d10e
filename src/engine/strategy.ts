/**
 * The strategy contract. A strategy is a pure decision function: given the newest closed candle,
 * its declared indicator values at that candle, its position, its resting entry order, the fills
 * since its previous decision, its parameters and its own state, it returns intents and its next
 * state. No clock, no I/O, no randomness, and nothing that tells a backtest from live trading.
 *
 * Strategies may import only this file, `engine/types.ts` and `engine/indicators/*` (a test
 * scans `src/strategies/**`). The runner refuses a module whose {@link Strategy.apiVersion} is
 * not {@link STRATEGY_API_VERSION}.
 */
import type { Candle } from './types.js';
import type { IndicatorSet } from './indicators/stream.js';
import type { ParamSchema } from './config/param-spec.js';

export { defineParams, enumParam, intParam, numberParam } from './config/param-spec.js';
export type { ParamSchema, ParamSpecs } from './config/param-spec.js';

/**
 * Version of this interface. Bump it on any change a strategy module must follow; the runner
 * refuses modules built for another version.
 */
export const STRATEGY_API_VERSION = 1;

/** Direction of a position. */
export type Side = 'long' | 'short';

/** Why a position was closed. */
export type ExitReason = 'stop_loss' | 'take_profit' | 'max_hold' | 'signal' | 'window_end';

/** The open position as the strategy sees it. Amount in base units, price in USDT, time ms UTC. */
export interface PositionView {
  readonly side: Side;
  readonly amount: number;
  /** Average entry fill price (USDT). */
  readonly entryPrice: number;
  /** Time of the entry fill (ms UTC; an intrabar fill is stamped with its candle's open time). */
  readonly entryTs: number;
}

/** A resting (unfilled) entry limit order. */
export interface RestingEntryView {
  readonly clientOrderId: string;
  readonly side: Side;
  /** Limit price (USDT). */
  readonly price: number;
  readonly amount: number;
  /** Candles it still rests for after the current one (0 = cancelled at this candle's close). */
  readonly candlesLeft: number;
}

/** A fill since the strategy's previous decision, from the position's point of view. */
export interface FillView {
  /** Fill time (ms UTC). */
  readonly ts: number;
  /** `entry` opens the position, `exit` closes it. */
  readonly role: 'entry' | 'exit';
  /** Side of the position the fill opened or closed. */
  readonly side: Side;
  readonly price: number;
  readonly amount: number;
  /** Set on exits. */
  readonly reason?: ExitReason;
}

/**
 * Everything a decision may depend on. Valid only during the `decide` call: the runner reuses
 * the indicator object, so copy values into state rather than keeping the context.
 */
export interface DecisionContext<P, S> {
  /** The newest closed candle. */
  readonly bar: Candle;
  /** Close time of `bar` (ms UTC) = open time of the next candle when there is no gap. */
  readonly now: number;
  /** Value at `bar` of every indicator declared by {@link Strategy.indicators}, by name (NaN while warming up). */
  readonly ind: Readonly<Record<string, number>>;
  readonly position: PositionView | null;
  readonly restingEntry: RestingEntryView | null;
  /** Fills since the previous decision (during `bar`), in order. Usually empty. */
  readonly fills: readonly FillView[];
  readonly params: P;
  readonly state: S;
}

/** Entry order: at market (filled at the next candle's open) or a limit resting `expiryCandles` candles. */
export type EntryOrder =
  { readonly type: 'market' } | { readonly type: 'limit'; readonly price: number; readonly expiryCandles: number };

/**
 * A reduce-only stop and take-profit attached to an entry, as distances from the entry fill
 * price (USDT): stop at fill ∓ `stopDistance`, take-profit at fill ± `takeProfitDistance`.
 */
export interface BracketDistances {
  readonly stopDistance: number;
  readonly takeProfitDistance: number;
}

/** What a strategy asks for. The runner sizes, checks and sends it to the venue. */
export type Intent =
  | {
      readonly kind: 'enter';
      readonly side: Side;
      /** Notional to trade (USDT); the runner converts it to an amount at `refPrice`, rounded down to the market's step. */
      readonly notionalUsdt: number;
      /** Price used for sizing and minimum-notional checks: the close of the decision candle. */
      readonly refPrice: number;
      readonly order: EntryOrder;
      readonly bracket?: BracketDistances;
    }
  | { readonly kind: 'cancel-entry' }
  | { readonly kind: 'exit'; readonly reason: 'max_hold' | 'signal' }
  | { readonly kind: 'bracket'; readonly stopPrice: number; readonly takeProfitPrice: number };

/** The result of one decision. Return the same `state` object when nothing changed. */
export interface Decision<S> {
  readonly intents: readonly Intent[];
  readonly state: S;
}

/**
 * Parameters every strategy has, read by the runner and the simulator, not only the strategy:
 * the candle timeframe, the order notional and the simulated slippage.
 */
export interface ExecutionParams {
  /** Candle timeframe the strategy decides on, e.g. `1m`. */
  readonly TIMEFRAME: string;
  /** Notional per entry (USDT). */
  readonly ORDER_NOTIONAL_USDT: number;
  /** Adverse slippage applied by the simulator to taker fills (basis points). */
  readonly SLIPPAGE_BPS: number;
}

/** A parameter value as env files and grids spell it. */
export type SweepValue = number | string;

/**
 * How a strategy is swept by `coinbot reeval`: the default grid around a baseline, and which
 * parameter sets must behave identically (so the sweep runs each class once).
 */
export interface StrategySweep<P> {
  /** Values per parameter around `baseline` (which must be a point of the grid), in expansion order. */
  defaultGrid(baseline: P): ReadonlyArray<readonly [keyof P & string, readonly SweepValue[]]>;
  /** Maps a set to the representative of its behavioural class; equal results ⇒ identical simulations. */
  canonical(p: P): P;
}

/**
 * A strategy module. `P` is its parameter object (UPPER_SNAKE keys), `S` its state: plain data
 * that comes back from JSON exactly (finite numbers, strings, booleans, null, arrays, plain
 * objects; no NaN, ±Infinity, −0, `undefined` values or Dates). Live mode persists it as JSON and
 * restores it after a restart, so a value JSON changes would change the decisions after a restart
 * (see `strategies/atr-breakout/state-json.property.test.ts`).
 */
export interface Strategy<P extends ExecutionParams, S> {
  /** Must equal {@link STRATEGY_API_VERSION}. */
  readonly apiVersion: number;
  /** Registry name, kebab-case, e.g. `atr-breakout`. */
  readonly name: string;
  readonly description: string;
  readonly params: ParamSchema<P>;
  /** Cross-field checks; each returns a one-line problem with its fix, or null. */
  readonly checks: readonly ((p: P) => string | null)[];
  /** Candles before the first decision that the indicators need for parameter set `p`. */
  warmupCandles(p: P): number;
  /** The indicator streams for `p`, by the name `decide` reads them under in `ctx.ind`. */
  indicators(p: P): IndicatorSet;
  /** State before the first candle. */
  initialState(p: P): S;
  /** Decides on the close of `ctx.bar`. Pure. */
  decide(ctx: DecisionContext<P, S>): Decision<S>;
  /**
   * Optional fast-path hint, pure: false promises that `decide`, called flat (no position), with
   * no resting entry and no fills on this candle, returns no intents and the very `state` it was
   * given, so a backtest may skip the call. It must be the test `decide` itself applies (one
   * implementation of the rules); true is always safe. Absent: every candle is decided.
   */
  mayAct?(bar: Candle, ind: Readonly<Record<string, number>>, params: P): boolean;
  /**
   * Optional, with `mayAct`: every parameter `mayAct` reads (besides the bar and `ind`). With it,
   * runs over the same precomputed indicators find the candles where `mayAct` holds once per
   * distinct value of these and of the indicator settings, and share them (a sweep's sets differ
   * mostly in other parameters). A parameter read but not listed would make sets share wrong
   * answers: `may-act-reads.property.test.ts` checks the list on random inputs.
   */
  readonly mayActReads?: readonly (keyof P & string)[];
  /**
   * Optional fast-path hint, pure: false promises that `decide`, called at `now` (ms UTC) with
   * `position` open, no resting entry and no fills, returns no intents and the very `state` it
   * was given, whatever the candle and indicators. The same test `decide` applies (one
   * implementation of the rules); true is always safe. Absent: every candle in a position is decided.
   */
  mayActHolding?(now: number, position: PositionView, params: P): boolean;
  /** Sweep support for `coinbot reeval`; a strategy without it can be backtested but not re-evaluated. */
  readonly sweep?: StrategySweep<P>;
}

/** A strategy with its parameter and state types erased (registry, runner). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStrategy = Strategy<any, any>;

/** Shared empty intent list, to return from decisions that do nothing without allocating. */
export const NO_INTENTS: readonly Intent[] = Object.freeze([]);

/**
 * Where a strategy module lives, for worker threads that must import it themselves (the engine
 * never imports `src/strategies`; the registry names the module). Structured-clone safe.
 */
export interface StrategyModuleRef {
  /** Absolute module specifier (a `file:` URL). */
  readonly url: string;
  /** The export that holds the strategy. */
  readonly exportName: string;
}
