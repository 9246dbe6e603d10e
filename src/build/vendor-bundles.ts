/**
 * Vendored packages of the build: `zod` and `apache-arrow` are bundled into one ES module each,
 * `dist/vendor/<package>.js`, and the built modules that import them are pointed at that file.
 * Loading one file instead of ≈ 95 (zod) and ≈ 146 (apache-arrow) cuts their share of a start
 * (measured on the 2-core dev machine: zod ≈ 100 → 45 ms, apache-arrow ≈ 165 → 35 ms). zod is
 * loaded by the main thread and by every sweep worker (parameter and verdict schemas), so the
 * main job pays it three times.
 *
 * The bundles hold the installed packages' own code, unchanged (esbuild joins the modules; no
 * minification). The manifest records the installed version of each (`vendored`), and the
 * start-up check (dist-freshness.ts) treats a build whose versions differ from `node_modules` as
 * stale, so an `npm ci` of another lock file cannot leave old copies running.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { VENDOR_DIR, VENDORED } from './vendored-packages.js';

/**
 * Writes `<out>/vendor/<pkg>.js` for every vendored package (resolved from `projectRoot`) and
 * rewrites every built module under `out` that imports one to import the bundle instead.
 * Side effects: writes the bundles and rewrites built `.js` files in place.
 */
export async function bundleVendored(out: string, projectRoot: string): Promise<void> {
  for (const pkg of VENDORED) {
    // `export *` leaves out a default export: re-exported by name when the package has one.
    const hasDefault = 'default' in ((await import(pkg)) as object);
    const contents = `export * from '${pkg}';\n${hasDefault ? `export { default } from '${pkg}';\n` : ''}`;
    await build({
      stdin: { contents, resolveDir: projectRoot, sourcefile: `${pkg}-entry.js` },
      outfile: join(out, VENDOR_DIR, `${pkg}.js`),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
  }
  for (const file of builtModules(out)) {
    const code = readFileSync(file, 'utf8');
    const next = pointAtVendored(code, relative(dirname(file), join(out, VENDOR_DIR)));
    const left = leftoverImport(next);
    if (left !== undefined)
      throw new Error(
        `build: ${relative(out, file)} imports ${left}, which is not bundled (only the package root is): import '${left.split('/')[0]}' instead`,
      );
    if (next !== code) writeFileSync(file, next);
  }
}

/** Any import of a vendored package still left in `code` (a subpath), else undefined. */
export function leftoverImport(code: string): string | undefined {
  return LEFTOVER_IMPORT.exec(code)?.[3];
}

/**
 * A static `from "pkg"`, a side-effect `import "pkg"` or a dynamic `import("pkg")` of a vendored
 * package in esbuild's output. A text match: the same words inside a string literal of our own
 * code would be rewritten too (none of our sources has one; the built CLI's tests would fail).
 */
const IMPORT_HEAD = `(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s*)`;
const VENDORED_IMPORT = new RegExp(`${IMPORT_HEAD}(["'])(${VENDORED.join('|')})\\2`, 'g');
/** The same heads naming a vendored package's subpath, which the bundles do not hold. */
const LEFTOVER_IMPORT = new RegExp(`${IMPORT_HEAD}(["'])((?:${VENDORED.join('|')})/[^"']*)\\2`);

/**
 * `code` with every import of a vendored package replaced by the relative path of its bundle;
 * `vendorDir` is the bundles' folder relative to the importing module's folder.
 */
export function pointAtVendored(code: string, vendorDir: string): string {
  const dir = vendorDir.split(sep).join('/');
  const prefix = dir.startsWith('.') ? dir : `./${dir}`;
  return code.replace(
    VENDORED_IMPORT,
    (_m, head: string, q: string, pkg: string) => `${head}${q}${prefix}/${pkg}.js${q}`,
  );
}

/** Every built `.js` module under `out` outside the vendor folder. Side effect: reads folders. */
function builtModules(out: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (path !== join(out, VENDOR_DIR)) walk(path);
      } else if (e.name.endsWith('.js')) found.push(path);
    }
  };
  walk(out);
  return found;
}
