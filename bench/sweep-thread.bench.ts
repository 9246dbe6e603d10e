/**
 * Benchmark: one symbol's sweep in this one thread (sweep-passes.ts), three passes. Prints the
 * CPU time of the first pass (cold: interpreter and compilation) and of the fastest warm pass,
 * with the hash of every outcome so two builds can be checked to compute the same thing. Far
 * steadier than the main job's wall time on a shared 2 vCPU machine, yet still ±10 % from run
 * to run there: for changes smaller than that, compare `sweep-allocations` instead.
 */
import { runSweepPasses } from './sweep-passes.js';

const PASSES = 3;

/** Runs the benchmark and returns a one-line summary. */
export async function benchSweepThread(): Promise<string> {
  const { sets, cpuS, digest } = await runSweepPasses(PASSES);
  const warm = Math.min(...cpuS.slice(1));
  return `sweep, one thread (ETH, ${sets} sets × 3 windows): first pass ${(cpuS[0] as number).toFixed(2)} CPU-s, warm ${warm.toFixed(2)} CPU-s (${((warm * 1e6) / sets).toFixed(0)} µs per set); outcomes ${digest}`;
}
