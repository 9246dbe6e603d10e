/**
 * Benchmark: one symbol's sweep (ETH on the bundled sample, the default grid, 48 h) in this one
 * thread, three passes of `evaluateSet` over every set: no workers, messages, verdicts or report.
 * Prints the CPU time (`process.cpuUsage`, every thread of the process) of the first pass (cold:
 * interpreter and compilation) and of the fastest warm pass, with a hash of every outcome (the
 * metrics, refused signals and block PnL of all three windows) so two builds can be checked to
 * compute the same thing. Far steadier than the main job's wall time on a shared 2 vCPU machine:
 * the way to compare two builds of the simulator (`npm run bench -- sweep-thread`, alternated).
 */
import { createHash } from 'node:crypto';
import { planReeval } from '../src/engine/sweep/reeval-plan.js';
import { sweepContext, evaluateSet } from '../src/engine/sweep/sweep-context.js';
import { sweepInit } from '../src/engine/sweep/sweep-init.js';
import { sampleReevalOptions } from './sample-reeval-options.js';

const PASSES = 3;

/** Runs the benchmark and returns a one-line summary. */
export async function benchSweepThread(): Promise<string> {
  const o = sampleReevalOptions(['ETH'], 1);
  const plan = planReeval(o);
  const sp = plan.symbols[0];
  if (sp === undefined) throw new Error('no ETH plan');
  const ctx = sweepContext(sweepInit(sp.sweep, sp.extent), o.strategy);
  const cpu: number[] = [];
  let digest = '';
  for (let pass = 0; pass < PASSES; pass++) {
    const hash = createHash('sha256');
    const c0 = process.cpuUsage();
    for (const p of sp.extent.points) {
      const out = await evaluateSet(ctx, p.params);
      for (const w of [out.full, out.h1, out.h2]) {
        hash.update(JSON.stringify(w.metrics));
        hash.update(String(w.refusedSignals));
        hash.update(new Uint8Array(w.blockPnl.buffer, w.blockPnl.byteOffset, w.blockPnl.byteLength));
      }
    }
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    const d = hash.digest('hex').slice(0, 16);
    if (digest !== '' && d !== digest) throw new Error(`pass ${pass} computed other outcomes (${d} ≠ ${digest})`);
    digest = d;
  }
  const warm = Math.min(...cpu.slice(1));
  return `sweep, one thread (ETH, ${sp.extent.points.length} sets × 3 windows): first pass ${(cpu[0] as number).toFixed(2)} CPU-s, warm ${warm.toFixed(2)} CPU-s (${((warm * 1e6) / sp.extent.points.length).toFixed(0)} µs per set); outcomes ${digest}`;
}
