/**
 * "Does the best of N parameter sets beat the baseline, or is that luck?" — Hansen's test for
 * Superior Predictive Ability (SPA, consistent recentring; Hansen 2005) as a studentised
 * (bootstrap-t) max test, and White's Reality Check (RC; White 2000), both on one shared set of
 * stationary-bootstrap draws, in one pass over the sets.
 *
 * For set k with per-block difference d_k = x_k − x_baseline (USDT per block), mean d̄_k and sd
 * s_k (divisor n), and the small-sample widening w = bootstrapWidening(n, L):
 *
 * - SPA statistic T = max(0, max_k t_k), t_k = √n·d̄_k/s_k. Null draws
 *   T*_b = max(0, max_k √n·(w·(d̄*_kb − d̄_k) + c_k)/s*_kb), where s*_kb is the sd of the
 *   resampled differences (so the noise of a 24-block sd is itself resampled) and c_k is Hansen's
 *   consistent recentring: c_k = d̄_k for sets clearly worse than the baseline
 *   (√n·d̄_k/(w·ω_k) < −√(2 ln ln n), ω_k from long-run-variance.ts), else 0 — clearly poor sets
 *   keep their negative mean and cannot inflate the null maximum.
 * - RC statistic V = max_k √n·d̄_k; null draws V*_b = max_k √n·w·(d̄*_kb − d̄_k) (not studentised:
 *   reported for comparison; it has no power for a low-variance candidate among noisy sets).
 * - p-values are (1 + #{null ≥ observed}) / (B + 1), never 0.
 * - {@link adjustedPValue}: the single-step max-t adjusted p-value of one set, comparing its own
 *   t_k with the null maximum over all sets. For the best set it equals the SPA p-value; for a set
 *   picked by another rule (e.g. the neighbourhood score) it is larger. It is the evidence the
 *   verdict uses for its candidate.
 *
 * Why bootstrap-t and not Hansen's fixed ω_k: on 24 hourly blocks the per-set ω_k is so noisy
 * that the maximum of t_k picks sets whose ω_k came out low; with fixed ω_k we measured a size of
 * 19 % at nominal 5 % (100 i.i.d. sets, n = 24, 400 sweeps). The bootstrap-t is conservative
 * instead — measured sizes at nominal 5 %: 2.0 % (n = 24) and 3.5 % (n = 48) when the sets share
 * the baseline's noise, < 1 % when their differences from the baseline are independent of one
 * another or differ from it in only a few blocks. Power is correspondingly modest: a set whose
 * h1 difference has t ≈ 4 among 200 noise sets is found 29 % of the time, t ≈ 5 56 %. The null
 * test in superior-ability.test.ts re-measures the 2 % case on every run.
 *
 * Sets whose difference from the baseline has zero variance (the baseline itself, duplicates, a
 * constant offset) are left out: they carry no evidence. All other sets count, including those
 * with too few trades, because they were tried.
 */
import { bootstrapWidening, longRunVariance, stationaryKernel } from './long-run-variance.js';
import type { BootstrapDraws } from './stationary-bootstrap.js';
import type { Series } from './sample-moments.js';
import { denseNullDraws, NullDrawLanes, nullMaxima } from './null-draws.js';
import { SeenDifferences } from './seen-differences.js';
import { combineSuperiorAbility, countAtLeast, type SuperiorAbilityPart } from './superior-ability-parts.js';

export { combineSuperiorAbility, type SuperiorAbilityPart } from './superior-ability-parts.js';

/** Floor of a replication's sd, as a fraction of the observed sd (guards resamples that miss
 * every block where a set differs from the baseline; floors of 0.01–0.5 gave identical sizes in
 * the calibration runs). */
const SD_FLOOR = 0.1;

/** The result of the SPA and RC tests on one window. */
export interface SuperiorAbility {
  /** Blocks n in the window. */
  readonly blocks: number;
  /** Bootstrap replications B. */
  readonly reps: number;
  /** Mean bootstrap block length L (blocks). */
  readonly meanBlockLength: number;
  /** Widening factor w applied to bootstrap deviations. */
  readonly widening: number;
  /** Sets entering the maximum (non-zero variance against the baseline). */
  readonly setsCompared: number;
  /** SPA statistic T (≥ 0, dimensionless). */
  readonly statistic: number;
  /** SPA p-value of "no set beats the baseline". */
  readonly pValue: number;
  /** Index of the set with the largest studentised statistic, or null when none was compared. */
  readonly bestSetIndex: number | null;
  /** RC statistic V = max √n·d̄ (USDT·√blocks per block). */
  readonly rcStatistic: number;
  /** RC p-value. */
  readonly rcPValue: number;
  /** Studentised statistic t_k = √n·d̄_k/s_k per set (s_k: sd with divisor n); NaN for sets left out. */
  readonly tStats: Float64Array;
  /** Mean difference d̄_k per set, USDT per block (0 for the baseline). */
  readonly meanDiff: Float64Array;
  /** SPA null maxima T*_b sorted ascending (for {@link adjustedPValue}). */
  readonly nullMax: Float64Array;
}

/**
 * Runs SPA and RC over all sets of one window.
 * @param series per-set block PnL (USDT per block), all of length `draws.blocks`.
 * @param baselineIndex the reference set.
 * @param draws the window's shared bootstrap draws.
 * @param opts.stepByStep every block of every replication of every set (tests of the fast path).
 */
export function superiorAbility(
  series: readonly Series[],
  baselineIndex: number,
  draws: BootstrapDraws,
  opts: { readonly stepByStep?: boolean } = {},
): SuperiorAbility {
  const all = { from: 0, to: series.length };
  return combineSuperiorAbility([superiorAbilityPart(series, baselineIndex, draws, all, opts)], draws);
}

/**
 * The pass of {@link superiorAbility} over sets `range.from … range.to - 1` only (the baseline
 * need not be among them). The null draws are resampled several sets at a time over the sparse
 * counts (null-draws.ts); `stepByStep` resamples every set alone over every block instead, which
 * gives the same result bit for bit.
 * @param opts.skipDraws per set (indexed like `series`), 1 when another set with the same
 *   differences enters the draws elsewhere (another part): this set's draws are not resampled
 *   (its statistic still counts). Ignored step by step.
 */
export function superiorAbilityPart(
  series: readonly Series[],
  baselineIndex: number,
  draws: BootstrapDraws,
  range: { readonly from: number; readonly to: number },
  opts: { readonly stepByStep?: boolean; readonly skipDraws?: Uint8Array } = {},
): SuperiorAbilityPart {
  const dense = opts.stepByStep === true;
  const { blocks: n, meanBlockLength } = draws;
  const base = series[baselineIndex];
  if (base === undefined) throw new RangeError(`SPA: baseline index ${baselineIndex} is not a set`);
  const kernel = stationaryKernel(n, meanBlockLength);
  const mx = nullMaxima(draws, bootstrapWidening(n, meanBlockLength));
  const lil = n >= 3 ? Math.sqrt(2 * Math.log(Math.log(n))) : 0;
  const { from, to } = range;
  const tStats = new Float64Array(to - from).fill(Number.NaN);
  const meanDiff = new Float64Array(to - from);
  const observed = { compared: 0, statistic: 0, best: null as number | null, bestT: Number.NEGATIVE_INFINITY };
  let rcStat = Number.NEGATIVE_INFINITY;
  const d = new Float64Array(n);
  const d2 = new Float64Array(n);
  const lanes = new NullDrawLanes(mx);
  // A set whose differences repeat an earlier set's exactly yields the same null draws, and a
  // maximum does not change by taking an element twice: its replications are skipped.
  const seen = new SeenDifferences(n, to - from);
  for (let k = from; k < to; k++) {
    const x = series[k] as Series;
    if (x.length !== n) throw new RangeError(`SPA: set ${k} has ${x.length} blocks, draws have ${n}`);
    const { dbar, sd } = differences(x, base, d, d2);
    meanDiff[k - from] = dbar;
    if (k === baselineIndex || !(sd > 0)) continue;
    const tk = (mx.sqrtN * dbar) / sd;
    tStats[k - from] = tk;
    enterObserved(observed, k, tk);
    rcStat = Math.max(rcStat, mx.sqrtN * dbar);
    // Hansen's recentring decides "clearly poor" on the long-run (HAC) scale.
    const omega = Math.sqrt(longRunVariance(d, kernel)) * mx.w;
    const poor = omega > 0 && (mx.sqrtN * dbar) / omega < -lil;
    const set = { dbar, offset: poor ? dbar : 0, floorVar: (SD_FLOOR * sd) ** 2 };
    if (dense) denseNullDraws(mx, d, d2, set);
    else if (opts.skipDraws?.[k] === 1 || !seen.addIfNew(d)) continue;
    else if (allFinite(d) && allFinite(d2)) lanes.add(d, d2, set);
    else {
      lanes.flush(); // the maxima take the sets in set order
      denseNullDraws(mx, d, d2, set);
    }
  }
  lanes.flush();
  const { spaMax, rcMax } = mx;
  return { from, to, tStats, meanDiff, spaMax, rcMax, ...observed, rcStatistic: rcStat };
}

/**
 * Writes d_t = x_t − base_t and d_t² into `d` and `d2`; returns their mean d̄ and sd (divisor n,
 * NaN when not finite).
 */
function differences(x: Series, base: Series, d: Float64Array, d2: Float64Array): { dbar: number; sd: number } {
  const n = d.length;
  let s = 0;
  let ss = 0;
  for (let t = 0; t < n; t++) {
    const v = (x[t] as number) - (base[t] as number);
    d[t] = v;
    d2[t] = v * v;
    s += v;
    ss += v * v;
  }
  const dbar = s / n;
  return { dbar, sd: Math.sqrt(Math.max(0, ss / n - dbar * dbar)) };
}

/** Counts a compared set and keeps the largest t_k (the first of equals) and max(0, max t_k). */
function enterObserved(
  o: { compared: number; statistic: number; best: number | null; bestT: number },
  k: number,
  tk: number,
): void {
  o.compared++;
  if (tk > o.bestT) {
    o.bestT = tk;
    o.best = k;
  }
  o.statistic = Math.max(o.statistic, tk);
}

/**
 * True when every entry is finite (blocks drawn zero times may then be skipped: c·d = ±0 leaves a
 * finite sum unchanged).
 */
function allFinite(v: Float64Array): boolean {
  for (let t = 0; t < v.length; t++) if (!Number.isFinite(v[t] as number)) return false;
  return true;
}

/**
 * Max-t adjusted p-value of one set against the SPA null maximum: (1 + #{T*_b ≥ t_k}) / (B + 1),
 * where t_k is floored at 0 like the SPA statistic. 1 for a set that was left out.
 */
export function adjustedPValue(spa: SuperiorAbility, setIndex: number): number {
  const t = spa.tStats[setIndex];
  if (t === undefined || Number.isNaN(t)) return 1;
  return (1 + countAtLeast(spa.nullMax, Math.max(0, t))) / (spa.reps + 1);
}
