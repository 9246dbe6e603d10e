import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from './prng.js';
import { sparseCounts } from './sparse-counts.js';

/** The non-zero counts of each row in block order, read the obvious way. */
function naive(counts: Float64Array, B: number, n: number) {
  const offsets = [0];
  const blocks: number[] = [];
  const weights: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < n; t++) {
      const c = counts[b * n + t] as number;
      if (c !== 0) {
        blocks.push(t);
        weights.push(c);
      }
    }
    offsets.push(blocks.length);
  }
  return { offsets: Int32Array.from(offsets), blocks: Int32Array.from(blocks), weights: Float64Array.from(weights) };
}

describe('sparse bootstrap counts', () => {
  it('keep every non-zero count of each replication in block order, with B + 1 offsets', () => {
    const rng = Xoshiro128.fromSeed(5);
    for (const [B, n] of [
      [1, 1],
      [7, 3],
      [50, 48],
    ] as const) {
      const counts = Float64Array.from({ length: B * n }, () =>
        rng.nextFloat() < 0.4 ? 0 : 1 + Math.floor(rng.nextFloat() * 3),
      );
      expect(sparseCounts(counts, B, n)).toEqual(naive(counts, B, n));
    }
  });

  it('give empty blocks and an all-zero offset list when every count is zero, and one offset for B = 0', () => {
    expect(sparseCounts(new Float64Array(12), 3, 4)).toEqual(naive(new Float64Array(12), 3, 4));
    expect(Array.from(sparseCounts(new Float64Array(12), 3, 4).offsets)).toEqual([0, 0, 0, 0]);
    expect(Array.from(sparseCounts(new Float64Array(0), 0, 5).offsets)).toEqual([0]);
  });
});
