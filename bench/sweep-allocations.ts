/**
 * How much one symbol's sweep allocates, as a count that does not depend on the
 * machine's load: the young-generation collections (V8 scavenges) of one warm pass over ETH's
 * sets (sweep-passes.ts, on the build in `dist/`) in a worker thread of a child Node, given the
 * sweep's shared inputs as a `coinbot reeval` worker is, with a fixed 16 MB semi-space and no
 * helper threads (`--single-threaded`). Each scavenge empties a full semi-space, so the count × 16 MB is close
 * to the bytes allocated. The same build gives the same count on every run: the steady way to
 * compare two builds whose time differs by less than the machine's noise.
 */
import { runBenchChild } from './bundle-child.js';

/** The semi-space size the child runs with (MB). */
export const SEMI_SPACE_MB = 16;

/** What the child measured. */
export interface SweepAllocations {
  readonly scavenges: number;
  readonly sets: number;
  readonly digest: string;
}

/**
 * Runs the child over the first `sets` of ETH's sets (default all) and returns its figures.
 * Side effects: builds `dist/` when stale, writes the child's bundle into `bench/` and deletes it.
 * @throws Error when the child cannot start or fails.
 */
export function measureSweepAllocations(sets?: number): SweepAllocations {
  const flags = [
    '--single-threaded',
    `--min-semi-space-size=${SEMI_SPACE_MB}`,
    `--max-semi-space-size=${SEMI_SPACE_MB}`,
  ];
  const lines = runBenchChild('sweep-allocations-child', flags, sets === undefined ? [] : [String(sets)]);
  const last = lines.pop();
  if (last === undefined) throw new Error('sweep-allocations child printed no figures');
  return last as SweepAllocations;
}

/** KB allocated per set, from the scavenge count (each empties a full semi-space). */
export function kbPerSetOf(a: SweepAllocations): number {
  return (a.scavenges * SEMI_SPACE_MB * 1024) / a.sets;
}
