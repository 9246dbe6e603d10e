/**
 * Two runs of one parameter set over the same candles that reach the same state stay the same
 * from there on: the re-evaluation's second half (its own, later warm-up) meets the run of the
 * whole window once their indicators agree bit for bit and both stand flat with nothing open
 * and the same runner state (compared exactly). From that candle on the half's decisions, orders and fills are the
 * whole run's, so its run stops there and takes them over (this file); only its account differs
 * (it started from zero at its own window start), so the taken-over fills and funding payments
 * are booked once more on its own account, by {@link SimAccount}, in the order the venue booked
 * them, which gives its equity curve bit for bit.
 *
 * Why this holds: nothing in a decision or a fill reads the account (sizing is by notional, the
 * simulator checks no margin); the strategy reads candles, indicators, its own state, the
 * position and the fills; client ids are built from decision times, so no later order meets an
 * id of before. `sweep/half-join.property.test.ts` compares joined runs with their own on random
 * candles, gaps, funding and parameters.
 */
import { invariant } from '../errors.js';
import { copyPlain, NOT_PLAIN, samePlain } from '../plain-data.js';
import type { Fill } from '../ports/venue.js';
import type { RefusedSignal, RunnerState } from '../runner.js';
import type { CandleSeries } from '../types.js';
import type { BacktestResult } from './backtest.js';
import type { ReplayPause } from './candle-replay.js';
import type { FundingPayment } from './fees-funding.js';
import { SimAccount } from './sim-account.js';
import type { SimVenue } from './sim-venue.js';

/** A run's state before candle `row` at which it was flat with no order open. */
export interface Checkpoint {
  /** Candle row (index into the candles) the state is before. */
  readonly row: number;
  /** A copy of the runner's state (copied and compared exactly, plain-data.ts: not as JSON text). */
  readonly state: unknown;
  /** How many fills, refused signals and funding payments the run had before the row. */
  readonly fills: number;
  readonly refusals: number;
  readonly payments: number;
}

/** Where a run looks for checkpoints, and what it does there. */
export interface CheckpointPlan {
  /** Candle rows, ascending, each after the run's first decision candle and inside its window. */
  readonly rows: readonly number[];
  /** Record: the run's checkpoints are added here, up to {@link CheckpointPlan.recordAtMost}. */
  readonly record?: Map<number, Checkpoint> | undefined;
  /** How many checkpoints to record at most (default: all). */
  readonly recordAtMost?: number | undefined;
  /**
   * Join: at the first row where the run matches `from`'s checkpoint, it takes over `result`'s
   * rest (`joined` is told the checkpoint: tests and diagnostics).
   */
  readonly join?:
    | {
        readonly from: ReadonlyMap<number, Checkpoint>;
        readonly result: BacktestResult;
        readonly joined?: ((at: Checkpoint) => void) | undefined;
      }
    | undefined;
}

/** What a run exposes to its checkpoint pauses. */
export interface WatchedRun {
  readonly venue: SimVenue;
  fills(): number;
  refusals(): number;
  /** The runner's state (RunnerConfig.exposeState). */
  state(): RunnerState;
  /** Ends the replay before candle `row` (CandleReplay.endAt). */
  end(row: number): void;
}

/** The checkpoint a run joined at, with the source run it joined. */
export interface Joined {
  readonly at: Checkpoint;
  readonly result: BacktestResult;
}

/**
 * The replay pauses of `plan` over run `run`. `onJoin` is told the checkpoint matched (after
 * which the replay has ended).
 */
export function checkpointPauses(plan: CheckpointPlan, run: WatchedRun, onJoin: (j: Joined) => void): ReplayPause[] {
  const record = plan.record;
  const most = plan.recordAtMost ?? Infinity;
  // Pushed into one literal, not mapped: one array kind whether a plan has rows or not.
  const pauses: ReplayPause[] = [];
  for (const row of plan.rows)
    pauses.push({
      at: row,
      reached: () => {
        if (!run.venue.isFlatWithoutOrders()) return;
        if (record !== undefined && record.size < most) {
          const state = copyOf(run.state());
          if (state !== undefined)
            record.set(row, {
              row,
              state,
              fills: run.fills(),
              refusals: run.refusals(),
              payments: run.venue.fundingPayments.length,
            });
        }
        const join = plan.join;
        const other = join?.from.get(row);
        if (join !== undefined && other !== undefined && samePlain(other.state, run.state())) {
          run.end(row);
          onJoin({ at: other, result: join.result });
          join.joined?.(other);
        }
      },
    });
  return pauses;
}

/** A deep copy of `state` (a later in-place change cannot alter it), or undefined when it is not plain data. */
function copyOf(state: RunnerState): unknown {
  const copy = copyPlain(state);
  return copy === NOT_PLAIN ? undefined : copy;
}

/**
 * Refuses a join whose source is not the same run over a longer start: another window end,
 * symbol, parameter set or cost settings (a wiring bug; the sweep joins a set's own runs).
 */
export function checkJoinSource(
  src: BacktestResult,
  mine: Pick<BacktestResult, 'symbol' | 'params' | 'sim'>,
  lastClose: number,
): void {
  invariant(
    src.symbol === mine.symbol &&
      src.window.lastClose === lastClose &&
      samePlain(src.params, mine.params) &&
      samePlain(src.sim, mine.sim),
    'a run joins only its own parameter set over the same end, symbol and costs',
  );
}

/** A joined run's own part: what it did before the checkpoint row. */
export interface OwnPart {
  readonly fills: readonly Fill[];
  readonly refusals: readonly RefusedSignal[];
  readonly payments: readonly FundingPayment[];
  readonly account: SimAccount;
  /** Equity per window candle; rows before the checkpoint are filled in. */
  readonly equity: Float64Array;
}

/** The whole record of a joined run: its own part, then the source run's rest, booked on its account. */
export interface JoinedRecord {
  readonly fills: readonly Fill[];
  readonly refusals: readonly RefusedSignal[];
  readonly payments: readonly FundingPayment[];
  readonly equity: Float64Array;
  readonly account: { readonly balance: number; readonly fees: number; readonly funding: number };
}

/**
 * Books the source run's fills and funding payments after the checkpoint on a copy of the own
 * account, candle by candle as the venue did (a candle's due funding, then its fills, then its
 * close's equity; at the window end the rest of the funding, then the closing fill).
 * @param start first window candle row (equity[0] is its close); @param end one past the last.
 */
export function joinedRecord(own: OwnPart, j: Joined, candles: CandleSeries, start: number, end: number): JoinedRecord {
  const src = j.result;
  const fills = src.fills.slice(j.at.fills);
  const payments = src.funding.payments.slice(j.at.payments);
  const a = new SimAccount();
  Object.assign(a, {
    amount: own.account.amount,
    avgPrice: own.account.avgPrice,
    balance: own.account.balance,
    fees: own.account.fees,
    funding: own.account.funding,
  });
  const equity = own.equity;
  let f = 0;
  let p = 0;
  for (let row = j.at.row; row < end; row++) {
    const ts = candles.ts[row] as number;
    p = bookPayments(a, payments, p, ts);
    f = bookFills(a, fills, f, ts, true);
    equity[row - start] = a.equityAt(candles.close[row] as number);
  }
  // The window end: the rest of the funding, then the closing fill (stamped at the last close).
  bookPayments(a, payments, p, Number.POSITIVE_INFINITY);
  bookFills(a, fills, f, Number.POSITIVE_INFINITY, false);
  equity[end - start - 1] = a.balance;
  return {
    fills: [...own.fills, ...fills],
    refusals: [...own.refusals, ...src.refusals.slice(j.at.refusals)],
    payments: [...own.payments, ...payments],
    equity,
    account: { balance: a.balance, fees: a.fees, funding: a.funding },
  };
}

/**
 * Books `payments[p…]` due at or before `ts` (ms UTC) on `a`; returns the index after them. The
 * row loop and the window end share it (and its type feedback: a loop of its own at the window
 * end, run only by sets still open there, deoptimised the optimised caller on each such set).
 */
function bookPayments(a: SimAccount, payments: readonly FundingPayment[], p: number, ts: number): number {
  for (; p < payments.length && (payments[p] as FundingPayment).ts <= ts; p++)
    a.applyFunding((payments[p] as FundingPayment).paid);
  return p;
}

/**
 * Books `fills[f…]` stamped at or before `ts` (ms UTC) on `a`; returns the index after them.
 * @param onCandle the fills belong to the candle opening at `ts` (checked).
 */
function bookFills(a: SimAccount, fills: readonly Fill[], f: number, ts: number, onCandle: boolean): number {
  for (; f < fills.length && (fills[f] as Fill).ts <= ts; f++) {
    const x = fills[f] as Fill;
    invariant(!onCandle || x.ts === ts, 'a taken-over fill belongs to a candle of the rest of the run');
    a.applyFill(x.side, x.price, x.amount, x.fee);
  }
  return f;
}
