/**
 * `npm run build`: compiles `src/` to `dist/` with esbuild, one ES module per
 * source file (no bundling of our own code: `import.meta.url` paths, worker modules and lazy
 * imports keep working, and `dist/` mirrors `src/` at the same depth; yargs, zod and apache-arrow
 * are bundled, see bundleYargs and vendor-bundles.ts). Beside each `.js` it keeps the `.ts`
 * it was compiled from, so the fingerprint (source-hash.ts, which resolves its root
 * from its own location) hashes exactly the sources of the code that runs. Writes
 * `build-manifest.json` (source hashes + command table) last, into a temp folder that then
 * replaces `dist/` by rename, so `dist/` is always a complete build or absent.
 * `scripts/build-if-stale.mjs` (`npm start`) runs it only when `dist/` does not match `src/`.
 */
import { build, version as esbuildVersion } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandModule } from 'yargs';
import { hashBuildInputs, listBuildInputs } from './build-inputs.js';
import { MANIFEST_FILE, type BuildManifest, type CommandEntry } from './build-manifest.js';
import { bundleVendored } from './vendor-bundles.js';
import { vendoredVersions } from './vendored-packages.js';

/** Root of this checkout (the folder holding `src/`). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The command table of a build: imports the built registry (`cli/commands/index.js`) and each
 * module it imports (`import { x } from './m.js'`), and names, for each registered command, the
 * module and export that hold it. Side effect: imports every registered command module.
 */
export async function commandTable(outDir: string): Promise<CommandEntry[]> {
  const dir = join(outDir, 'cli/commands');
  const index = join(dir, 'index.js');
  const registry = (await import(pathToFileURL(index).href)) as { commands: CommandModule[] };
  const where = new Map<unknown, { module: string; exportName: string }>();
  for (const [, names, module] of readFileSync(index, 'utf8').matchAll(
    /import\s*\{([^}]*)\}\s*from\s*["'](\.\/[^"']+)["']/g,
  )) {
    const mod = (await import(pathToFileURL(join(dir, module as string)).href)) as Record<string, unknown>;
    for (const exportName of (names as string).split(',').map((n) => n.trim().split(/\s+as\s+/)[0] as string)) {
      if (exportName !== '' && !where.has(mod[exportName]))
        where.set(mod[exportName], { module: (module as string).slice(2), exportName });
    }
  }
  return registry.commands.map((c) => {
    const at = where.get(c);
    const name = String(c.command);
    if (at === undefined) throw new Error(`command '${name}' is not imported by name in src/cli/commands/index.ts`);
    if (c.describe === undefined) throw new Error(`command '${name}' has no describe`);
    return {
      command: c.command as string | string[],
      ...(c.aliases !== undefined ? { aliases: typeof c.aliases === 'string' ? [c.aliases] : [...c.aliases] } : {}),
      describe: c.describe,
      ...(c.deprecated !== undefined ? { deprecated: c.deprecated } : {}),
      ...at,
    };
  });
}

/**
 * Rebuilds `cli/run-commands.js` with yargs (and its ≈ 40 small modules) inlined: loading one
 * file instead of forty halves yargs' share of the start-up (≈ 100 → 50 ms here). coinbot's own
 * imports stay external, so every module exists once (one `HarnessError` class). yargs finds its
 * locale files and reads config relative to its own location, so inside the bundle
 * `import.meta.url` stands for yargs' real ES entry in node_modules: behaviour is unchanged.
 */
async function bundleYargs(out: string): Promise<void> {
  const own = [`${out}${sep}`, `${realpathSync(out)}${sep}`];
  await build({
    entryPoints: [join(out, 'cli/run-commands.ts')],
    outfile: join(out, 'cli/run-commands.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    define: { 'import.meta.url': '__yargsUrl' },
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { pathToFileURL as __pathToFileURL } from 'node:url';",
        "const __yargsUrl = new URL('./lib/platform-shims/esm.mjs', __pathToFileURL(__createRequire(import.meta.url).resolve('yargs'))).href;",
      ].join('\n'),
    },
    plugins: [
      {
        name: 'own-modules-stay-external',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (a) =>
            own.some((dir) => a.importer.startsWith(dir)) ? { path: a.path, external: true } : undefined,
          );
        },
      },
    ],
  });
}

/**
 * Builds `<root>/src` into `<root>/dist` and returns the manifest. The sources are copied first
 * and compiled from the copy, so the hashes in the manifest are those of the very bytes compiled
 * (an edit during the build cannot slip in between).
 * Side effects: writes `<root>/.dist.tmp-<pid>` (removed on failure), then replaces `<root>/dist`.
 */
export async function buildDist(root = ROOT): Promise<BuildManifest> {
  const srcRoot = join(root, 'src');
  const out = join(root, `.dist.tmp-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  try {
    const files = listBuildInputs(srcRoot);
    for (const f of files) {
      mkdirSync(dirname(join(out, f)), { recursive: true });
      copyFileSync(join(srcRoot, f), join(out, f));
    }
    const sources = hashBuildInputs(out);
    await build({
      entryPoints: files.map((f) => join(out, f)),
      outdir: out,
      outbase: out,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      bundle: false,
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    await bundleYargs(out);
    await bundleVendored(out, root);
    const manifest: BuildManifest = {
      kind: 'coinbot.build',
      version: 1,
      esbuild: esbuildVersion,
      vendored: vendoredVersions(root),
      sources,
      commands: await commandTable(out),
    };
    writeFileSync(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const dist = join(root, 'dist');
    const old = join(root, `.dist.tmp-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(out, dist);
    rmSync(old, { recursive: true, force: true });
    return manifest;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const t0 = performance.now();
  const m = await buildDist();
  const ms = Math.round(performance.now() - t0);
  process.stderr.write(`coinbot build: dist/ from ${Object.keys(m.sources).length} sources in ${ms} ms\n`);
  // Importing the command modules may leave handles open (loggers); the build is done.
  process.exit(0);
}
