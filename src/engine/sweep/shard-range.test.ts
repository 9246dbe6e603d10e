import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shardRange } from './shard-range.js';

describe('shardRange', () => {
  it('splits 10 sets into 3 contiguous slices of 3, 3 and 4 in set order', () => {
    expect([0, 1, 2].map((index) => shardRange(10, { index, count: 3 }))).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
  });

  it('gives empty slices, never a negative one, when there are more shards than sets', () => {
    expect([0, 1, 2, 3].map((index) => shardRange(2, { index, count: 4 }))).toEqual([
      { from: 0, to: 0 },
      { from: 0, to: 1 },
      { from: 1, to: 1 },
      { from: 1, to: 2 },
    ]);
  });

  it('covers every set exactly once, in order, with sizes differing by at most one, for any n and N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 64 }), (sets, count) => {
        const slices = Array.from({ length: count }, (_, index) => shardRange(sets, { index, count }));
        const covered = slices.flatMap((r) => Array.from({ length: r.to - r.from }, (_, i) => r.from + i));
        expect(covered).toEqual(Array.from({ length: sets }, (_, i) => i));
        const sizes = slices.map((r) => r.to - r.from);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('gives the same slice on every call (no state, no clock)', () => {
    expect(shardRange(6720, { index: 5, count: 8 })).toEqual(shardRange(6720, { index: 5, count: 8 }));
    expect(shardRange(6720, { index: 5, count: 8 })).toEqual({ from: 4200, to: 5040 });
  });

  it('refuses a shard index outside 0 … N−1 as a bug', () => {
    expect(() => shardRange(10, { index: 3, count: 3 })).toThrow(/Invariant failed: shard 3\/3 out of range/);
    expect(() => shardRange(10, { index: 0, count: 0 })).toThrow(/Invariant failed/);
  });
});
