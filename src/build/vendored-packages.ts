/**
 * The packages the build bundles into `dist/vendor/` (vendor-bundles.ts) and how to read the
 * installed version of each. Kept apart from the bundling itself so that the start-up check
 * (dist-freshness.ts) does not load esbuild.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Packages bundled into `dist/vendor/`; every other package is imported from node_modules. */
export const VENDORED = ['zod', 'apache-arrow'] as const;

/** Folder of the bundles inside `dist/`. */
export const VENDOR_DIR = 'vendor';

/**
 * The package.json of `pkg` as Node resolves it from `projectRoot` (its own node_modules, then
 * the parents' ones, symlinks followed), or undefined when it is not installed.
 * Side effect: reads files.
 */
export function installedPackageJson(projectRoot: string, pkg: string): string | undefined {
  const require = createRequire(join(projectRoot, 'package.json'));
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    return undefined;
  }
  // Up from the resolved entry to the package's own package.json.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
      if (json.name === pkg) return file;
    } catch {
      // No package.json at this level: keep going up.
    }
  }
  return undefined;
}

/**
 * Installed version of each vendored package as Node resolves it from `projectRoot`, or
 * `missing`. Side effect: reads their package.json files.
 */
export function vendoredVersions(projectRoot: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pkg of VENDORED) {
    const file = installedPackageJson(projectRoot, pkg);
    out[pkg] =
      file === undefined
        ? 'missing'
        : String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version);
  }
  return out;
}
