import { describe, expect, it } from 'vitest';
import { longRunVariance, stationaryKernel } from './long-run-variance.js';
import { drawStationaryBootstrap, resampledTotals } from './stationary-bootstrap.js';
import { Xoshiro128 } from './prng.js';
import { gaussian } from './synthetic-sweep.js';

describe('stationary-bootstrap long-run variance', () => {
  it('reduces to the divisor-n variance when the mean block length is 1', () => {
    const x = [1, -2, 3, 0.5, -1, 4];
    const m = x.reduce((a, b) => a + b) / x.length;
    const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length;
    expect(longRunVariance(x, stationaryKernel(6, 1))).toBeCloseTo(v, 14);
  });

  it('equals the Monte Carlo variance of √n·(resampled mean) of the bootstrap it describes', () => {
    const rng = Xoshiro128.fromSeed(11);
    const n = 24;
    // an AR(1) series with φ = 0.6 so the lag terms matter
    const x = new Float64Array(n);
    let prev = 0;
    for (let t = 0; t < n; t++) x[t] = prev = 0.6 * prev + gaussian(rng);
    for (const L of [1, 3, 6]) {
      const d = drawStationaryBootstrap(n, 40_000, L, 100 + L);
      const tot = resampledTotals(d, x);
      let s = 0;
      let ss = 0;
      for (const v of tot) {
        const z = v / Math.sqrt(n); // √n · mean = total / √n
        s += z;
        ss += z * z;
      }
      const mcVar = ss / d.reps - (s / d.reps) ** 2;
      const exact = longRunVariance(x, stationaryKernel(n, L));
      // Monte Carlo relative s.e. of a variance from 40,000 draws ≈ √(2/40000) ≈ 0.7 %
      expect(Math.abs(mcVar / exact - 1)).toBeLessThan(0.035);
    }
  });

  it('is zero for a constant series and refuses a kernel of the wrong length', () => {
    expect(longRunVariance([3, 3, 3, 3], stationaryKernel(4, 2))).toBe(0);
    expect(() => longRunVariance([1, 2, 3], stationaryKernel(4, 2))).toThrow(/kernel/);
  });
});
