/**
 * Benchmark: the verdict statistics for one symbol at full size (issue 6 target: N = 5,000 sets
 * × 48 blocks × B = 1,000 bootstrap replications "in a few seconds on one core"; we hold it to
 * 3 s). Times the best-of-N bootstrap on the full window alone, then the whole `analyseSymbol`
 * (SPA on h1 and full, effective trials, neighbourhoods, candidates, NO EDGE) on a synthetic sweep.
 */
import { analyseSymbol } from '../src/engine/verdict/analyse-symbol.js';
import { drawStationaryBootstrap } from '../src/engine/verdict/stationary-bootstrap.js';
import { superiorAbility } from '../src/engine/verdict/superior-ability.js';
import { syntheticSweep } from '../src/engine/verdict/synthetic-sweep.js';
import { parseVerdictConfig } from '../src/engine/verdict/verdict-config.js';

const TARGET_S = 3;

/** Runs the benchmark and returns a one-line verdict. */
export async function benchVerdict(): Promise<string> {
  const sweep = syntheticSweep({ seed: 1, axisSizes: { a: 10, b: 10, c: 50 }, commonShare: 0.5 });
  const config = parseVerdictConfig({ bootstrapReps: 1000 });
  const n = sweep.sets.length;
  const full = sweep.sets.map((s) => s.windows.full.blockPnl);
  analyseSymbol(syntheticSweep({ seed: 2, axisSizes: { a: 10, b: 10 } }), config); // warm the JIT

  let t0 = performance.now();
  superiorAbility(full, sweep.baselineIndex, drawStationaryBootstrap(48, 1000, 4, 1));
  const spaS = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const a = analyseSymbol(sweep, config);
  const allS = (performance.now() - t0) / 1000;

  const madds = (n * 1000 * (48 + 24) * 2) / 1e6;
  return (
    `verdict: N=${n} sets × 48 blocks × B=1000: best-of-N bootstrap (full window) ${spaS.toFixed(2)} s; ` +
    `analyseSymbol ${allS.toFixed(2)} s (${(madds / allS).toFixed(0)} M multiply-adds/s in the two SPAs, ` +
    `${a.candidates.length} candidates) (target ${TARGET_S} s, ratio ${(TARGET_S / allS).toFixed(1)}×)`
  );
}
