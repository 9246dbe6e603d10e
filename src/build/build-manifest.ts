/**
 * `dist/build-manifest.json`: what a build of `src/` produced. Written last by the build (so its
 * presence means a complete `dist/`), read at every start of the built CLI: the hash of every
 * source the build compiled (checked against `src/` before anything else runs) and the command
 * table, so `coinbot --help` lists every command without importing any command module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the manifest inside `dist/`. */
export const MANIFEST_FILE = 'build-manifest.json';

/** One command of the CLI as `--help` shows it, and where its module is. */
export interface CommandEntry {
  /** yargs command string(s), e.g. `symbols <inputs...>`. */
  readonly command: string | readonly string[];
  readonly aliases?: readonly string[];
  /** One-line description (`false` hides the command). */
  readonly describe: string | false;
  readonly deprecated?: boolean | string;
  /** Module path relative to `dist/cli/commands/`, e.g. `symbols.js`. */
  readonly module: string;
  /** Name of the module's export holding the yargs CommandModule. */
  readonly exportName: string;
}

/** The manifest's content. */
export interface BuildManifest {
  readonly kind: 'coinbot.build';
  readonly version: 1;
  /** esbuild version that compiled `dist/` (provenance). */
  readonly esbuild: string;
  /** Installed version of each package bundled into `dist/vendor/` (vendor-bundles.ts). */
  readonly vendored?: Readonly<Record<string, string>>;
  /** Build input (path relative to src/) → sha256 of the content it was compiled from. */
  readonly sources: Readonly<Record<string, string>>;
  /** Every command in `--help` order. */
  readonly commands: readonly CommandEntry[];
}

/** Reads `<distRoot>/build-manifest.json`, or undefined when there is none (no complete build). */
export function readBuildManifest(distRoot: string): BuildManifest | undefined {
  const path = join(distRoot, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  const m = JSON.parse(readFileSync(path, 'utf8')) as BuildManifest;
  return m.kind === 'coinbot.build' && m.version === 1 ? m : undefined;
}
