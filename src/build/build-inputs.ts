/**
 * The inputs of the build (`npm run build`): every TypeScript source under `src/` except tests,
 * each with a content hash. The same list feeds the build and the start-up
 * check that `dist/` still matches `src/` (dist-freshness.ts), so both agree on what counts.
 * Content, not modification times: a clone, a checkout or `cp -p` can leave any mtimes behind.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSource } from '../engine/fingerprint/source-hash.js';

/**
 * True for a file name the build compiles: exactly the sources the fingerprint counts
 * (source-hash.ts), so `dist/` holds a copy of every file a fingerprint hashes.
 */
export const isBuildInput: (name: string) => boolean = isSource;

function walk(dir: string, rel: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') walk(join(dir, e.name), path, out);
    } else if (isBuildInput(e.name)) out.push(path);
  }
}

/** Paths relative to `srcRoot` ('/'-separated, sorted) of every build input. Side effect: reads folders. */
export function listBuildInputs(srcRoot: string): string[] {
  const out: string[] = [];
  walk(srcRoot, '', out);
  return out.sort();
}

/** sha256 (hex) of one file's bytes. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Every build input under `srcRoot` with its content hash, in sorted path order.
 * Side effect: reads every source (≈ 1 MB; 10–20 ms on the 2-core dev machine).
 */
export function hashBuildInputs(srcRoot: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const f of listBuildInputs(srcRoot)) hashes[f] = fileHash(join(srcRoot, f));
  return hashes;
}
