/** Names every part of two results digests that differs, e.g. `reeval ETH/USDT:USDT h1`. */
import type { ResultsDigest } from './results-digest.js';

/** One line per differing part, with both values; empty when the digests agree. */
export function digestDifferences(pinned: ResultsDigest, now: ResultsDigest): string[] {
  const out: string[] = [];
  const symbols = new Set([...Object.keys(pinned.reeval), ...Object.keys(now.reeval)]);
  for (const s of [...symbols].sort()) {
    for (const w of ['full', 'h1', 'h2']) {
      const a = pinned.reeval[s]?.[w];
      const b = now.reeval[s]?.[w];
      if (JSON.stringify(a) !== JSON.stringify(b))
        out.push(`reeval ${s} ${w}: pinned ${JSON.stringify(a)}, now ${JSON.stringify(b)}`);
    }
  }
  const bases = new Set([...Object.keys(pinned.backtest), ...Object.keys(now.backtest)]);
  for (const b of [...bases].sort()) {
    const x = pinned.backtest[b];
    const y = now.backtest[b];
    if (JSON.stringify(x) !== JSON.stringify(y))
      out.push(`backtest ${b}: pinned ${JSON.stringify(x)}, now ${JSON.stringify(y)}`);
  }
  return out;
}
