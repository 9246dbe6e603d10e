/**
 * `tidy`: a number rounded to 12 significant digits, exactly as `Number(x.toPrecision(12))`
 * (the decimal form) gives it, which keeps results.json compact and byte-stable. A sweep tidies
 * every metric and block PnL of every set (≈ 150 numbers per set), so the common case avoids the
 * decimal string:
 *
 * For 1e-10 ≤ |x| < 1e11 with decimal exponent e, y = |x|·10^k (k = 11 − e, 10^k exact as a
 * double since k ≤ 21) has 12 digits before its point. Its rounding error is at most half an ulp
 * of 2^40, ≈ 1.2e-4, so when y's fraction is not within 1e-3 of one half, N = round(y) is the
 * 12-digit mantissa the decimal form rounds to, and N / 10^k (two exact doubles, one correctly
 * rounded division) is the double nearest N·10^-k, which is what parsing the decimal form returns.
 * Everything else (near-ties, a wrong exponent guess, other magnitudes, non-finite values) takes
 * the decimal form itself. Pure.
 */

/** 10^k for k = 0 … 22, each exact as a double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** For a > 0: the decimal form's result when the fast path can prove it (see the file comment), else NaN. */
export function tidyFast(a: number): number {
  if (!(a >= 1e-10 && a < 1e11)) return Number.NaN;
  const k = 11 - Math.floor(Math.log10(a));
  const s = POW10[k] as number;
  const y = a * s;
  // A wrong guess of the exponent shows as y outside [1e11, 1e12); stay clear of both edges.
  if (!(y >= 1e11 + 1 && y < 1e12 - 1)) return Number.NaN;
  const floor = Math.floor(y);
  const frac = y - floor;
  if (Math.abs(frac - 0.5) < 1e-3) return Number.NaN;
  return (frac < 0.5 ? floor : floor + 1) / s;
}

/**
 * Rounds to 12 significant digits (see the file comment). Zero (either sign) and whole numbers
 * below 10¹² come out of the rounding as themselves (+0 for −0), so they skip it.
 */
export function tidy(x: number): number {
  if (x === 0) return 0;
  if (Number.isInteger(x) && x < 1e12 && x > -1e12) return x;
  const fast = x > 0 ? tidyFast(x) : -tidyFast(-x);
  if (fast === fast) return fast; // not NaN
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}
