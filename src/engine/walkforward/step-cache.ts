/**
 * The walk-forward's step cache: one JSON file per symbol-step, named by the step's fingerprint
 * (sha256 over everything that determines it, see step-fingerprint.ts), so a killed run restarts
 * where it stopped and a changed input simply misses. Files are written atomically (temp +
 * rename): a kill leaves either the whole entry or none. Nothing is ever read that a fingerprint
 * did not name, so stale entries are harmless (delete the folder to reclaim the space).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic-write.js';

/** A folder of cached steps; `dir` undefined = no cache. */
export interface StepCache<T> {
  get(key: string): T | undefined;
  put(key: string, value: T): void;
}

/** Opens (lazily creates) the cache in `dir`. Side effects: reads and writes files there. */
export function stepCache<T>(dir: string | undefined): StepCache<T> {
  if (dir === undefined) return { get: () => undefined, put: () => undefined };
  const file = (key: string) => join(dir, `${key}.json`);
  return {
    get(key) {
      const f = file(key);
      if (!existsSync(f)) return undefined;
      try {
        return JSON.parse(readFileSync(f, 'utf8')) as T;
      } catch {
        // A damaged entry (e.g. a disk-full write) is recomputed, never trusted.
        return undefined;
      }
    },
    put(key, value) {
      writeFileAtomic(file(key), `${JSON.stringify(value)}\n`);
    },
  };
}
