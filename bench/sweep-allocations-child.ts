/**
 * The child process of `sweep-allocations.ts`: plans ETH's sweep in its main thread, then runs
 * two sweep passes in a worker thread given the sweep's shared inputs (sweep-passes.ts), as a
 * `coinbot reeval` worker runs its sets, and prints one JSON line: the young-generation
 * collections (V8 scavenges) of the worker inside the second, warm pass, the sets per pass and
 * the outcomes' hash. Argument: how many of ETH's sets (default all).
 *
 * - The worker never plans: counted in the planning thread, a change to the planning alone (the
 *   indicators' batch forms) moved the count from 186 to 212 while the main job's workers' fell.
 * - It runs the build in `dist/`, bundled (sweep-allocations.ts), not under tsx: under tsx's
 *   loader the count moved by ±25 % with the bytes of the environment.
 * - Started with a fixed semi-space size and without V8's helper threads, so the count is the
 *   same on every run of the same build.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { planSweepPasses, runPassesOn, type SweepPassInput } from './sweep-passes.js';

if (isMainThread) {
  const limit = process.argv[2] === undefined ? Number.POSITIVE_INFINITY : Number(process.argv[2]);
  const input = await planSweepPasses(limit, 'dist');
  // This module again, in the thread (bundled: plain JS, no tsx).
  const w = new Worker(new URL(import.meta.url), { workerData: input });
  w.on('message', (line: string) => console.log(line));
  w.on('error', (e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  const minor: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[])
      if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor.push(e.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const { sets, spans, digest } = await runPassesOn(workerData as SweepPassInput, 2, 'dist');
  // GC entries are delivered after the synchronous work: let them arrive before counting.
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  const [from, to] = spans[1] as readonly [number, number];
  const scavenges = minor.filter((t) => t >= from && t <= to).length;
  parentPort?.postMessage(JSON.stringify({ scavenges, sets, digest }));
}
