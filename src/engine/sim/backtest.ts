/**
 * The simulator wiring: the shared runner over `CandleReplay` + `SimVenue` + `SimClock`.
 * {@link runBacktest} takes plain data (typed-array columns, plain objects) and returns a plain,
 * deterministic result, so a sweep can call it from a worker thread.
 *
 * Window rules: the window `[from, to)` is over candle open times. Up to `warmupCandles`
 * candles before it feed the indicators only (fewer if the data starts later; the result says
 * how many); decisions start with the first candle opening at or after `from`. A position still
 * open after the last candle is closed at its close (taker fee, `window_end`).
 */
import { invariant } from '../errors.js';
import { precomputeIndicators, type PrecomputedIndicators } from '../indicators/precompute.js';
import { clientOrderId } from '../ports/client-order-id.js';
import type { Fill } from '../ports/venue.js';
import { runStrategy, type RefusedSignal, type RunnerHooks, type RunnerState } from '../runner.js';
import type { Metrics } from '../stats/summary.js';
import type { Trade } from '../stats/trades.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { baseOf } from '../symbols.js';
import type { TimeRange } from '../time.js';
import type { Candle, CandleSeries, FundingSeries, MarketFacts } from '../types.js';
import { planRun, resultOf, type RunPlan } from './backtest-plan.js';
import { CandleReplay, type ReplayPause } from './candle-replay.js';
import { EquityBook } from './equity-book.js';
import { FundingSchedule, type FundingPayment, type MarkSource } from './fees-funding.js';
import type { FundingStatus } from './funding-coverage.js';
import { checkJoinSource, checkpointPauses, joinedRecord, type CheckpointPlan, type Joined } from './run-join.js';
import { SimClock } from './sim-clock.js';
import { BINANCE_USDM_FEES, simSettings, type SimSettings } from './sim-settings.js';
import { SimVenue } from './sim-venue.js';

/** Inputs of one backtest. Params must already be validated (config/resolve-params.ts). */
export interface BacktestInput {
  readonly strategy: AnyStrategy;
  /** Last-price candles of the params' TIMEFRAME; may extend beyond the window on both sides. */
  readonly candles: CandleSeries;
  /** Cached funding events (any range); absent or empty = funding not modelled. */
  readonly funding?: FundingSeries;
  /** Cached 1h mark-price candles for funding; absent = the last close is used. */
  readonly mark?: CandleSeries;
  readonly facts: MarketFacts;
  /** A validated parameter set of `strategy`. */
  readonly params: ExecutionParams;
  readonly window: TimeRange;
  /** Candles fed before the window; default `strategy.warmupCandles(params)`. */
  readonly warmupCandles?: number;
  /** Fee rates; default Binance USDT-M taker 0.05 %, maker 0.02 %. */
  readonly fees?: { readonly takerFeeRate: number; readonly makerFeeRate: number };
  /** Indicator values computed once for many parameter sets (must start at the warm-up's first candle). */
  readonly precomputed?: PrecomputedIndicators;
  readonly hooks?: RunnerHooks;
  /** Decide every candle, ignoring the strategy's `mayAct` hint (tests of the fast path). */
  readonly stepByStep?: boolean;
}

/** Funding as the run saw it. */
export interface FundingReport {
  readonly status: FundingStatus;
  /** Cached events with from ≤ T ≤ last close. */
  readonly events: number;
  readonly payments: readonly FundingPayment[];
  /** Where the payments' mark prices came from. */
  readonly markSource: MarkSource | 'mixed' | 'none';
}

export type { Consumed } from './consumed-rows.js';
import type { Consumed } from './consumed-rows.js';

/** A finished backtest: plain data, deterministic for identical inputs. */
export interface BacktestResult {
  readonly strategy: { readonly name: string; readonly apiVersion: number };
  readonly symbol: string;
  readonly timeframe: string;
  readonly window: {
    readonly from: number;
    readonly to: number;
    readonly firstCandle: number;
    readonly lastCandle: number;
    /** Close time of the last candle = time of a window_end exit. */
    readonly lastClose: number;
    readonly candles: number;
    readonly warmupRequested: number;
    readonly warmupCandles: number;
    /** Missing candles inside the window (gaps are replayed as they are, never filled). */
    readonly missingCandles: number;
  };
  readonly params: Readonly<Record<string, unknown>>;
  readonly sim: SimSettings;
  readonly trades: readonly Trade[];
  readonly fills: readonly Fill[];
  readonly refusals: readonly RefusedSignal[];
  readonly funding: FundingReport;
  readonly metrics: Metrics;
  readonly flat: Metrics;
  /** Equity (USDT, relative to the start) at each window candle's close. */
  readonly equity: Float64Array;
  /** The simulator's own accounting at the end (flat by then). */
  readonly account: { readonly balance: number; readonly fees: number; readonly funding: number };
  readonly consumed: Consumed;
}

import { canonicalParams } from './canonical-params.js';
export { canonicalParams };

/**
 * Runs one backtest.
 * @throws NoDataError when no candle opens inside the window.
 * @example
 * const r = await runBacktest({ strategy: atrBreakout, candles, funding, facts, params, window: { from, to } });
 * r.metrics.netPnl;
 */
export async function runBacktest(input: BacktestInput): Promise<BacktestResult> {
  return (await runBacktestWithPrefixes(input, []))[0] as BacktestResult;
}

/** A window's end: the venue it is settled on and how many fills and refusals it had then. */
interface WindowEnd {
  readonly plan: RunPlan;
  venue: SimVenue | undefined;
  fills: number;
  refusals: number;
}

/**
 * The indicators the run reads: the given ones, else (not step by step) its own, precomputed
 * by the same streams over the same candles (so the same values) so that the runner may pass
 * over quiet candles; step by step, the streams run inside the loop as in live mode.
 */
function indicatorsOf(input: BacktestInput, plan: RunPlan): PrecomputedIndicators | undefined {
  if (input.precomputed !== undefined || input.stepByStep === true) return input.precomputed;
  return precomputeIndicators(
    Object.values(input.strategy.indicators(input.params)),
    input.candles,
    plan.warmStart,
    plan.end,
  );
}

/** Settles window end `e` (the whole window's when `whole`) and builds its result. */
function settle(
  input: BacktestInput,
  sim: SimSettings,
  e: WindowEnd,
  run: { readonly fills: readonly Fill[]; readonly refusals: readonly RefusedSignal[]; readonly equity: Float64Array },
  whole: boolean,
): BacktestResult {
  const v = e.venue as SimVenue;
  const { last, lastClose, start, end } = e.plan;
  v.settleWindowEnd(last, lastClose, clientOrderId(baseOf(input.facts.symbol), lastClose, 'exit_window_end'));
  const n = end - start;
  const equity = whole ? run.equity : run.equity.slice(0, n);
  equity[n - 1] = v.account.balance;
  const a = v.account;
  return resultOf(input, e.plan, {
    sim,
    fills: [...run.fills.slice(0, e.fills), ...v.takeFills()],
    refusals: run.refusals.slice(0, e.refusals),
    payments: v.fundingPayments,
    equity,
    account: { balance: a.balance, fees: a.fees, funding: a.funding },
  });
}

/**
 * Runs `input`'s window once and returns its result followed by the result of each window
 * `[input.window.from, to)` for `to` in `prefixEnds`, each equal to what {@link runBacktest}
 * returns for that window: the run up to a prefix's last candle is the same run (the runner
 * never sees a later candle before deciding), so the prefix ends on a copy of the venue taken
 * there, settled as a window end (`backtest-prefix.property.test.ts` proves it identical).
 * @param checkpoints candle rows at which to record this run's checkpoints, or to take over the
 *   rest of another run that reached the same state (run-join.ts; then no prefixes, and the one
 *   result equals the run's own, `sweep/half-join.property.test.ts`).
 * @throws NoDataError when a window has no candle.
 */
export async function runBacktestWithPrefixes(
  input: BacktestInput,
  prefixEnds: readonly number[],
  checkpoints?: CheckpointPlan,
): Promise<BacktestResult[]> {
  const { strategy, candles, facts, params, window } = input;
  const plan = planRun(input, window);
  const prefixes = prefixWindows(input, plan, prefixEnds);
  const sim = simSettings(input.fees ?? BINANCE_USDM_FEES, params.SLIPPAGE_BPS);
  const venue = new SimVenue(facts, sim, plan.events ? new FundingSchedule(plan.events, input.mark) : undefined);
  const clock = new SimClock(candles.ts[plan.warmStart] as number);
  const book = new EquityBook(venue, candles, window.from, plan.end - plan.start);
  // Every field present from the start: one object shape for every run (no deoptimisation when a
  // run joins or exposes its state).
  const log: RunLog = { fills: [], refusals: 0, readState: undefined, joined: undefined };
  const reach = (p: WindowEnd) => {
    p.venue = venue.fork();
    p.fills = log.fills.length;
    p.refusals = log.refusals;
  };
  const listeners = [(c: Candle) => venue.processCandle(c), (c: Candle) => book.record(c)];
  // Arrays filled by push from one literal, never by `map` (an empty `map` result has another
  // elements kind than a filled one, and every run would then deoptimise the next: measured
  // with --trace-deopt, 11 deoptimisations and 13 compilations of this function per main job).
  const pauses: ReplayPause[] = [];
  for (const p of prefixes) pauses.push({ at: p.plan.end, reached: () => reach(p) });
  if (checkpoints !== undefined) {
    const join = checkpoints.join;
    invariant(
      join === undefined || (prefixes.length === 0 && input.hooks === undefined),
      'a joined run has no prefixes or hooks',
    );
    if (join !== undefined)
      checkJoinSource(join.result, { symbol: candles.symbol, params: canonicalParams(params), sim }, plan.lastClose);
    for (const p of checkpointWatch(checkpoints, venue, log, (row) => replay.endAt(row))) pauses.push(p);
  }
  const replay = new CandleReplay(candles, plan.warmStart, plan.end, plan.tfMs, clock, listeners, book, pauses);
  const precomputed = indicatorsOf(input, plan);
  const outcome = await runStrategy({
    strategy,
    params,
    facts,
    venue,
    marketData: replay,
    clock,
    timeframeMs: plan.tfMs,
    tradeFrom: window.from,
    ...(precomputed ? { precomputed } : {}),
    ...(input.stepByStep === true ? { stepByStep: true } : {}),
    hooks: loggingHooks(input.hooks, log),
    exposeState: (read) => (log.readState = read),
  });
  const { fills } = log;
  if (log.joined !== undefined) {
    // One literal, not a spread of the first four: a spread's result took a new hidden class per
    // run, so every read of it in joinedRecord missed V8's inline caches (with `simSettings`,
    // −1.6 % of a sweep's instructions).
    const own = {
      fills,
      refusals: outcome.refusals,
      payments: venue.fundingPayments,
      account: venue.account,
      equity: book.equity,
    };
    const rec = joinedRecord(own, log.joined, candles, plan.start, plan.end);
    return [resultOf(input, plan, { sim, ...rec })];
  }
  for (const p of prefixes) if (p.venue === undefined) reach(p);
  const run = { fills, refusals: outcome.refusals, equity: book.equity };
  const results = [
    settle(input, sim, { plan, venue, fills: fills.length, refusals: outcome.refusals.length }, run, true),
  ];
  for (const p of prefixes) results.push(settle(input, sim, p, run, false));
  return results;
}

/** What a run collects while it runs (its hooks and pauses write it). */
interface RunLog {
  readonly fills: Fill[];
  refusals: number;
  readState: (() => RunnerState) | undefined;
  joined: Joined | undefined;
}

/** The prefix windows ending at `prefixEnds`, planned (same warm-up start, inside the window). */
function prefixWindows(input: BacktestInput, plan: RunPlan, prefixEnds: readonly number[]): WindowEnd[] {
  const prefixes: WindowEnd[] = [];
  for (const to of prefixEnds) {
    const p: WindowEnd = { plan: planRun(input, { ...input.window, to }), venue: undefined, fills: 0, refusals: 0 };
    invariant(p.plan.end <= plan.end && p.plan.warmStart === plan.warmStart, 'a prefix window ends inside the window');
    prefixes.push(p);
  }
  return prefixes;
}

/** The caller's hooks, with the run's fills and refused signals logged first. */
function loggingHooks(user: RunnerHooks | undefined, log: RunLog): RunnerHooks {
  return {
    ...user,
    onFill: (f, v) => {
      log.fills.push(f);
      user?.onFill?.(f, v);
    },
    onRefusal: (r) => {
      log.refusals += 1;
      user?.onRefusal?.(r);
    },
  };
}

/** The pauses of `plan` (run-join.ts) over this run; a join is logged. */
function checkpointWatch(plan: CheckpointPlan, venue: SimVenue, log: RunLog, end: (row: number) => void) {
  const run = {
    venue,
    fills: () => log.fills.length,
    refusals: () => log.refusals,
    state: () => (log.readState as () => RunnerState)(),
    end,
  };
  return checkpointPauses(plan, run, (j) => (log.joined = j));
}
