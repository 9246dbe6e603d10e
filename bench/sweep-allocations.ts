/**
 * How much one symbol's sweep allocates, as a count that does not depend on the
 * machine's load: the young-generation collections (V8 scavenges) of one warm pass over ETH's
 * sets (sweep-passes.ts, on the build in `dist/`) in a worker thread of a child Node, given the
 * sweep's shared inputs as a `coinbot reeval` worker is, with a fixed 16 MB semi-space and no
 * helper threads (`--single-threaded`). Each scavenge empties a full semi-space, so the count × 16 MB is close
 * to the bytes allocated. The same build gives the same count on every run: the steady way to
 * compare two builds whose time differs by less than the machine's noise.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { REPO_ROOT } from '../test-support/repo-paths.js';
import { bundleBenchChild } from './bundle-child.js';
import { ensureBuilt } from './ensure-built.js';

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
  ensureBuilt();
  const script = bundleBenchChild('sweep-allocations-child');
  try {
    const r = spawnSync(
      process.execPath,
      [
        '--single-threaded',
        `--min-semi-space-size=${SEMI_SPACE_MB}`,
        `--max-semi-space-size=${SEMI_SPACE_MB}`,
        script,
        ...(sets === undefined ? [] : [String(sets)]),
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    if (r.error !== undefined) throw new Error(`sweep-allocations child did not start: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`sweep-allocations child failed (${r.status}): ${r.stderr.trim()}`);
    const last = r.stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as SweepAllocations;
  } finally {
    rmSync(script, { force: true });
  }
}

/** KB allocated per set, from the scavenge count (each empties a full semi-space). */
export function kbPerSetOf(a: SweepAllocations): number {
  return (a.scavenges * SEMI_SPACE_MB * 1024) / a.sets;
}
