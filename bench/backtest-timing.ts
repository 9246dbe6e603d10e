/**
 * One backtest of each live set timed as `npm start` runs the engine: the build in `dist/`, in a
 * plain Node child (tsx's loader turns on source maps; the twelfth round measured the same code
 * ≈ 10 % slower under it on that round's host), beside the floor loop (floor-loop.ts) in that
 * same child. For `npm run bench -- --json` (figures.ts).
 */
import { runBenchChild } from './bundle-child.js';

/** One live set's timing. */
export interface BacktestTiming {
  readonly coin: string;
  readonly candles: number;
  /** Fastest backtest, ms. */
  readonly ms: number;
  /** Fastest floor loop over the same candles, ms. */
  readonly floorMs: number;
  /** Where the candles came from: `../shared/data` or `data/sample`. */
  readonly source: string;
}

/**
 * Times BTC's and ETH's live sets (best of `runs`). Side effects: builds `dist/` when stale,
 * writes the child's bundle into `bench/` and deletes it, runs the child.
 * @throws Error when the child cannot start or fails.
 */
export function measureBacktests(runs: number): BacktestTiming[] {
  return runBenchChild('backtest-child', [], [String(runs)]) as BacktestTiming[];
}
