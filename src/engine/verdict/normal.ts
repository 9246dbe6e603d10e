/**
 * The standard normal distribution, implemented here so every number in a verdict is computed by
 * code we can test and that gives the same bits on every machine.
 *
 * - {@link normCdf}: Φ(x). For |x| ≤ 3 the Taylor series Φ(x) = ½ + φ(x)·Σ x^(2k+1)/(2k+1)!!
 *   (Marsaglia 2004, "Evaluating the normal distribution"); beyond, the tail Q(z) = φ(z)/CF(z)
 *   with Laplace's continued fraction CF(z) = z + 1/(z + 2/(z + 3/(z + …))) evaluated backwards,
 *   so the lower tail keeps full relative precision down to Φ(−37).
 * - {@link normInv}: Φ⁻¹(p). Acklam's rational approximation (relative error < 1.15e−9) refined
 *   by one Halley step on {@link normCdf}, which brings it to ~1e−15.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** The standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Q(z) = 1 − Φ(z) for z ≥ 3 by the backward continued fraction (220 terms: < 1e−16 at z = 3). */
function upperTail(z: number): number {
  if (z > 38.6) return 0; // φ(z) underflows
  let f = z;
  for (let k = 220; k >= 1; k--) f = z + k / f;
  return normPdf(z) / f;
}

/**
 * Φ(x), the standard normal cumulative distribution function.
 * Absolute error < 2e−16 everywhere; relative error < 1e−14 in the lower tail.
 * @returns a probability in [0, 1]; NaN for NaN.
 */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < -3) return upperTail(-x);
  if (x > 3) return 1 - upperTail(x);
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= x2 / (2 * k + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return 0.5 + normPdf(x) * sum;
}

// Acklam's coefficients (P. J. Acklam, "An algorithm for computing the inverse normal cumulative
// distribution function", 2003): central region numerator a, denominator b; tails c, d.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function poly(coef: readonly number[], x: number): number {
  let r = 0;
  for (const c of coef) r = r * x + c;
  return r;
}

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/**
 * Φ⁻¹(p), the standard normal quantile function.
 * @param p a probability; 0 gives −∞ and 1 gives +∞.
 * @throws RangeError when p is outside [0, 1] or NaN.
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normInv: p must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let x = acklam(p);
  // One Halley step on Φ(x) − p (cubic convergence from ~1e−9).
  const e = normCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  if (Number.isFinite(u)) x -= u / (1 + 0.5 * x * u);
  return x;
}
