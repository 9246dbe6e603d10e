import { describe, expect, it } from 'vitest';
import {
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
});
