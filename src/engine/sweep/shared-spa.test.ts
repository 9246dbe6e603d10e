import { describe, expect, it } from 'vitest';
import {
  combineSuperiorAbility,
  analyseSymbol,
  analysisBasis,
  analysisWithTests,
  parseVerdictConfig,
  superiorAbility,
  windowDraws,
  type SymbolSweep,
} from '../verdict/index.js';
import { syntheticSweep } from '../verdict/synthetic-sweep.js';
import type { SetRunner } from './set-runner.js';
import { runSharedSpa, shareSpaInput, spaOnRunner } from './shared-spa.js';

const config = parseVerdictConfig({ bootstrapReps: 199 });

/** A runner that runs the test's parts in this thread, as if on `threads` workers. */
function partsRunner(threads: number): SetRunner {
  const none = () => Promise.reject(new Error('not used'));
  return { threads, stress: none, detail: none, spa: async (_, input, range) => runSharedSpa(input, range) };
}

/** Set `s` with the baseline's block PnL plus `c` in every block. */
function offset(sweep: SymbolSweep, s: SymbolSweep['sets'][number], c: number): SymbolSweep['sets'][number] {
  const b = sweep.sets[sweep.baselineIndex]!.windows;
  const w = (k: 'full' | 'h1' | 'h2') => ({ ...b[k], blockPnl: b[k].blockPnl.map((x) => x + c) });
  return { ...s, windows: { full: w('full'), h1: w('h1'), h2: w('h2') } };
}

describe('best-of-N tests on shared memory', () => {
  it('give exactly the one-thread analysis, split over 1 to 3 threads, with repeated and constant sets', async () => {
    for (const seed of [1, 2, 3]) {
      const base = syntheticSweep({ seed, axisSizes: { A: 6, B: 5 }, commonShare: 0.4, baselineIndex: seed });
      // A duplicate of set 0 and a constant offset of the baseline: the cases the test skips.
      const sets = base.sets.map((s, i) =>
        i === 7 ? { ...s, windows: base.sets[0]!.windows } : i === 9 ? offset(base, s, 0.5) : s,
      );
      const sweep = { ...base, sets };
      const runner = partsRunner(seed);
      const on = (w: 'h1' | 'full') => spaOnRunner(runner, 0, shareSpaInput(sweep, w, windowDraws(sweep, config, w)));
      const tests = { h1: await on('h1'), full: await on('full') };
      const b = sweep.baselineIndex;
      expect(tests.full).toEqual(
        superiorAbility(
          sweep.sets.map((s) => s.windows.full.blockPnl),
          b,
          windowDraws(sweep, config, 'full'),
        ),
      );
      const split = analysisWithTests(analysisBasis(sweep, config), tests);
      expect(JSON.stringify(split)).toBe(JSON.stringify(analyseSymbol(sweep, config)));
      expect(split).toEqual(analyseSymbol(sweep, config));
    }
  });

  it('skip the draws of sets marked as repeats elsewhere: exact for a true repeat, and honoured (a wrong mark shows)', () => {
    const base = syntheticSweep({ seed: 5, axisSizes: { A: 6, B: 5 }, commonShare: 0.4, baselineIndex: 4 });
    const sets = base.sets.map((s, i) => (i === 20 ? { ...s, windows: base.sets[3]!.windows } : s));
    const sweep = { ...base, sets };
    const input = shareSpaInput(sweep, 'full', windowDraws(sweep, config, 'full'));
    const parts = (skip?: number) => {
      const mask = new Uint8Array(new SharedArrayBuffer(sets.length));
      if (skip !== undefined) mask[skip] = 1;
      const marked = { ...input, skipDraws: mask.buffer as SharedArrayBuffer };
      return [runSharedSpa(marked, { from: 0, to: 15 }), runSharedSpa(marked, { from: 15, to: sets.length })];
    };
    const unmarked = parts();
    // Set 20 repeats set 3 (another part): skipping its draws leaves the combined test as it was.
    expect(combineSuperiorAbility(parts(20), input.draws)).toEqual(combineSuperiorAbility(unmarked, input.draws));
    // The second part's best set repeats nothing: skipping it loses its draws, and the part shows that.
    const best = 15 + unmarked[1]!.tStats.indexOf(Math.max(...unmarked[1]!.tStats.filter((t) => !Number.isNaN(t))));
    expect(best).not.toBe(20);
    expect(parts(best)[1]!.spaMax).not.toEqual(unmarked[1]!.spaMax);
  });
});
