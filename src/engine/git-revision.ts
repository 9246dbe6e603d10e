/**
 * The code revision recorded beside results as provenance (never inside a fingerprint: the
 * fingerprint hashes the source itself, so a rebase that keeps the code keeps the fingerprint).
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the coinbot source tree (the folder holding `src/`). */
export const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let cached: string | undefined;

/**
 * `git rev-parse HEAD` of the source tree, with `-dirty` when tracked files differ, or
 * `unknown` outside a git checkout. Side effect: runs git once per process (then cached).
 */
export function gitRevision(): string {
  if (cached !== undefined) return cached;
  const run = (args: string[]) => spawnSync('git', args, { cwd: SOURCE_ROOT, encoding: 'utf8' });
  const head = run(['rev-parse', 'HEAD']);
  if (head.status !== 0) return (cached = 'unknown');
  const dirty = run(['status', '--porcelain', '--untracked-files=no']);
  cached = `${head.stdout.trim()}${dirty.stdout.trim() === '' ? '' : '-dirty'}`;
  return cached;
}
