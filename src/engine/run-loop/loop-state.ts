/**
 * The runner's working state during one run, mutated in place by the loop's steps
 * (`candle-steps.ts`, `act.ts`, `quiet-candles.ts`), and its JSON form {@link RunnerState}.
 */
import type { ArmedBracket } from '../risk.js';
import type { RefusedSignal, RunnerConfig, RunnerState } from '../runner.js';
import type { FillView, Side } from '../strategy.js';
import { baseOf } from '../symbols.js';
import { IndicatorFeed } from './indicator-feed.js';

/** Everything the loop's steps read and write. Times ms UTC, prices USDT, amounts base units. */
export interface LoopState {
  readonly cfg: RunnerConfig;
  /** Base coin of the symbol (client order ids). */
  readonly base: string;
  readonly feed: IndicatorFeed;
  strategyState: unknown;
  entryTs: number | null;
  entry: RunnerState['entry'];
  pendingExit: string | null;
  bracket: ArmedBracket | null;
  expiredEntry: NonNullable<RunnerState['expiredEntry']> | null;
  /** Fills seen on candles before `tradeFrom`, handed to the first decision. */
  carried: FillView[] | null;
  readonly refusals: RefusedSignal[];
  candles: number;
  decisions: number;
}

/** The state before the first candle: restored from `cfg.initialState`, else flat. */
export function initialLoop(cfg: RunnerConfig): LoopState {
  const s = cfg.initialState;
  return {
    cfg,
    base: baseOf(cfg.facts.symbol),
    feed: new IndicatorFeed(cfg.strategy.indicators(cfg.params), cfg.precomputed),
    strategyState: s?.strategy ?? cfg.strategy.initialState(cfg.params),
    entryTs: s?.entryTs ?? null,
    entry: s?.entry ?? null,
    pendingExit: s?.exit ?? null,
    bracket: s?.bracket ?? null,
    expiredEntry: s?.expiredEntry ?? null,
    carried: null,
    refusals: [],
    candles: 0,
    decisions: 0,
  };
}

/** The JSON-serialisable state live mode persists. */
export function runnerState(l: LoopState): RunnerState {
  return {
    strategy: l.strategyState,
    entryTs: l.entryTs,
    entry: l.entry,
    exit: l.pendingExit,
    bracket: l.bracket,
    ...(l.expiredEntry === null ? {} : { expiredEntry: l.expiredEntry }),
  };
}

/** Records a refused entry and tells the hook. */
export function refuse(
  l: LoopState,
  ts: number,
  side: Side,
  notionalUsdt: number,
  refPrice: number,
  amount: number,
  reason: string,
): void {
  const r: RefusedSignal = { ts, side, notionalUsdt, refPrice, amount, reason };
  l.refusals.push(r);
  l.cfg.hooks?.onRefusal?.(r);
}
