/**
 * Ranks and Spearman's rank correlation, for "do the sets ranked best on the first half also rank
 * well on the second half?". Ties get the average of the ranks they span (so a block of sets that
 * never trade, all scoring 0, does not fake agreement), and Spearman's ρ is Pearson's correlation
 * of those ranks, which is exact with ties.
 */
import type { Series } from './sample-moments.js';

/**
 * Ranks with 1 = the highest score (descending), ties averaged. Stable: equal scores share a rank
 * regardless of order. NaN scores are ranked last (below every number), tied among themselves.
 */
export function descendingRanks(scores: Series): Float64Array {
  const n = scores.length;
  const key = (i: number) => {
    const v = scores[i] as number;
    return Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v;
  };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    const v = key(order[i] as number);
    while (j + 1 < n && key(order[j + 1] as number) === v) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = avg;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation of two score lists of equal length, tie-corrected. Pairs where
 * either score is NaN are dropped. Null when fewer than 3 pairs remain or a side is all ties.
 */
export function spearman(a: Series, b: Series): number | null {
  if (a.length !== b.length) throw new RangeError(`spearman: ${a.length} vs ${b.length} scores`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (!Number.isNaN(x) && !Number.isNaN(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length < 3) return null;
  const rx = descendingRanks(xs);
  const ry = descendingRanks(ys);
  const m = (xs.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const dx = (rx[i] as number) - m;
    const dy = (ry[i] as number) - m;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
