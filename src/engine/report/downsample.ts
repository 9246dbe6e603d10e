/**
 * Time-series thinning for the report page, so a 48 h run stays far below the 3 MB page
 * target: equity curves keep the last value of each bucket (default 5 min), price series are
 * thinned only when longer than a cap. Pure; inputs are columnar and sorted by time.
 */
import { invariant } from '../errors.js';

/** A thinned series: times (ms UTC) and values. */
export interface ThinSeries {
  readonly t: number[];
  readonly v: number[];
}

/**
 * Keeps the first point and the last point of every `bucketMs` bucket (buckets aligned to
 * the epoch, so equal inputs thin identically). Right for equity, where the value at the
 * end of a bucket is what a reader compares.
 * @throws Error (invariant) when `t` and `v` differ in length or `bucketMs` ≤ 0.
 */
export function lastPerBucket(t: readonly number[], v: readonly number[], bucketMs: number): ThinSeries {
  invariant(t.length === v.length, `series columns differ in length (${t.length} times, ${v.length} values)`);
  invariant(bucketMs > 0, 'bucketMs must be positive');
  const out: ThinSeries = { t: [], v: [] };
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const ti = t[i] as number;
    const isFirst = i === 0;
    const isLastOfBucket = i === n - 1 || Math.floor((t[i + 1] as number) / bucketMs) !== Math.floor(ti / bucketMs);
    if (isFirst || isLastOfBucket) {
      out.t.push(ti);
      out.v.push(v[i] as number);
    }
  }
  return out;
}

/**
 * The smallest bucket, a whole multiple of `stepMs`, that leaves at most `maxPoints` buckets
 * over `spanMs` (`stepMs` itself when the series already fits).
 */
export function bucketToFit(spanMs: number, stepMs: number, maxPoints: number): number {
  const steps = Math.max(1, Math.ceil(spanMs / stepMs / maxPoints));
  return steps * stepMs;
}
