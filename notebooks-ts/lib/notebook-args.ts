/**
 * What every notebook is run with: `[--data-dir DIR] [--out DIR] [--quick]`.
 *
 * - `--data-dir DIR`: a coinbot data dir (its `cache/`). Default: `../shared/data` beside the
 *   clone when present (imported once into `data/notebooks-cache/`, see shared-data-cache.ts),
 *   else the bundled sample `data/sample`.
 * - `--out DIR`: where the page goes (default `reports/notebooks/`).
 * - `--quick`: compact grids and fewer windows, for the test suite's smoke runs (seconds each).
 *
 * Side effect: may import `../shared/data` (first run only, ~10 s).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../src/engine/errors.js';
import { sharedDataCache } from './shared-data-cache.js';

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled sample data dir. */
export const SAMPLE_DIR = resolve(REPO_ROOT, 'data/sample');

/** A notebook's resolved arguments. */
export interface NotebookArgs {
  readonly dataDir: string;
  /** Said on the page: which data the notebook ran on. */
  readonly dataLabel: string;
  /** True for the bundled sample (three days: notebooks that need more say so). */
  readonly isSample: boolean;
  readonly outDir: string;
  readonly quick: boolean;
}

function valueOf(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value, e.g. ${flag} data/sample`);
  return v;
}

/**
 * Parses a notebook's command line (without `node` and the script).
 * @throws UsageError for an unknown flag or a missing data dir.
 */
export function notebookArgs(argv: readonly string[] = process.argv.slice(2)): NotebookArgs {
  const known = new Set(['--data-dir', '--out', '--quick']);
  for (const a of argv) {
    if (a.startsWith('--') && !known.has(a))
      throw new UsageError(`unknown option ${a}; a notebook takes --data-dir DIR, --out DIR and --quick`);
  }
  const outDir = resolve(valueOf(argv, '--out') ?? resolve(REPO_ROOT, 'reports/notebooks'));
  const quick = argv.includes('--quick');
  const given = valueOf(argv, '--data-dir');
  if (given !== undefined) {
    const dataDir = resolve(given);
    if (!existsSync(resolve(dataDir, 'cache')))
      throw new UsageError(`--data-dir ${given}: no cache/ inside; import or fetch data first`);
    const isSample = dataDir === SAMPLE_DIR;
    return { dataDir, dataLabel: isSample ? 'the bundled sample (data/sample)' : given, isSample, outDir, quick };
  }
  const shared = sharedDataCache(REPO_ROOT);
  if (shared !== undefined)
    return {
      dataDir: shared,
      dataLabel: '../shared/data (imported into data/notebooks-cache)',
      isSample: false,
      outDir,
      quick,
    };
  return { dataDir: SAMPLE_DIR, dataLabel: 'the bundled sample (data/sample)', isSample: true, outDir, quick };
}
