/**
 * The out-of-sample worker-thread module: materialises the shared inputs once, then backtests
 * chunks of parameter sets on the step's out-of-sample window. Loaded by the worker pool.
 */
import type { AnyStrategy } from '../strategy.js';
import type { ParamSet } from '../sweep/grid.js';
import { viewFunding, viewPrecomputed, viewSeries } from '../sweep/shared-series.js';
import { loadStrategyModule } from '../sweep/strategy-module.js';
import { serveWorker } from '../sweep/worker-pool.js';
import {
  runOutOfSample,
  type BacktestInputCandles,
  type OutOfSampleInit,
  type OutOfSampleTask,
  type WindowPnl,
} from './out-of-sample.js';

let ready: { strategy: AnyStrategy; candles: BacktestInputCandles } | undefined;

serveWorker<OutOfSampleInit, OutOfSampleTask, WindowPnl[]>(async (task, init) => {
  if (ready === undefined) {
    const candles = viewSeries(init.candles);
    ready = {
      strategy: await loadStrategyModule(init.strategyModule, init.strategyName),
      candles: {
        candles,
        funding: viewFunding(init.funding),
        mark: init.mark === null ? undefined : viewSeries(init.mark),
        precomputed: viewPrecomputed(init.precomputed, candles),
      },
    };
  }
  const out: WindowPnl[] = [];
  for (const set of task.sets as ParamSet[])
    out.push(await runOutOfSample(ready.strategy, { init, candles: ready.candles }, set));
  return out;
});
