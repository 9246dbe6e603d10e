import { describe, expect, it } from 'vitest';
import {
  analyseSymbol,
  analysisBasis,
  analysisWithTests,
  parseVerdictConfig,
  windowDraws,
  type SymbolSweep,
} from '../verdict/index.js';
import { syntheticSweep } from '../verdict/synthetic-sweep.js';
import { runSharedSpa, shareSpaInput } from './shared-spa.js';

const config = parseVerdictConfig({ bootstrapReps: 199 });

function givenSpa(sweep: SymbolSweep) {
  const on = (w: 'h1' | 'full') => runSharedSpa(shareSpaInput(sweep, w, windowDraws(sweep, config, w)));
  return { h1: on('h1'), full: on('full') };
}

describe('best-of-N tests on shared memory', () => {
  it('give exactly the analysis computed in one thread, for random sweeps with repeated and constant sets', () => {
    for (const seed of [1, 2, 3]) {
      const base = syntheticSweep({ seed, axisSizes: { A: 6, B: 5 }, commonShare: 0.4, baselineIndex: seed });
      // A duplicate of set 0 and a constant offset of the baseline: the cases the test skips.
      const sets = base.sets.map((s, i) =>
        i === 7 ? { ...s, windows: base.sets[0]!.windows } : i === 9 ? offset(base, s, 0.5) : s,
      );
      const sweep = { ...base, sets };
      const split = analysisWithTests(analysisBasis(sweep, config), givenSpa(sweep));
      expect(JSON.stringify(split)).toBe(JSON.stringify(analyseSymbol(sweep, config)));
      expect(split).toEqual(analyseSymbol(sweep, config));
    }
  });
});

/** Set `s` with the baseline's block PnL plus `c` in every block. */
function offset(sweep: SymbolSweep, s: SymbolSweep['sets'][number], c: number): SymbolSweep['sets'][number] {
  const b = sweep.sets[sweep.baselineIndex]!.windows;
  const w = (k: 'full' | 'h1' | 'h2') => ({ ...b[k], blockPnl: b[k].blockPnl.map((x) => x + c) });
  return { ...s, windows: { full: w('full'), h1: w('h1'), h2: w('h2') } };
}
