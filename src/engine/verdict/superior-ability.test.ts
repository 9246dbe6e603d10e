import { describe, expect, it } from 'vitest';
import { adjustedPValue, combineSuperiorAbility, superiorAbility, superiorAbilityPart } from './superior-ability.js';
import { drawStationaryBootstrap } from './stationary-bootstrap.js';
import { normCdf } from './normal.js';
import { Xoshiro128 } from './prng.js';
import { gaussian } from './synthetic-sweep.js';

function noiseSets(
  rng: Xoshiro128,
  sets: number,
  blocks: number,
  mean: (k: number) => number = () => 0,
): Float64Array[] {
  return Array.from({ length: sets }, (_, k) => Float64Array.from({ length: blocks }, () => mean(k) + gaussian(rng)));
}

describe('superior predictive ability (best of N vs the baseline)', () => {
  it('rejects "no set beats the baseline" in at most ~5 % of pure-noise sweeps while the naive test almost always does', () => {
    // 200 seeded sweeps of 100 i.i.d. N(0,1) sets × 24 blocks, baseline = set 0, B = 299.
    // Measured: p ≤ 0.05 in 2.0 %, ≤ 0.10 in 10 %, ≤ 0.5 in 61 %; the best set's uncorrected
    // one-sided p ≤ 0.05 in 69.5 %.
    const rng = Xoshiro128.fromSeed(2024);
    const R = 200;
    let rejected = 0;
    let below50 = 0;
    let naive = 0;
    for (let r = 0; r < R; r++) {
      const spa = superiorAbility(noiseSets(rng, 100, 24), 0, drawStationaryBootstrap(24, 299, 4, 500 + r));
      if (spa.pValue <= 0.05) rejected++;
      if (spa.pValue <= 0.5) below50++;
      if (1 - normCdf(spa.statistic) < 0.05) naive++;
    }
    // binomial s.e. of a 5 % rate over 200 trials ≈ 1.5 pt: allow 5 % + 2 s.e.
    expect(rejected / R).toBeLessThanOrEqual(0.08);
    // not trivially conservative: p-values spread over [0, 1]
    expect(below50 / R).toBeGreaterThan(0.35);
    expect(naive / R).toBeGreaterThan(0.5);
  });

  it('finds a planted edge and names its set as the best when one set truly beats the baseline', () => {
    const rng = Xoshiro128.fromSeed(8);
    // set 37 earns +1.5 per block more than the rest; its difference from the baseline has sd √2,
    // so t ≈ 1.5·√24/√2 ≈ 5.2 before noise
    const series = noiseSets(rng, 200, 24, (k) => (k === 37 ? 1.5 : 0));
    const spa = superiorAbility(series, 0, drawStationaryBootstrap(24, 999, 4, 1));
    expect(spa.bestSetIndex).toBe(37);
    expect(spa.pValue).toBeLessThanOrEqual(0.01);
    expect(adjustedPValue(spa, 37)).toBe(spa.pValue);
    expect(adjustedPValue(spa, 5)).toBeGreaterThan(0.5);
    expect(spa.setsCompared).toBe(199);
  });

  it('ignores clearly poor sets (consistent recentring) while the Reality Check is diluted by them', () => {
    const rng = Xoshiro128.fromSeed(9);
    const good = noiseSets(rng, 50, 24, (k) => (k === 3 ? 0.8 : 0));
    const poor = noiseSets(rng, 150, 24, () => -3);
    const draws = drawStationaryBootstrap(24, 999, 4, 2);
    const a = superiorAbility(good, 0, draws);
    const b = superiorAbility([...good, ...poor], 0, draws);
    expect(b.pValue).toBe(a.pValue);
    expect(b.rcPValue).toBeGreaterThan(a.rcPValue);
  });

  it('leaves out the baseline and sets identical to it, and returns p = 1 when nothing is compared', () => {
    const rng = Xoshiro128.fromSeed(10);
    const base = Float64Array.from({ length: 24 }, () => gaussian(rng));
    const draws = drawStationaryBootstrap(24, 99, 4, 3);
    const spa = superiorAbility([base, base.slice(), base.slice()], 0, draws);
    expect(spa.setsCompared).toBe(0);
    expect(spa.pValue).toBe(1);
    expect(spa.rcPValue).toBe(1);
    expect(spa.bestSetIndex).toBeNull();
    expect(adjustedPValue(spa, 1)).toBe(1);
  });

  it('gives p-values in (0, 1] that never reach 0, even for an overwhelming edge', () => {
    const rng = Xoshiro128.fromSeed(11);
    const series = noiseSets(rng, 10, 24, (k) => (k === 1 ? 50 : 0));
    const spa = superiorAbility(series, 0, drawStationaryBootstrap(24, 99, 4, 4));
    expect(spa.pValue).toBe(1 / 100);
  });

  it('is deterministic: the same sets and seed give bit-identical results', () => {
    const mk = () => noiseSets(Xoshiro128.fromSeed(12), 30, 24);
    const a = superiorAbility(mk(), 2, drawStationaryBootstrap(24, 199, 4, 5));
    const b = superiorAbility(mk(), 2, drawStationaryBootstrap(24, 199, 4, 5));
    expect(b.pValue).toBe(a.pValue);
    expect(Array.from(b.nullMax)).toEqual(Array.from(a.nullMax));
  });
});

describe('superior predictive ability fast path', () => {
  it('gives the dense computation bit for bit on sweeps with repeated and mostly-zero sets', () => {
    const rng = Xoshiro128.fromSeed(7);
    for (let r = 0; r < 20; r++) {
      const n = 12 + (r % 3) * 12;
      const sets = noiseSets(rng, 40, n, (k) => (k % 3) - 1).map((x, k) =>
        k % 4 === 0 ? new Float64Array(n) : k % 5 === 0 ? x.map((v, t) => (t % 3 === 0 ? v : 0)) : x,
      );
      for (let k = 30; k < 40; k++) sets[k] = Float64Array.from(sets[k - 30] as Float64Array);
      const draws = drawStationaryBootstrap(n, 199, 3, 900 + r);
      const fast = superiorAbility(sets, 1, draws);
      const slow = superiorAbility(sets, 1, draws, { stepByStep: true });
      expect(fast).toEqual(slow);
    }
  });
});

describe('superior predictive ability over parts of the sets', () => {
  it('combines parts covering the sets into the one-pass result bit for bit, whatever the split', () => {
    const rng = Xoshiro128.fromSeed(11);
    for (let r = 0; r < 20; r++) {
      const n = 12 + (r % 3) * 12;
      const N = 30 + r;
      // Repeats across parts, zero differences (the baseline's copies), ±0 and a non-finite set.
      const sets = noiseSets(rng, N, n, (k) => (k % 3) - 1).map((x, k) => (k % 7 === 0 ? new Float64Array(n) : x));
      for (let k = N - 8; k < N; k++) sets[k] = Float64Array.from(sets[k - N + 10] as Float64Array);
      sets[5] = (sets[5] as Float64Array).map((v, t) => (t === 2 ? -0 : v));
      if (r % 4 === 0) sets[6] = (sets[6] as Float64Array).map((v, t) => (t === 1 ? Number.POSITIVE_INFINITY : v));
      const draws = drawStationaryBootstrap(n, 199, 3, 700 + r);
      const whole = superiorAbility(sets, r % N, draws);
      const cuts = [0, ...[rng.nextInt(N + 1), rng.nextInt(N + 1)].sort((a, b) => a - b), N];
      const parts = cuts
        .slice(1)
        .map((to, i) => superiorAbilityPart(sets, r % N, draws, { from: cuts[i] as number, to }));
      const combined = combineSuperiorAbility(parts, draws);
      expect(combined).toEqual(whole);
      expect([...combined.nullMax].map((v) => Object.is(v, -0))).toEqual(
        [...whole.nullMax].map((v) => Object.is(v, -0)),
      );
    }
  });

  it('refuses parts that do not cover the sets in order', () => {
    const rng = Xoshiro128.fromSeed(3);
    const sets = noiseSets(rng, 10, 12);
    const draws = drawStationaryBootstrap(12, 19, 3, 1);
    const part = (from: number, to: number) => superiorAbilityPart(sets, 0, draws, { from, to });
    expect(() => combineSuperiorAbility([part(0, 4), part(5, 10)], draws)).toThrow(/starts at set 5, expected 4/);
  });
});
