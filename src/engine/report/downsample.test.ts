import { describe, expect, it } from 'vitest';
import { bucketToFit, lastPerBucket } from './downsample.js';

const MIN = 60_000;

describe('downsampling', () => {
  it('keeps the first point and the last point of each bucket when thinning equity', () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => i * MIN);
    const v = t.map((_, i) => 100 + i);
    const thin = lastPerBucket(t, v, 5 * MIN);
    expect(thin.t).toEqual([0, 4 * MIN, 9 * MIN, 10 * MIN]);
    expect(thin.v).toEqual([100, 104, 109, 110]);
  });

  it('keeps a series whole when every point is in its own bucket', () => {
    const t = [0, 5, 10].map((i) => i * MIN);
    expect(lastPerBucket(t, [1, 2, 3], 5 * MIN)).toEqual({ t, v: [1, 2, 3] });
  });

  it('refuses columns of different lengths', () => {
    expect(() => lastPerBucket([0, 1], [1], MIN)).toThrow(/differ in length/);
  });

  it('picks the smallest whole-candle bucket that fits the cap', () => {
    expect(bucketToFit(2880 * MIN, MIN, 3000)).toBe(MIN);
    expect(bucketToFit(10_000 * MIN, MIN, 3000)).toBe(4 * MIN);
  });
});
