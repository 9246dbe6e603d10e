import { describe, expect, it } from 'vitest';
import { deflatedSharpe, expectedMaxSharpe, probabilisticSharpe } from './deflated-sharpe.js';
import { Xoshiro128 } from './prng.js';
import { gaussian } from './synthetic-sweep.js';

describe('deflated Sharpe ratio', () => {
  it('reproduces the numerical example of Bailey & López de Prado (2014)', () => {
    // Inputs of the paper's worked example as we recall them: N = 100 independent trials, the
    // variance of their annualised Sharpe ratios V = 1/2, the selected strategy's annualised
    // SR = 2.5 over T = 1250 daily observations (5 years, 250 days a year), skewness −3,
    // kurtosis 10. In daily units: SR^ = 2.5/√250 = 0.158114, V = 0.5/250 = 0.002.
    //
    // Derived independently (mpmath, 40 digits) from the formula:
    //   SR0 = √0.002·(0.42278·Φ⁻¹(0.99) + 0.57722·Φ⁻¹(1 − 1/(100e))) = 0.1131720018651320
    //   z   = (0.158114 − 0.113172)·√1249 / √(1 + 3·0.158114 + 9/4·0.158114²) = 1.2838160365336578
    //   DSR = Φ(z) = 0.9003968344493910
    // These agree with the figures we remember the paper printing (SR0 ≈ 0.1132, DSR ≈ 0.9004);
    // we could not re-read the paper here, so the 1e-12 assertions pin the derivation.
    const r = deflatedSharpe({
      sharpe: 2.5 / Math.sqrt(250),
      observations: 1250,
      skewness: -3,
      kurtosis: 10,
      trials: 100,
      trialSharpeVariance: 0.5 / 250,
    });
    expect(r.sharpeThreshold).toBeCloseTo(0.113172001865132, 12);
    expect(r.dsr).toBeCloseTo(0.900396834449391, 12);
  });

  it('reduces to the plain z-test of a Sharpe ratio for one trial and normal moments', () => {
    // PSR(0) with γ3 = 0, γ4 = 3: Φ(SR·√(T−1)/√(1 + SR²/2))
    const sr = 0.2;
    const want = 0.5 * (1 + erfApprox((sr * Math.sqrt(99)) / Math.sqrt(1 + (sr * sr) / 2) / Math.SQRT2));
    const got = probabilisticSharpe({ sharpe: sr, benchmark: 0, observations: 100, skewness: 0, kurtosis: 3 });
    expect(got).toBeCloseTo(want, 6);
    expect(
      deflatedSharpe({ sharpe: sr, observations: 100, skewness: 0, kurtosis: 3, trials: 1, trialSharpeVariance: 1 })
        .dsr,
    ).toBe(got);
  });

  it('raises the bar with more trials and with more dispersed trial Sharpe ratios', () => {
    expect(expectedMaxSharpe(1, 1)).toBe(0);
    expect(expectedMaxSharpe(10, 1)).toBeLessThan(expectedMaxSharpe(100, 1));
    expect(expectedMaxSharpe(100, 1)).toBeLessThan(expectedMaxSharpe(1000, 1));
    expect(expectedMaxSharpe(100, 4)).toBeCloseTo(2 * expectedMaxSharpe(100, 1), 14);
  });

  it('approximates the mean of the maximum of N standard normals', () => {
    // E[max of 1000 N(0,1)] ≈ 3.24 (Monte Carlo here: 4,000 draws, s.e. ≈ 0.007)
    const rng = Xoshiro128.fromSeed(21);
    let s = 0;
    for (let r = 0; r < 4000; r++) {
      let m = -Infinity;
      for (let i = 0; i < 1000; i++) m = Math.max(m, gaussian(rng));
      s += m;
    }
    expect(Math.abs(expectedMaxSharpe(1000, 1) - s / 4000)).toBeLessThan(0.03);
  });

  it('penalises negative skewness and fat tails', () => {
    const base = { sharpe: 0.3, benchmark: 0, observations: 50 };
    const normal = probabilisticSharpe({ ...base, skewness: 0, kurtosis: 3 });
    expect(probabilisticSharpe({ ...base, skewness: -2, kurtosis: 3 })).toBeLessThan(normal);
    expect(probabilisticSharpe({ ...base, skewness: 0, kurtosis: 12 })).toBeLessThan(normal);
    expect(probabilisticSharpe({ ...base, skewness: Number.NaN, kurtosis: 3 })).toBeNaN();
  });
});

/** erf by its Maclaurin series (|x| < 3 here), independent of normal.ts. */
function erfApprox(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
