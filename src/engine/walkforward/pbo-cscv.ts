/**
 * The probability of backtest overfitting (Bailey, Borwein, López de Prado and Zhu, 2015, "The
 * probability of backtest overfitting"), by combinatorially symmetric cross-validation (CSCV).
 *
 * The in-sample window's block PnL of every set is cut into S contiguous groups (S = 16 by
 * default; block b goes to group ⌊b·S/n⌋). For each of the C(S, S/2) ways to pick half of the
 * groups as a training sample (the rest is the test sample): the set with the largest training
 * net PnL (ties: the lowest index) is the one a researcher would pick; its relative rank ω in the
 * test sample (ascending, 1 = worst, ties at their mid-rank, ω = rank/(N + 1)) gives the logit
 * λ = ln(ω/(1 − ω)). PBO = share of splits with λ ≤ 0: how often the in-sample winner is no
 * better than the median set out of sample. Pure-noise sets give ≈ 0.5, a set that is best in
 * every block gives 0. The performance measure is net PnL (the ranking's), not the Sharpe ratio
 * of the paper: with equal-length samples both rank the same for sets of equal risk, and PnL is
 * what the re-evaluation picks on.
 *
 * Cost: the training sum of every set is one addition per split (sums over each half of the group
 * bits are tabulated once: 2 · 2^(S/2) · N numbers), so ≈ 3·N·C(S, S/2) operations, about
 * 0.3 s for N = 6,720 sets and S = 16.
 */
import type { Series } from '../verdict/sample-moments.js';

/** Result of {@link probabilityOfOverfitting}. */
export interface OverfittingProbability {
  /** Share of splits whose in-sample best set ranks at or below the median out of sample. */
  readonly pbo: number;
  /** Number of splits evaluated: C(groups, groups/2). */
  readonly splits: number;
  readonly groups: number;
  readonly sets: number;
}

/** Sums per set and group, set-major: `out[i·S + g]`. */
function groupSums(series: readonly Series[], groups: number): Float64Array {
  const out = new Float64Array(series.length * groups);
  series.forEach((x, i) => {
    const n = x.length;
    for (let b = 0; b < n; b++) {
      const g = Math.floor((b * groups) / n);
      out[i * groups + g] = (out[i * groups + g] as number) + (x[b] as number);
    }
  });
  return out;
}

/** For every subset m of `bits` groups starting at group `first`: Σ of set i = `out[m·N + i]`. */
function subsetSums(sums: Float64Array, sets: number, groups: number, first: number, bits: number): Float64Array {
  const size = 1 << bits;
  const out = new Float64Array(size * sets);
  for (let m = 1; m < size; m++) {
    const low = m & -m;
    const g = first + 31 - Math.clz32(low);
    const rest = m ^ low;
    for (let i = 0; i < sets; i++)
      out[m * sets + i] = (out[rest * sets + i] as number) + (sums[i * groups + g] as number);
  }
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v !== 0; v &= v - 1) c++;
  return c;
}

/** λ ≤ 0 for one split: the training winner's test rank is at or below the median. */
function overfitOn(train: Float64Array, totals: Float64Array): boolean {
  const n = train.length;
  let best = 0;
  for (let i = 1; i < n; i++) if ((train[i] as number) > (train[best] as number)) best = i;
  const test = (totals[best] as number) - (train[best] as number);
  let below = 0;
  let equal = 0;
  for (let i = 0; i < n; i++) {
    const o = (totals[i] as number) - (train[i] as number);
    if (o < test) below++;
    else if (o === test) equal++;
  }
  const rank = below + (equal + 1) / 2;
  return rank / (n + 1) <= 0.5;
}

/**
 * PBO of a family of sets over the same blocks.
 * @param series block PnL (USDT) per set, all of equal length n ≥ groups.
 * @param groups S, even, 2…20 (default 16).
 * @returns null when there are fewer than 2 sets or fewer blocks than groups.
 */
export function probabilityOfOverfitting(series: readonly Series[], groups = 16): OverfittingProbability | null {
  if (!(Number.isInteger(groups) && groups >= 2 && groups <= 20 && groups % 2 === 0))
    throw new RangeError(`PBO: groups must be an even whole number in 2…20, got ${groups}`);
  const sets = series.length;
  const n = series[0]?.length ?? 0;
  if (sets < 2 || n < groups) return null;
  const sums = groupSums(series, groups);
  const a = groups >> 1;
  const lowTable = subsetSums(sums, sets, groups, 0, a);
  const highTable = subsetSums(sums, sets, groups, a, groups - a);
  const totals = new Float64Array(sets);
  for (let i = 0; i < sets; i++)
    totals[i] =
      (lowTable[((1 << a) - 1) * sets + i] as number) + (highTable[((1 << (groups - a)) - 1) * sets + i] as number);
  const train = new Float64Array(sets);
  let splits = 0;
  let overfit = 0;
  for (let mask = 0; mask < 1 << groups; mask++) {
    if (popcount(mask) !== a) continue;
    const lo = (mask & ((1 << a) - 1)) * sets;
    const hi = (mask >> a) * sets;
    for (let i = 0; i < sets; i++) train[i] = (lowTable[lo + i] as number) + (highTable[hi + i] as number);
    splits++;
    if (overfitOn(train, totals)) overfit++;
  }
  return { pbo: overfit / splits, splits, groups, sets };
}
