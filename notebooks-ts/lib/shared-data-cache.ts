/**
 * `../shared/data` holds raw CSV and JSON files, not a coinbot cache: the notebooks import them
 * once, with the engine's own importer, into `data/notebooks-cache/` (git-ignored) and reuse it
 * while a stamp file lists the same source files with the same sizes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../src/engine/data/atomic-write.js';
import { importPath } from '../../src/engine/data/import/import-file.js';

const SUBDIRS = ['candles', 'funding', 'mark_1h'] as const;
const FACTS = 'exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_BTC_ETH_SOL_subset.json';

function sourceFiles(shared: string): string[] {
  const files: string[] = [];
  for (const sub of SUBDIRS) {
    const dir = join(shared, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.csv')) files.push(join(dir, f));
  }
  if (existsSync(join(shared, FACTS))) files.push(join(shared, FACTS));
  return files;
}

/**
 * The data dir holding `../shared/data` as a cache, importing it first when the stamp is
 * missing or stale; undefined when `../shared/data/candles` is absent.
 * Side effects: writes `data/notebooks-cache/` (atomic files, the stamp last).
 */
export function sharedDataCache(repoRoot: string): string | undefined {
  const shared = resolve(repoRoot, '../shared/data');
  if (!existsSync(join(shared, 'candles'))) return undefined;
  const dataDir = resolve(repoRoot, 'data/notebooks-cache');
  const files = sourceFiles(shared);
  const stamp = JSON.stringify(files.map((f) => [f, statSync(f).size]));
  const stampFile = join(dataDir, 'imported-from-shared.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return dataDir;
  process.stderr.write(`notebooks: importing ../shared/data into ${dataDir} (once)\n`);
  for (const f of files) importPath(dataDir, f, { onConflict: 'replace' });
  writeFileAtomic(stampFile, stamp);
  return dataDir;
}
