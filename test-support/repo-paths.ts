/**
 * Paths tests use: the repo root, the bundled sample data dir, and `../shared/data` when it is
 * there (longer checks skip loudly without it).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The committed sample data dir (`data/sample`). */
export const SAMPLE_DATA_DIR = resolve(REPO_ROOT, 'data/sample');
/** The committed exchangeInfo capture (BTC, ETH, SOL). */
export const EXCHANGE_INFO_SUBSET = resolve(
  REPO_ROOT,
  'data/fixtures/exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_BTC_ETH_SOL_subset.json',
);
/** `../shared/data` beside the clone, or undefined when absent. */
export const SHARED_DATA: string | undefined = (() => {
  const p = resolve(REPO_ROOT, '../shared/data');
  return existsSync(resolve(p, 'candles')) ? p : undefined;
})();

/** Prints a loud notice that a check needing ../shared/data was skipped. Returns true when skipped. */
export function skipWithoutSharedData(what: string): boolean {
  if (SHARED_DATA !== undefined) return false;
  console.warn(`\n*** SKIPPED: ${what} — ../shared/data is not beside this clone ***\n`);
  return true;
}
