import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../verdict/prng.js';
import { probabilityOfOverfitting } from './pbo-cscv.js';

/** N sets × n blocks of uniform noise in [−1, 1) (seeded). */
function noise(sets: number, blocks: number, seed: number): Float64Array[] {
  const rng = Xoshiro128.fromSeed(seed);
  return Array.from({ length: sets }, () => Float64Array.from({ length: blocks }, () => rng.nextFloat() * 2 - 1));
}

describe('probability of backtest overfitting (CSCV)', () => {
  it('evaluates exactly C(16, 8) = 12,870 splits with 16 groups', () => {
    const r = probabilityOfOverfitting(noise(5, 48, 1), 16);
    expect(r?.splits).toBe(12_870);
    expect(r?.groups).toBe(16);
    expect(r?.sets).toBe(5);
  });

  it('evaluates C(S, S/2) splits for other group counts', () => {
    expect(probabilityOfOverfitting(noise(3, 12, 2), 4)?.splits).toBe(6);
    expect(probabilityOfOverfitting(noise(3, 12, 2), 10)?.splits).toBe(252);
  });

  it('is about 0.5 for pure-noise sets (mean over 20 seeded families of 50 sets)', () => {
    let total = 0;
    for (let seed = 1; seed <= 20; seed++) total += probabilityOfOverfitting(noise(50, 48, seed), 16)?.pbo ?? NaN;
    const mean = total / 20;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.6);
  });

  it('is 0 when one set beats every other set in every block', () => {
    const sets = noise(50, 48, 7);
    sets[13] = Float64Array.from({ length: 48 }, () => 1.5);
    expect(probabilityOfOverfitting(sets, 16)?.pbo).toBe(0);
  });

  it('is 1 when the in-sample best is always the out-of-sample worst (perfect reversal)', () => {
    // a earns +1 in the first 8 groups and −1 in the last 8; b the opposite.
    const a = Float64Array.from({ length: 16 }, (_, g) => (g < 8 ? 1 : -1));
    const b = Float64Array.from(a, (x) => -x);
    const r = probabilityOfOverfitting([a, b], 16);
    // The winner has more of its good groups in training, so fewer in the test: rank 1 of 2. A 4/4
    // split ties (winner: the lowest index) and ties again out of sample: λ = 0, counted as overfit.
    expect(r?.pbo).toBe(1);
  });

  it('gives null with fewer blocks than groups or a single set', () => {
    expect(probabilityOfOverfitting(noise(5, 12, 1), 16)).toBeNull();
    expect(probabilityOfOverfitting(noise(1, 48, 1), 16)).toBeNull();
  });

  it('refuses an odd or oversized group count', () => {
    expect(() => probabilityOfOverfitting(noise(3, 48, 1), 15)).toThrow(RangeError);
    expect(() => probabilityOfOverfitting(noise(3, 48, 1), 22)).toThrow(RangeError);
  });
});
