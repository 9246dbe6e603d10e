/**
 * The sweep's worker-thread module: materialises each symbol's shared inputs once (on its
 * first task), then runs the pool's tasks (sweep-task.ts). Loaded by `worker-pool.ts`.
 */
import { sweepContext, type SweepContext, type SweepInit } from './sweep-context.js';
import { loadStrategyModule } from './strategy-module.js';
import { runSweepTask, type SweepAnswer, type SweepTask } from './sweep-task.js';
import { serveWorker } from './worker-pool.js';

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
