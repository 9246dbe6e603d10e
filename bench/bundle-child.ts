/**
 * A benchmark's child script as one plain ES module beside its source (a temp name; the caller
 * deletes it), run by Node without tsx: tsx's loader turns on source maps, under which the same
 * built code counted 15–28 % more instructions (twelfth round). Packages stay outside the bundle.
 * The code a child measures (the simulator, the strategy, the sweep) it imports from `dist/` at
 * run time; what the bundle inlines from `src/` only builds inputs (the benches' candle and
 * parameter loaders), and a child checks that those inputs carry no code (backtest-child.ts).
 * The bundle must stay in `bench/`: the bundled `test-support/repo-paths.ts` finds the
 * repository from its own location, one folder down. ESLint ignores `*.tmp-*` files, so a bundle
 * left by a killed bench does not fail `npm run lint`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../test-support/repo-paths.js';
import { ensureBuilt } from './ensure-built.js';

/**
 * Bundles `bench/<name>.ts`; returns the path of the bundle (`bench/.<name>.tmp-<pid>.mjs`).
 * Side effect: writes that file.
 */
export function bundleBenchChild(name: string): string {
  const out = join(REPO_ROOT, 'bench', `.${basename(name)}.tmp-${process.pid}.mjs`);
  buildSync({
    entryPoints: [join(REPO_ROOT, 'bench', `${name}.ts`)],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return out;
}

/**
 * Runs `bench/<name>.ts` as a bundled child (`node <nodeFlags> <bundle> <args>`, in the
 * repository) on a current `dist/`, and returns the JSON lines it printed, parsed. Side effects:
 * builds `dist/` when stale, writes the bundle into `bench/` and deletes it, runs the child.
 * @throws Error when the child cannot start or fails.
 */
export function runBenchChild(name: string, nodeFlags: readonly string[], args: readonly string[]): unknown[] {
  ensureBuilt();
  const script = bundleBenchChild(name);
  try {
    const r = spawnSync(process.execPath, [...nodeFlags, script, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (r.error !== undefined) throw new Error(`${name} did not start: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr.trim().slice(-500)}`);
    return r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as unknown);
  } finally {
    rmSync(script, { force: true });
  }
}
