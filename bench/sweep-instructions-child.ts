/**
 * The child process of sweep-instructions.ts: plans ETH's sweep in its main thread, then runs
 * `passes` sweep passes over the first `sets` of its sets in one worker thread given the sweep's
 * shared inputs (sweep-passes.ts, on the build in `dist/`), as a `coinbot reeval` worker runs its
 * sets, and prints one JSON line with the outcomes' hash. Arguments: passes, sets. Run bundled
 * (sweep-instructions.ts), not under tsx.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { planSweepPasses, runPassesOn, type SweepPassInput } from './sweep-passes.js';

if (isMainThread) {
  const [passes, sets] = process.argv.slice(2).map(Number);
  const input = await planSweepPasses(sets, 'dist');
  // This module again, in the thread (bundled by sweep-instructions.ts: plain JS, no tsx).
  const w = new Worker(new URL(import.meta.url), { workerData: { input, passes } });
  w.on('message', (line: string) => console.log(line));
  w.on('error', (e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  const { input, passes } = workerData as { input: SweepPassInput; passes: number };
  const r = await runPassesOn(input, passes, 'dist');
  parentPort?.postMessage(JSON.stringify({ sets: r.sets, digest: r.digest }));
}
