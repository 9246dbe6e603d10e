/**
 * The child process of sweep-instructions.ts: runs `passes` sweep passes over the first `sets`
 * of ETH's sets (sweep-passes.ts, on the build in `dist/`) in one worker thread, then prints one JSON line with the
 * outcomes' hash. Arguments: passes, sets. Run bundled (sweep-instructions.ts), not under tsx.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runSweepPasses } from './sweep-passes.js';

if (isMainThread) {
  const [passes, sets] = process.argv.slice(2).map(Number);
  // This module again, in the thread (bundled by sweep-instructions.ts: plain JS, no tsx).
  const w = new Worker(new URL(import.meta.url), { workerData: { passes, sets } });
  w.on('message', (line: string) => console.log(line));
  w.on('error', (e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  const { passes, sets } = workerData as { passes: number; sets: number };
  const r = await runSweepPasses(passes, sets, 'dist');
  parentPort?.postMessage(JSON.stringify({ sets: r.sets, digest: r.digest }));
}
