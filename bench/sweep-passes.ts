/**
 * Passes of one symbol's sweep in this thread (ETH on the bundled sample, the default grid,
 * 48 h): `evaluateSet` over every set, no workers, messages, verdicts or report. Shared by the
 * `sweep-thread` (CPU time) and `sweep-allocations` (young-generation collections) benchmarks.
 * Each pass hashes every outcome (the metrics, refused signals and block PnL of all three
 * windows); a pass computing other outcomes than the first throws.
 */
import { createHash } from 'node:crypto';
import { planReeval } from '../src/engine/sweep/reeval-plan.js';
import { sweepContext, evaluateSet } from '../src/engine/sweep/sweep-context.js';
import { sweepInit } from '../src/engine/sweep/sweep-init.js';
import { sampleReevalOptions } from './sample-reeval-options.js';

/** What the passes measured. */
export interface SweepPasses {
  /** Parameter sets per pass. */
  readonly sets: number;
  /** CPU seconds of each pass (`process.cpuUsage`: every thread of the process). */
  readonly cpuS: readonly number[];
  /** `performance.now()` (ms) at the start and end of each pass. */
  readonly spans: readonly (readonly [number, number])[];
  /** The first 16 hex digits of the outcomes' hash (the same for every pass). */
  readonly digest: string;
}

/** Runs `passes` passes over ETH's sets (the first `limit` of them, default all). */
export async function runSweepPasses(passes: number, limit = Number.POSITIVE_INFINITY): Promise<SweepPasses> {
  const o = sampleReevalOptions(['ETH'], 1);
  const plan = planReeval(o);
  const sp = plan.symbols[0];
  if (sp === undefined) throw new Error('no ETH plan');
  const ctx = sweepContext(sweepInit(sp.sweep, sp.extent), o.strategy);
  const points = sp.extent.points.slice(0, limit);
  const cpuS: number[] = [];
  const spans: [number, number][] = [];
  let digest = '';
  for (let pass = 0; pass < passes; pass++) {
    const hash = createHash('sha256');
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const p of points) {
      const out = await evaluateSet(ctx, p.params);
      for (const w of [out.full, out.h1, out.h2]) {
        hash.update(JSON.stringify(w.metrics));
        hash.update(String(w.refusedSignals));
        hash.update(new Uint8Array(w.blockPnl.buffer, w.blockPnl.byteOffset, w.blockPnl.byteLength));
      }
    }
    const c = process.cpuUsage(c0);
    cpuS.push((c.user + c.system) / 1e6);
    spans.push([t0, performance.now()]);
    const d = hash.digest('hex').slice(0, 16);
    if (digest !== '' && d !== digest) throw new Error(`pass ${pass} computed other outcomes (${d} ≠ ${digest})`);
    digest = d;
  }
  return { sets: points.length, cpuS, spans, digest };
}
