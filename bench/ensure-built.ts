/** Builds `dist/` when it is missing or older than `src/` (scripts/build-if-stale.mjs), for benchmarks of the built code. */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../test-support/repo-paths.js';

/** @throws Error with the build's output when the build fails. */
export function ensureBuilt(): void {
  const r = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed: ${r.stderr}`);
}
