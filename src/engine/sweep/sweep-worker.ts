/**
 * The sweep's worker-thread module: materialises each symbol's shared inputs once (on its
 * first task), then runs the pool's tasks (sweep-task.ts). Loaded by `worker-pool.ts`.
 */
import { workerData } from 'node:worker_threads';
import type { StrategyModuleRef } from '../strategy.js';
import { sweepContext, type SweepContext, type SweepInit } from './sweep-context.js';
import { loadStrategyModule } from './strategy-module.js';
import { runSweepTask, type SweepAnswer, type SweepTask } from './sweep-task.js';
import { serveWorker } from './worker-pool.js';

// The run's strategy module (sweep-pool.ts), imported now, while the main thread plans the run,
// so that the first chunk does not wait for it. Only the module cache is warmed: the first
// context still loads and checks it, and reports a failure.
const preload = (workerData as { data?: { preload?: StrategyModuleRef } } | null)?.data?.preload;
if (preload !== undefined) void import(preload.url).catch(() => undefined);

const contexts = new Map<number, Promise<SweepContext>>();

function contextOf(init: SweepInit, symbol: number): Promise<SweepContext> {
  let ctx = contexts.get(symbol);
  if (ctx === undefined) {
    ctx = loadStrategyModule(init.strategyModule, init.strategyName).then((s) => sweepContext(init, s));
    contexts.set(symbol, ctx);
  }
  return ctx;
}

serveWorker<SweepInit, SweepTask, SweepAnswer>(async (task, init) =>
  runSweepTask(await contextOf(init, task.symbol), task),
);
