/**
 * The pinned results digest: every set of the main job and both live-set backtests must decide
 * exactly what they decided when the digest was pinned. A change that alters any trade fails
 * here; if the change is intended, `npm run digest -- --write` and say why in the commit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dir.js';
import { digestDifferences } from './digest-differences.js';
import { computeResultsDigest, PINNED_DIGEST_FILE, type ResultsDigest } from './results-digest.js';

describe('pinned results digest', () => {
  const dir = tempDir('digest');

  it('equals the pinned digest for every set of the main job and both live-set backtests', async () => {
    const pinned = JSON.parse(readFileSync(PINNED_DIGEST_FILE, 'utf8')) as ResultsDigest;
    const now = await computeResultsDigest(dir);
    expect(digestDifferences(pinned, now)).toEqual([]);
    // The digest covers what it claims: 6,720 sets per symbol and window, trades in both backtests.
    for (const s of Object.values(now.reeval)) for (const w of Object.values(s)) expect(w.sets).toBe(6720);
    for (const b of Object.values(now.backtest)) expect(b.trades).toBeGreaterThan(0);
  }, 300_000);

  it('names the part that differs when one window of one symbol changes', () => {
    const base: ResultsDigest = {
      reeval: { X: { full: { sets: 1, sha256: 'a' }, h1: { sets: 1, sha256: 'b' }, h2: { sets: 1, sha256: 'c' } } },
      backtest: { X: { trades: 1, netPnlUsdt: 1, sha256: 'd' } },
    };
    const changed: ResultsDigest = { ...base, reeval: { X: { ...base.reeval.X!, h1: { sets: 1, sha256: 'z' } } } };
    expect(digestDifferences(base, base)).toEqual([]);
    expect(digestDifferences(base, changed)).toEqual([
      'reeval X h1: pinned {"sets":1,"sha256":"b"}, now {"sets":1,"sha256":"z"}',
    ]);
  });
});
