/**
 * The vega, vega-lite and vega-embed browser builds that every report page inlines, read from
 * `node_modules` at render time (side effect: file reads), escaped for an inline `<script>`.
 * Order matters: vega-embed's build expects the globals of the other two, so it loads last.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../errors.js';
import { escapeScriptText } from './html-escape.js';

/** One inlined library: its package name, version and escaped code. */
export interface VegaBundle {
  readonly name: 'vega' | 'vega-lite' | 'vega-embed';
  readonly version: string;
  readonly code: string;
}

const FILES = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** The nearest `node_modules` above `from` that holds vega (the package's `exports` hide `build/`, so no `require.resolve`). */
function findNodeModules(from: string): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(join(candidate, 'vega', 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir)
      throw new DataError(`vega not found in any node_modules above ${from}: run 'npm ci' in the project`);
    dir = up;
  }
}

/**
 * Reads the three browser builds in load order (vega, vega-lite, vega-embed).
 * @param nodeModules folder to read from (default: the nearest above this module).
 * @throws DataError when a build is missing.
 */
export function readVegaBundles(nodeModules?: string): readonly VegaBundle[] {
  const root = nodeModules ?? findNodeModules(dirname(fileURLToPath(import.meta.url)));
  return FILES.map(([name, file]) => {
    const path = join(root, name, file);
    if (!existsSync(path)) throw new DataError(`${path} is missing: run 'npm ci' to restore the ${name} browser build`);
    const version = (JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')) as { version: string }).version;
    return { name, version, code: escapeScriptText(readFileSync(path, 'utf8')) };
  });
}
