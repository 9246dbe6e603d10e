/**
 * Descriptive statistics of one series of block PnL (USDT per block) or of any list of numbers:
 * mean, sample standard deviation, skewness, kurtosis, per-block Sharpe ratio, quantiles and the
 * median. Pure functions; summation is in index order so results are bit-identical across runs.
 */

/** A read-only numeric series (typed array or plain array). */
export type Series = ArrayLike<number>;

/** Arithmetic mean; NaN for an empty series. Units: those of the input. */
export function mean(x: Series): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s / x.length;
}

/** Sum of the series (e.g. total USDT over all blocks). */
export function sum(x: Series): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s;
}

/** Sample standard deviation (divisor n − 1); NaN when n < 2. Units: those of the input. */
export function sampleSd(x: Series): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/** Central moments m2, m3, m4 with divisor n (the population moments of the sample). */
function centralMoments(x: Series): { m2: number; m3: number; m4: number } {
  const n = x.length;
  const m = mean(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/**
 * Skewness γ3 = m3 / m2^{3/2} (moment estimator, no small-sample correction, as in Bailey &
 * López de Prado). NaN when the series is constant or shorter than 3.
 */
export function skewness(x: Series): number {
  if (x.length < 3) return Number.NaN;
  const { m2, m3 } = centralMoments(x);
  return m2 > 0 ? m3 / m2 ** 1.5 : Number.NaN;
}

/**
 * Kurtosis γ4 = m4 / m2² (NOT excess: 3 for a normal distribution), the convention of the
 * probabilistic and deflated Sharpe ratio formulas. NaN when constant or shorter than 4.
 */
export function kurtosis(x: Series): number {
  if (x.length < 4) return Number.NaN;
  const { m2, m4 } = centralMoments(x);
  return m2 > 0 ? m4 / (m2 * m2) : Number.NaN;
}

/**
 * Sharpe ratio per block: mean / sample sd, not annualised (units: 1/√block). NaN when the sd is
 * 0 or undefined (e.g. a set that never trades has blockPnl ≡ 0).
 */
export function blockSharpe(x: Series): number {
  const sd = sampleSd(x);
  return sd > 0 ? mean(x) / sd : Number.NaN;
}

/**
 * The q-quantile of an ascending sorted series by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy). NaN for an empty series.
 */
export function quantileSorted(sorted: Series, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Median (mean of the two middle values for an even count). NaN for an empty list. */
export function median(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  return quantileSorted(s, 0.5);
}
