import { describe, expect, it } from 'vitest';
import { effectiveTrials } from './effective-trials.js';
import { Xoshiro128 } from './prng.js';
import { gaussian } from './synthetic-sweep.js';

/** Mean off-diagonal Pearson correlation by the direct O(M²) definition. */
function directAverageCorrelation(xs: Float64Array[]): number {
  const z = xs.map((x) => {
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    const c = x.map((v) => v - m);
    const s = Math.sqrt(c.reduce((a, b) => a + b * b, 0));
    return c.map((v) => v / s);
  });
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < z.length; i++) {
    for (let j = i + 1; j < z.length; j++) {
      sum += (z[i] as Float64Array).reduce((a, v, t) => a + v * ((z[j] as Float64Array)[t] as number), 0);
      pairs++;
    }
  }
  return sum / pairs;
}

describe('effective number of trials', () => {
  it('matches the direct mean pairwise correlation', () => {
    const rng = Xoshiro128.fromSeed(1);
    const common = Array.from({ length: 48 }, () => gaussian(rng));
    const xs = Array.from({ length: 40 }, () =>
      Float64Array.from({ length: 48 }, (_, t) => 0.7 * (common[t] as number) + gaussian(rng)),
    );
    const e = effectiveTrials(xs);
    expect(e.averageCorrelation).toBeCloseTo(directAverageCorrelation(xs), 12);
    expect(e.withVariance).toBe(40);
  });

  it('counts copies of one set as a single trial', () => {
    const rng = Xoshiro128.fromSeed(2);
    const x = Float64Array.from({ length: 24 }, () => gaussian(rng));
    const e = effectiveTrials(Array.from({ length: 50 }, (_, k) => x.map((v) => v * (k + 1))));
    expect(e.byAverageCorrelation).toBeCloseTo(1, 9);
    expect(e.byParticipationRatio).toBeCloseTo(1, 9);
  });

  it('counts nearly all of a set of independent series, the participation ratio capped by the sample length', () => {
    const rng = Xoshiro128.fromSeed(3);
    const xs = Array.from({ length: 200 }, () => Float64Array.from({ length: 48 }, () => gaussian(rng)));
    const e = effectiveTrials(xs);
    expect(e.byAverageCorrelation).toBeGreaterThan(190);
    expect(e.byParticipationRatio).toBeLessThanOrEqual(47 + 1e-9);
    expect(e.byParticipationRatio).toBeGreaterThan(30);
  });

  it('halves the trials when every pair correlates at about 0.5', () => {
    const rng = Xoshiro128.fromSeed(4);
    const common = Array.from({ length: 2000 }, () => gaussian(rng));
    const xs = Array.from({ length: 100 }, () =>
      Float64Array.from({ length: 2000 }, (_, t) => (common[t] as number) + gaussian(rng)),
    );
    const e = effectiveTrials(xs);
    expect(e.byAverageCorrelation).toBeGreaterThan(45);
    expect(e.byAverageCorrelation).toBeLessThan(55);
  });

  it('ignores sets that never trade (zero variance)', () => {
    const rng = Xoshiro128.fromSeed(5);
    const xs = [
      new Float64Array(24),
      ...Array.from({ length: 3 }, () => Float64Array.from({ length: 24 }, () => gaussian(rng))),
    ];
    const e = effectiveTrials(xs);
    expect(e.tried).toBe(4);
    expect(e.withVariance).toBe(3);
    expect(effectiveTrials([new Float64Array(24)]).byAverageCorrelation).toBe(1);
  });
});

/** The participation ratio with the whole Gram matrix accumulated (the definition the triangle is proven against). */
function fullGramParticipation(series: readonly Float64Array[]): number {
  const n = series[0]?.length ?? 0;
  const gram = new Float64Array(n * n);
  let m = 0;
  for (const x of series) {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += x[t] as number;
    mean /= n;
    const u = x.map((v) => v - mean);
    let ss = 0;
    for (let t = 0; t < n; t++) ss += (u[t] as number) * (u[t] as number);
    if (!(ss > 0)) continue;
    const inv = 1 / Math.sqrt(ss);
    m++;
    for (let t = 0; t < n; t++) u[t] = (u[t] as number) * inv;
    for (let i = 0; i < n; i++) {
      if (u[i] === 0) continue;
      for (let j = 0; j < n; j++) gram[i * n + j] = (gram[i * n + j] as number) + (u[i] as number) * (u[j] as number);
    }
  }
  let frob = 0;
  for (let i = 0; i < n * n; i++) frob += (gram[i] as number) ** 2;
  return frob > 0 ? (m * m) / frob : 1;
}

describe('effective number of trials, upper triangle of the Gram matrix', () => {
  it('gives the participation ratio of the whole matrix bit for bit, with blocks at the mean, flat and repeated sets', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = Xoshiro128.fromSeed(seed);
      const n = 6 + (seed % 5) * 9; // a multiple of 3
      const series: Float64Array[] = Array.from({ length: 30 + seed }, (_, k) =>
        Float64Array.from({ length: n }, (_, t) => {
          if (k % 7 === 0) return 2.5; // no variance: left out
          if (k % 5 === 0) return (k / 5) * ((t % 3) - 1); // mean exactly 0: a third of u is exactly 0
          return t % 4 === 0 ? 1 : Math.round(gaussian(rng) * 8) / 4;
        }),
      );
      series.push(series[3]!);
      expect(Object.is(effectiveTrials(series).byParticipationRatio, fullGramParticipation(series))).toBe(true);
    }
  });
});
