/**
 * Benchmark: the sweep's CPU work as instructions per set, a count the machine's load does not
 * change (sweep-instructions.ts): `npm run bench -- sweep-instructions`. Skipped, saying so,
 * where Valgrind is not installed.
 */
import { hasValgrind, measureSweepInstructions } from './sweep-instructions.js';

/** Runs the benchmark and returns a one-line summary. */
export async function benchSweepInstructions(): Promise<string> {
  if (!hasValgrind())
    return 'sweep instructions: SKIPPED, valgrind is not installed (Debian: apt-get install valgrind)';
  const { perSet, sets, digest } = await measureSweepInstructions();
  return `sweep instructions, warm passes (ETH, first ${sets} sets, in a worker thread): ${(perSet / 1e6).toFixed(3)} M instructions per set; outcomes ${digest}`;
}
