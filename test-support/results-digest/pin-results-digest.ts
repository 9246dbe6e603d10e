/**
 * `npm run digest` prints the results digest of the current code beside the pinned one and says
 * which parts differ; `npm run digest -- --write` replaces the pinned file (temp file, then
 * rename). A commit that rewrites the pinned digest must say in its message which result changed
 * and why.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/engine/data/atomic-write.js';
import { computeResultsDigest, PINNED_DIGEST_FILE, type ResultsDigest } from './results-digest.js';
import { digestDifferences } from './digest-differences.js';

const out = mkdtempSync(join(tmpdir(), 'coinbot-digest-'));
try {
  const now = await computeResultsDigest(out);
  const pinned: ResultsDigest = existsSync(PINNED_DIGEST_FILE)
    ? (JSON.parse(readFileSync(PINNED_DIGEST_FILE, 'utf8')) as ResultsDigest)
    : { reeval: {}, backtest: {} };
  const diffs = digestDifferences(pinned, now);
  console.log(diffs.length === 0 ? 'results digest: unchanged' : `results digest: changed\n  ${diffs.join('\n  ')}`);
  if (process.argv.includes('--write')) {
    writeFileAtomic(PINNED_DIGEST_FILE, `${JSON.stringify(now, null, 2)}\n`);
    console.log(`wrote ${PINNED_DIGEST_FILE}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
