/**
 * The start-up check of the built CLI: `dist/` must have been built from exactly the sources
 * now in `src/` (same files, same bytes), else it refuses to start, so the code that runs is
 * always the code the checkout holds (and the code the fingerprint hashes; see source-hash.ts).
 */
import { dirname } from 'node:path';
import { StaleBuildError } from '../engine/errors.js';
import { hashBuildInputs } from './build-inputs.js';
import { readBuildManifest, type BuildManifest } from './build-manifest.js';
import { VENDORED, vendoredVersions } from './vendored-packages.js';

/** The fix every stale-build message names. */
export const REBUILD_FIX = 'run `npm run build`';

/**
 * Sources that differ between a build and the current tree: changed, added or removed since the
 * build, sorted by path.
 */
export function changedSources(
  built: Readonly<Record<string, string>>,
  now: Readonly<Record<string, string>>,
): string[] {
  const paths = new Set([...Object.keys(built), ...Object.keys(now)]);
  return [...paths].filter((p) => built[p] !== now[p]).sort();
}

/**
 * The manifest of `distRoot` when it was built from the sources now in `srcRoot`.
 * Side effect: reads every source under `srcRoot` (10–20 ms) and the vendored packages'
 * package.json under the folder holding `srcRoot`.
 * @throws StaleBuildError (exit 72) when there is no complete build, any source changed since it,
 *   or a vendored package's installed version differs from the one bundled (vendor-bundles.ts).
 */
export function assertDistFresh(distRoot: string, srcRoot: string): BuildManifest {
  const manifest = readBuildManifest(distRoot);
  if (manifest === undefined) throw new StaleBuildError(`dist/ holds no complete build: ${REBUILD_FIX}`);
  const changed = changedSources(manifest.sources, hashBuildInputs(srcRoot));
  if (changed.length > 0) {
    const more = changed.length > 1 ? ` and ${changed.length - 1} more` : '';
    throw new StaleBuildError(
      `dist/ is older than src/: ${REBUILD_FIX} (changed since the build: ${changed[0]}${more})`,
    );
  }
  const moved = movedVendored(manifest.vendored ?? {}, vendoredVersions(dirname(srcRoot)));
  if (moved !== undefined) throw new StaleBuildError(`dist/ bundles another version of ${moved}: ${REBUILD_FIX}`);
  return manifest;
}

/**
 * The first vendored package whose bundled version differs from the installed one, as
 * `name (X built, Y installed)`, or undefined when all match.
 */
export function movedVendored(
  built: Readonly<Record<string, string>>,
  installed: Readonly<Record<string, string>>,
): string | undefined {
  const pkg = VENDORED.find((p) => built[p] !== installed[p]);
  return pkg === undefined
    ? undefined
    : `${pkg} (${built[pkg] ?? 'none'} built, ${installed[pkg] ?? 'none'} installed)`;
}

/** True when `distRoot` holds a build of exactly the sources in `srcRoot`. */
export function isDistFresh(distRoot: string, srcRoot: string): boolean {
  try {
    assertDistFresh(distRoot, srcRoot);
    return true;
  } catch (e) {
    if (e instanceof StaleBuildError) return false;
    throw e;
  }
}
