/**
 * One recorded backtest for the trust checks: the strategy run through the simulator on a given
 * slice of candles, with its indicators precomputed over exactly that slice (as a sweep does,
 * so a vectorised indicator that reads ahead shows), every decision recorded.
 */
import { lowerBound, sliceIndex } from '../data/candle-series.js';
import { precomputeIndicators } from '../indicators/precompute.js';
import { runBacktest } from '../sim/backtest.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { timeframeMs, type TimeRange } from '../time.js';
import { recordingStrategy, type DecisionRecord } from './decision-recorder.js';

/** What a check runs. Times ms UTC. */
export interface CheckSubject {
  readonly strategy: AnyStrategy;
  readonly params: ExecutionParams;
  readonly inputs: CachedInputs;
  /** Decisions are compared on candles opening in this range. */
  readonly window: TimeRange;
}

/**
 * Runs `s` on the candles `[0, end)` (indices) only, deciding from `s.window.from`, fed
 * `warmupCandles` candles before it (default: the strategy's declared warm-up).
 * @returns every decision, in order.
 */
export async function recordedRun(s: CheckSubject, end: number, warmupCandles?: number): Promise<DecisionRecord[]> {
  const candles = sliceIndex(s.inputs.candles, 0, end);
  const tf = timeframeMs(candles.timeframe);
  const warm = warmupCandles ?? s.strategy.warmupCandles(s.params);
  const first = lowerBound(candles.ts, s.window.from);
  const start = Math.max(0, first - warm);
  const to = Math.min(s.window.to, (candles.ts[end - 1] as number) + tf);
  const specs = Object.values(s.strategy.indicators(s.params));
  const out: DecisionRecord[] = [];
  await runBacktest({
    strategy: recordingStrategy(s.strategy, out),
    candles,
    funding: s.inputs.funding,
    ...(s.inputs.mark ? { mark: s.inputs.mark } : {}),
    facts: s.inputs.facts,
    params: s.params,
    window: { from: s.window.from, to },
    warmupCandles: first - start,
    precomputed: precomputeIndicators(specs, candles, start, end),
  });
  return out;
}
