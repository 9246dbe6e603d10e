/**
 * The best-of-N test (superior-ability.ts) over parts of a window's sets: each part is the
 * verdict's own pass over a contiguous range of sets, and the parts combine exactly — maxima of
 * maxima, sums of counts, the first best set — so a window's sets may be split across threads
 * and still give the one-pass result bit for bit.
 */
import { bootstrapWidening } from './long-run-variance.js';
import type { BootstrapDraws } from './stationary-bootstrap.js';
import type { SuperiorAbility } from './superior-ability.js';

/**
 * The SPA/RC pass over sets `from … to - 1` of one window: their own statistics and the
 * replications' maxima over them. Maxima and counts combine exactly ({@link combineSuperiorAbility}),
 * so a window's sets may be split across threads; one part over all sets is the whole pass.
 */
export interface SuperiorAbilityPart {
  readonly from: number;
  readonly to: number;
  /** t_k of sets from … to - 1 (NaN for sets left out). */
  readonly tStats: Float64Array;
  /** d̄_k of sets from … to - 1. */
  readonly meanDiff: Float64Array;
  /** Per replication, max(0, max over the part's sets of the studentised null draw). */
  readonly spaMax: Float64Array;
  /** Per replication, max over the part's sets of the RC null draw (−∞ with none). */
  readonly rcMax: Float64Array;
  readonly compared: number;
  /** max(0, max t_k) over the part. */
  readonly statistic: number;
  /** First set of the part with the largest t_k, and that t_k (−∞ with none). */
  readonly best: number | null;
  readonly bestT: number;
  /** max √n·d̄_k over the part's compared sets (−∞ with none). */
  readonly rcStatistic: number;
}

/**
 * The test over all sets from parts that cover them exactly once, in set order: maxima of the
 * maxima, sums of the counts, the first best set. Bit-identical to one pass over all sets (a
 * maximum is exact; a set repeating one of another part only takes an element twice).
 * @throws RangeError when the parts do not tile 0 … N - 1 in order.
 */
export function combineSuperiorAbility(parts: readonly SuperiorAbilityPart[], draws: BootstrapDraws): SuperiorAbility {
  const { blocks: n, reps: B, meanBlockLength } = draws;
  const N = parts.length === 0 ? 0 : (parts[parts.length - 1] as SuperiorAbilityPart).to;
  const tStats = new Float64Array(N);
  const meanDiff = new Float64Array(N);
  const spaMax = new Float64Array(B);
  const rcMax = new Float64Array(B).fill(Number.NEGATIVE_INFINITY);
  let compared = 0;
  let stat = 0;
  let best: number | null = null;
  let bestT = Number.NEGATIVE_INFINITY;
  let rcStat = Number.NEGATIVE_INFINITY;
  let next = 0;
  for (const p of parts) {
    if (p.from !== next) throw new RangeError(`SPA parts: a part starts at set ${p.from}, expected ${next}`);
    next = p.to;
    tStats.set(p.tStats, p.from);
    meanDiff.set(p.meanDiff, p.from);
    for (let b = 0; b < B; b++) {
      if ((p.spaMax[b] as number) > (spaMax[b] as number)) spaMax[b] = p.spaMax[b] as number;
      if ((p.rcMax[b] as number) > (rcMax[b] as number)) rcMax[b] = p.rcMax[b] as number;
    }
    compared += p.compared;
    stat = Math.max(stat, p.statistic);
    if (p.bestT > bestT) {
      bestT = p.bestT;
      best = p.best;
    }
    rcStat = Math.max(rcStat, p.rcStatistic);
  }
  const nullMax = spaMax.sort();
  const pOf = (sortedNull: Float64Array, observed: number) => (1 + countAtLeast(sortedNull, observed)) / (B + 1);
  return {
    blocks: n,
    reps: B,
    meanBlockLength,
    widening: bootstrapWidening(n, meanBlockLength),
    setsCompared: compared,
    statistic: stat,
    pValue: compared === 0 ? 1 : pOf(nullMax, stat),
    bestSetIndex: best,
    rcStatistic: compared === 0 ? 0 : rcStat,
    rcPValue: compared === 0 ? 1 : pOf(rcMax.sort(), rcStat),
    tStats,
    meanDiff,
    nullMax,
  };
}

/** Number of entries ≥ v in an ascending array (binary search). */
export function countAtLeast(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}
