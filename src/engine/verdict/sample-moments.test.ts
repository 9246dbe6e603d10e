import { describe, expect, it } from 'vitest';
import { blockSharpe, kurtosis, mean, median, quantileSorted, sampleSd, skewness, sum } from './sample-moments.js';

describe('sample moments', () => {
  const x = [2, 4, 4, 4, 5, 5, 7, 9];

  it('computes mean, sum and the n−1 standard deviation of a hand-checked series', () => {
    expect(mean(x)).toBe(5);
    expect(sum(x)).toBe(40);
    // Σ(x−5)² = 32 → sd = √(32/7)
    expect(sampleSd(x)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(blockSharpe(x)).toBeCloseTo(5 / Math.sqrt(32 / 7), 14);
  });

  it('gives skewness 0 and kurtosis 1.5 (not excess) for the symmetric two-point-heavy series', () => {
    // [-1,-1,1,1,-2,2]: m2 = (1+1+1+1+4+4)/6 = 2, m4 = (4·1+2·16)/6 = 6 → γ4 = 6/4 = 1.5
    const y = [-1, -1, 1, 1, -2, 2];
    expect(skewness(y)).toBeCloseTo(0, 15);
    expect(kurtosis(y)).toBeCloseTo(1.5, 14);
  });

  it('gives a positive skewness for a right-skewed series', () => {
    // [0,0,0,3]: mean 0.75, m2 = (3·0.5625+5.0625)/4 = 1.6875, m3 = (3·−0.421875+11.390625)/4 = 2.53125
    expect(skewness([0, 0, 0, 3])).toBeCloseTo(2.53125 / 1.6875 ** 1.5, 14);
  });

  it('returns NaN for statistics of a constant series when they are undefined', () => {
    const z = [0, 0, 0, 0, 0];
    expect(sampleSd(z)).toBe(0);
    expect(blockSharpe(z)).toBeNaN();
    expect(skewness(z)).toBeNaN();
    expect(kurtosis(z)).toBeNaN();
    expect(sampleSd([1])).toBeNaN();
  });

  it('interpolates quantiles like R type 7 and takes the middle mean as median', () => {
    const s = [1, 2, 3, 4];
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.25)).toBeCloseTo(1.75, 15);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([5, 1, 3, 10])).toBe(4);
    expect(median([])).toBeNaN();
  });
});
