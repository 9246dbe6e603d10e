/**
 * The code revision recorded beside results as provenance (never inside a fingerprint: the
 * fingerprint hashes the source itself, so a rebase that keeps the code keeps the fingerprint).
 */
import { execFile, spawnSync } from 'node:child_process';
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

/**
 * Starts {@link gitRevision}'s git commands in the background, so a later call finds the answer
 * cached instead of waiting for git (a run calls this at its start); resolves once they are done
 * (callers need not wait). Side effect: two child processes; harmless when git is missing or a
 * call came first.
 */
export function prefetchGitRevision(): Promise<void> {
  if (cached !== undefined) return Promise.resolve();
  const git = (args: string[]) =>
    new Promise<string | null>((done) =>
      execFile('git', args, { cwd: SOURCE_ROOT, encoding: 'utf8' }, (e, out) => done(e === null ? out : null)),
    );
  return (async () => {
    const head = await git(['rev-parse', 'HEAD']);
    const dirty = head === null ? null : await git(['status', '--porcelain', '--untracked-files=no']);
    if (head !== null && dirty !== null && cached === undefined)
      cached = `${head.trim()}${dirty.trim() === '' ? '' : '-dirty'}`;
  })();
}
