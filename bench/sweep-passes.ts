/**
 * Passes of one symbol's sweep in one thread (ETH on the bundled sample, the default grid,
 * 48 h): `evaluateSet` over every set, no pool, messages, verdicts or report. The planning
 * ({@link planSweepPasses}) can run in another thread than the passes ({@link runPassesOn}), as
 * in `coinbot reeval`, whose workers receive the sweep's shared inputs and never plan: counted
 * in the planning thread, a change to the planning alone moved the count of scavenges by 14 %. Shared by the
 * `sweep-thread` (CPU time), `sweep-allocations` (young-generation collections) and
 * `sweep-instructions` (machine instructions) benchmarks. Each pass hashes every outcome (the
 * metrics, refused signals and block PnL of all three windows); a pass computing other outcomes
 * than the first throws. The engine is the sources' (under tsx) or the build's (`dist/`, what
 * `npm start` runs: tsx's output differs, e.g. it names every function it creates).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../test-support/repo-paths.js';
import type { ParamSet } from '../src/engine/sweep/grid.js';
import type { SweepInit } from '../src/engine/sweep/sweep-context.js';
import { sampleReevalOptions, type OptionModules } from './sample-reeval-options.js';

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

/**
 * The modules the planning and the passes use, from `root` (`src` or `dist`) of this checkout.
 * A worker running only the passes loads them all too, as a pool worker loads the verdict's
 * modules beside the simulator's: loading only the context and the strategy moved the warm
 * pass's scavenge count from 198 to 218 for the same code (the count follows the heap's layout).
 */
async function engineOf(root: 'src' | 'dist') {
  const at = (p: string) => pathToFileURL(join(REPO_ROOT, root, p)).href;
  return {
    plan: (await import(at('engine/sweep/reeval-plan.js'))) as typeof import('../src/engine/sweep/reeval-plan.js'),
    context: (await import(
      at('engine/sweep/sweep-context.js')
    )) as typeof import('../src/engine/sweep/sweep-context.js'),
    init: (await import(at('engine/sweep/sweep-init.js'))) as typeof import('../src/engine/sweep/sweep-init.js'),
    options: {
      ...((await import(at('engine/symbols.js'))) as typeof import('../src/engine/symbols.js')),
      ...((await import(at('engine/verdict/index.js'))) as typeof import('../src/engine/verdict/index.js')),
      ...((await import(at('strategies/index.js'))) as typeof import('../src/strategies/index.js')),
    } satisfies OptionModules,
  };
}

/** What a pass needs: the sweep's shared inputs (as the pool sends them) and the sets' parameters. */
export interface SweepPassInput {
  readonly init: SweepInit;
  readonly params: readonly ParamSet[];
}

/**
 * Plans ETH's sweep and builds its shared inputs (indicators precomputed into shared memory), as
 * the main thread of `coinbot reeval` does, for the first `limit` sets. Structured-clonable: a
 * worker given it holds no trace of the planning in its own heap.
 */
export async function planSweepPasses(
  limit = Number.POSITIVE_INFINITY,
  root: 'src' | 'dist' = 'src',
): Promise<SweepPassInput> {
  const e = await engineOf(root);
  const plan = e.plan.planReeval(sampleReevalOptions(['ETH'], 1, e.options));
  const sp = plan.symbols[0];
  if (sp === undefined) throw new Error('no ETH plan');
  return { init: e.init.sweepInit(sp.sweep, sp.extent), params: sp.extent.points.slice(0, limit).map((p) => p.params) };
}

/**
 * Runs `passes` passes of `input`'s sets in this thread on the engine of `root`, the context
 * made from the shared inputs as a sweep worker makes it. Each pass hashes every outcome.
 * @throws Error when a pass computes other outcomes than the first.
 */
export async function runPassesOn(
  input: SweepPassInput,
  passes: number,
  root: 'src' | 'dist' = 'src',
): Promise<SweepPasses> {
  const e = await engineOf(root);
  const strategy = e.options.strategies.get(input.init.strategyName);
  if (strategy === undefined) throw new Error(`no strategy ${input.init.strategyName}`);
  const ctx = e.context.sweepContext(input.init, strategy);
  const cpuS: number[] = [];
  const spans: [number, number][] = [];
  let digest = '';
  for (let pass = 0; pass < passes; pass++) {
    const hash = createHash('sha256');
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const params of input.params) {
      const out = await e.context.evaluateSet(ctx, params);
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
  return { sets: input.params.length, cpuS, spans, digest };
}

/**
 * Runs `passes` passes over ETH's sets (the first `limit` of them, default all) on the engine of
 * `root` (default the sources; `dist` must be built and current), planning included, all in this
 * thread (the `sweep-thread` bench).
 */
export async function runSweepPasses(
  passes: number,
  limit = Number.POSITIVE_INFINITY,
  root: 'src' | 'dist' = 'src',
): Promise<SweepPasses> {
  return runPassesOn(await planSweepPasses(limit, root), passes, root);
}
