/**
 * A benchmark's child script as one plain ES module beside its source (a temp name; the caller
 * deletes it): run by Node without tsx, whose loader turns on source maps and makes the same
 * code 10–28 % slower. Packages stay outside the bundle; the engine is imported from `dist/` at
 * run time by the child itself, so the process holds one copy of it.
 */
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../test-support/repo-paths.js';

/** Bundles `bench/<name>.ts`; returns the path of the bundle (`bench/.<name>.tmp-<pid>.mjs`). */
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
