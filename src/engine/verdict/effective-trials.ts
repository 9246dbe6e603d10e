/**
 * How many independent trials a sweep of N correlated parameter sets is worth. Neighbouring sets
 * trade mostly the same trades, so N overstates the multiple-testing burden the deflated Sharpe
 * ratio should charge. Two estimates from the sets' block PnL correlations, both O(N·n²):
 *
 * - **Average correlation** (the verdict's default): N_eff = ρ̄ + (1 − ρ̄)·M, the linear
 *   interpolation between M independent sets (ρ̄ = 0) and one set repeated (ρ̄ = 1), with ρ̄ the
 *   mean off-diagonal correlation, computed without the M×M matrix as
 *   ρ̄ = (‖Σ_k u_k‖² − M) / (M(M − 1)) for standardised unit-norm series u_k. Clamped to [1, M].
 *   A heuristic, chosen because it is simple, monotone and conservative when correlations are
 *   moderate.
 * - **Participation ratio** (reported): (Σλ)² / Σλ² of the correlation matrix's eigenvalues,
 *   = M² / ‖G‖_F² with G = Σ_k u_k u_kᵀ (n×n). It cannot exceed the rank, n − 1: with 48 blocks
 *   no sample can show more than 47 independent directions, so it understates N_eff for short
 *   windows — which is why it is not the default.
 *
 * M counts sets with non-zero variance (a set that never trades has no Sharpe ratio and adds no
 * trial).
 */
import type { Series } from './sample-moments.js';

/** The estimates for one window. */
export interface EffectiveTrials {
  /** Number of sets tried (all of them). */
  readonly tried: number;
  /** M: sets with non-zero block-PnL variance. */
  readonly withVariance: number;
  /** Mean pairwise correlation ρ̄ of those sets' block PnL; null when M < 2. */
  readonly averageCorrelation: number | null;
  /** N_eff = ρ̄ + (1 − ρ̄)·M clamped to [1, M] (M when M < 2). */
  readonly byAverageCorrelation: number;
  /** Participation ratio of the correlation spectrum, ≤ min(M, n − 1). */
  readonly byParticipationRatio: number;
}

/** Estimates the effective number of independent trials from the sets' block PnL. */
export function effectiveTrials(series: readonly Series[]): EffectiveTrials {
  const n = series[0]?.length ?? 0;
  const total = new Float64Array(n);
  const gram = new Float64Array(n * n);
  const u = new Float64Array(n);
  let m = 0;
  for (const x of series) {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += x[t] as number;
    mean /= n;
    let ss = 0;
    for (let t = 0; t < n; t++) {
      const v = (x[t] as number) - mean;
      u[t] = v;
      ss += v * v;
    }
    if (!(ss > 0)) continue;
    const inv = 1 / Math.sqrt(ss);
    m++;
    for (let t = 0; t < n; t++) {
      const ut = (u[t] as number) * inv;
      u[t] = ut;
      total[t] = (total[t] as number) + ut;
    }
    // The upper triangle only: G is symmetric bit for bit (ui·uj = uj·ui, added in the same set
    // order; a row skipped for ui = 0 only misses ±0 terms, which change no sum of finite
    // values), so the lower triangle is mirrored once at the end.
    for (let i = 0; i < n; i++) {
      const ui = u[i] as number;
      if (ui === 0) continue;
      const row = i * n;
      for (let j = i; j < n; j++) gram[row + j] = (gram[row + j] as number) + ui * (u[j] as number);
    }
  }
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) gram[i * n + j] = gram[j * n + i] as number;
  if (m < 2) {
    return {
      tried: series.length,
      withVariance: m,
      averageCorrelation: null,
      byAverageCorrelation: Math.max(1, m),
      byParticipationRatio: Math.max(1, m),
    };
  }
  let norm2 = 0;
  for (let t = 0; t < n; t++) norm2 += (total[t] as number) ** 2;
  const rho = (norm2 - m) / (m * (m - 1));
  let frob = 0;
  for (let i = 0; i < n * n; i++) frob += (gram[i] as number) ** 2;
  return {
    tried: series.length,
    withVariance: m,
    averageCorrelation: rho,
    byAverageCorrelation: Math.min(m, Math.max(1, rho + (1 - rho) * m)),
    byParticipationRatio: frob > 0 ? (m * m) / frob : 1,
  };
}
