/**
 * Benchmark: the sweep's allocation as a count the machine's load does not change
 * (sweep-allocations.ts): `npm run bench -- sweep-allocations`.
 */
import { kbPerSetOf, measureSweepAllocations, SEMI_SPACE_MB } from './sweep-allocations.js';

/** Runs the benchmark and returns a one-line summary. */
export async function benchSweepAllocations(): Promise<string> {
  const { scavenges, sets, digest } = measureSweepAllocations();
  const kbPerSet = kbPerSetOf({ scavenges, sets, digest });
  return `sweep allocations, one warm pass (ETH, ${sets} sets): ${scavenges} scavenges at a ${SEMI_SPACE_MB} MB semi-space ≈ ${kbPerSet.toFixed(0)} KB allocated per set; outcomes ${digest}`;
}
