/**
 * A hash of the source files that decide a backtest's numbers: the strategy interface and the
 * strategy's own folder, the runner, risk checks, ports, indicators, simulator, statistics and
 * parameter specs. Read at runtime from `src/` in sorted order, so it is the same on every
 * machine for the same code and changes whenever that code does (tests excluded).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `src/` folder of this checkout. */
export const SRC_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Files and folders (relative to src/) whose source is hashed, besides the strategy's folder. */
export const HASHED_SOURCES: readonly string[] = [
  'engine/strategy.ts',
  'engine/runner.ts',
  'engine/run-loop',
  'engine/risk.ts',
  'engine/increments.ts',
  'engine/types.ts',
  'engine/config/param-spec.ts',
  'engine/ports',
  'engine/indicators',
  'engine/sim',
  'engine/stats',
];

/**
 * True for a file whose source counts: TypeScript, not a test. The build (src/build) compiles and
 * copies exactly these files, so a run from `dist/` hashes the same files as a run from `src/`.
 */
export function isSource(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.contract.ts');
}

function listFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .map((n) => join(path, n))
    .filter((p) => statSync(p).isFile() && isSource(p));
}

const cache = new Map<string, string>();

/**
 * sha256 (hex) over `relative path NUL content NUL` of every source file under `paths`
 * (files or folders relative to src/, tests excluded), in sorted path order. Cached per call key.
 */
export function hashSources(paths: readonly string[]): string {
  const key = paths.join('|');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const files = paths
    .flatMap((p) => listFiles(join(SRC_ROOT, p)))
    .map((p) => relative(SRC_ROOT, p).split('\\').join('/'))
    .sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f);
    h.update('\0');
    h.update(readFileSync(join(SRC_ROOT, f)));
    h.update('\0');
  }
  const hex = h.digest('hex');
  cache.set(key, hex);
  return hex;
}

/**
 * Hash of the code that decides a backtest's numbers: {@link HASHED_SOURCES} and the strategy's folder.
 * @param strategyDir folder of the strategy under src/, e.g. `strategies/atr-breakout`.
 */
export function sourceHash(strategyDir: string): string {
  return hashSources([...HASHED_SOURCES, strategyDir]);
}
