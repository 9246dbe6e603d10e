/**
 * The sweep's worker-thread module: materialises each symbol's shared inputs once (on its
 * first task), then runs the pool's tasks (sweep-task.ts). Loaded by `worker-pool.ts`.
 */
import { sweepContext, type SweepContext } from './sweep-context.js';
import { loadStrategyModule } from './strategy-module.js';
import { runSweepTask, type SweepAnswer, type SweepPoolInit, type SweepTask } from './sweep-task.js';
import { serveWorker } from './worker-pool.js';

const contexts = new Map<number, Promise<SweepContext>>();

function contextOf(init: SweepPoolInit, symbol: number): Promise<SweepContext> {
  let ctx = contexts.get(symbol);
  if (ctx === undefined) {
    const s = init.symbols[symbol];
    if (s === undefined) throw new Error(`Invariant failed: no sweep for symbol ${symbol}`);
    ctx = loadStrategyModule(s.strategyModule, s.strategyName).then((strategy) => sweepContext(s, strategy));
    contexts.set(symbol, ctx);
  }
  return ctx;
}

serveWorker<SweepPoolInit, SweepTask, SweepAnswer>(async (task, init) =>
  runSweepTask(await contextOf(init, task.symbol), task),
);
