/**
 * The sweep's CPU work as a count the machine's load does not change: the machine instructions
 * of one warm set, counted by Valgrind (cachegrind, no cache simulation) over a child Node that
 * runs the sweep passes of sweep-passes.ts on the build (`dist/`, what `npm start` runs) in a
 * worker thread given the sweep's shared inputs by the child's main thread, which plans, as the
 * re-evaluation's workers do (a worker starts with the 16 MB semi-space of a sweep worker; the
 * main thread's grows from 1 MB and would count other collections; and a worker that planned
 * would count the planning's effect on its heap). The child runs `--predictable` (one thread for
 * compilation and collection, fixed seeds, no time-driven heuristics), so the same work is
 * counted on every run, loaded machine or not.
 *
 * Two children run at once, with 2 and with 4 passes over the same sets; the difference is two
 * warm passes, start-up and planning cancel out. The same build gives the same figure to ≈ 0.1 %
 * (time on this machine: ±9 % even paired). Instructions are not cycles (cache misses and
 * branch mispredictions are not counted), but in the eleventh round's change both moved alike
 * (instructions −5.4 %, CPU −4 % ± 3 %). Needs `valgrind` on the PATH; ≈ 90 s for 300 sets.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { REPO_ROOT } from '../test-support/repo-paths.js';
import { bundleBenchChild } from './bundle-child.js';
import { ensureBuilt } from './ensure-built.js';

/** What the measurement found. */
export interface SweepInstructions {
  /** Machine instructions per set of a warm pass (all three windows). */
  readonly perSet: number;
  readonly sets: number;
  /** The outcomes' hash (both children computed the same). */
  readonly digest: string;
}

/** True when `valgrind` can be started. */
export function hasValgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** The total of Valgrind's "I refs:" line in `stderr`. @throws Error when there is none. */
export function instructionsOf(stderr: string): number {
  const m = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (m === null) throw new Error(`no "I refs" line in valgrind's output: ${stderr.trim().slice(-300)}`);
  return Number((m[1] as string).replaceAll(',', ''));
}

/** Instructions per set of the warm passes: the 4-pass count minus the 2-pass count, over 2 × `sets`. */
export function perSetOf(twoPasses: number, fourPasses: number, sets: number): number {
  if (!(fourPasses > twoPasses) || !(sets > 0)) throw new Error('the longer run counted no more instructions');
  return (fourPasses - twoPasses) / (2 * sets);
}

/** One child (`script`) under Valgrind: `passes` passes over the first `sets` of ETH's sets. */
function countChild(script: string, passes: number, sets: number): Promise<{ instructions: number; digest: string }> {
  const child = spawn(
    'valgrind',
    [
      '--tool=cachegrind',
      '--cache-sim=no',
      '--cachegrind-out-file=/dev/null',
      // Node writes its compiled code into memory it then runs.
      '--smc-check=all-non-file',
      process.execPath,
      // One thread, fixed seeds, no timers deciding V8's work: the same count on a loaded machine.
      '--predictable',
      script,
      String(passes),
      String(sets),
    ],
    { cwd: REPO_ROOT },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sweep-instructions child exited ${code}: ${err.trim().slice(-500)}`));
      const last = out.trim().split('\n').pop() ?? '';
      resolve({ instructions: instructionsOf(err), digest: (JSON.parse(last) as { digest: string }).digest });
    });
  });
}

/** Counts the instructions per warm set over the first `sets` of ETH's sets. @throws Error when a child fails. */
export async function measureSweepInstructions(sets = 300): Promise<SweepInstructions> {
  ensureBuilt();
  const script = bundleBenchChild('sweep-instructions-child');
  let two: { instructions: number; digest: string };
  let four: typeof two;
  try {
    [two, four] = await Promise.all([countChild(script, 2, sets), countChild(script, 4, sets)]);
  } finally {
    rmSync(script, { force: true });
  }
  if (two.digest !== four.digest)
    throw new Error(`the children computed other outcomes (${two.digest} ≠ ${four.digest})`);
  return { perSet: perSetOf(two.instructions, four.instructions, sets), sets, digest: two.digest };
}
