import { describe, expect, it } from 'vitest';
import { descendingRanks, spearman } from './rank-correlation.js';

describe('rank correlation between halves', () => {
  it('ranks the highest score first and averages tied ranks', () => {
    expect(Array.from(descendingRanks([10, 30, 20, 30]))).toEqual([4, 1.5, 3, 1.5]);
    expect(Array.from(descendingRanks([0, 0, 0]))).toEqual([2, 2, 2]);
    expect(Array.from(descendingRanks([1, Number.NaN, 2]))).toEqual([2, 3, 1]);
  });

  it('gives +1 for the same order, −1 for the reverse order', () => {
    expect(spearman([1, 2, 3, 4, 5], [10, 20, 30, 40, 50])).toBeCloseTo(1, 15);
    expect(spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBeCloseTo(-1, 15);
  });

  it('matches the hand-computed tie-corrected value', () => {
    // x ranks (desc): [5, 3.5, 3.5, 2, 1]; y ranks: [4.5, 4.5, 3, 1, 2]
    // centred (mean 3): dx = [2, .5, .5, −1, −2], dy = [1.5, 1.5, 0, −2, −1]
    // Σdxdy = 3 + .75 + 0 + 2 + 2 = 7.75, Σdx² = Σdy² = 9.5 → 0.815789…
    const r = spearman([1, 2, 2, 3, 4], [0, 0, 1, 3, 2]);
    expect(r).toBeCloseTo(7.75 / 9.5, 14);
  });

  it('returns null when one side is all ties or fewer than three pairs are usable', () => {
    expect(spearman([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
    expect(spearman([1, 2], [2, 1])).toBeNull();
    expect(spearman([1, Number.NaN, 3, 4], [1, 2, Number.NaN, 4])).toBeNull();
    expect(() => spearman([1], [1, 2])).toThrow(RangeError);
  });
});
