/**
 * The child process of `sweep-allocations.ts`: two sweep passes (sweep-passes.ts), then one
 * JSON line on stdout: the young-generation collections (V8 scavenges) inside the second, warm
 * pass, the sets per pass and the outcomes' hash. Argument: how many of ETH's sets (default all).
 * Runs the build in `dist/`, bundled (sweep-allocations.ts), not under tsx: under tsx's loader the
 * count moved by ±25 % with the bytes of the environment (57–88 scavenges per 2,000 sets, one
 * variable added or renamed; the build: 65–67). Started with a fixed semi-space size and without
 * V8's helper threads, so the count is the same on every run of the same build.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { runSweepPasses } from './sweep-passes.js';

const minor: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[])
    if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor.push(e.startTime);
});
observer.observe({ entryTypes: ['gc'] });
const limit = process.argv[2] === undefined ? Number.POSITIVE_INFINITY : Number(process.argv[2]);
const { sets, spans, digest } = await runSweepPasses(2, limit, 'dist');
// GC entries are delivered after the synchronous work: let them arrive before counting.
await new Promise((r) => setTimeout(r, 100));
observer.disconnect();
const [from, to] = spans[1] as readonly [number, number];
const scavenges = minor.filter((t) => t >= from && t <= to).length;
console.log(JSON.stringify({ scavenges, sets, digest }));
