import { describe, expect, it } from 'vitest';
import { drawStationaryBootstrap, meanBlockLengthFor, resampledTotals } from './stationary-bootstrap.js';

describe('stationary block bootstrap', () => {
  it('draws every replication with exactly n blocks', () => {
    const d = drawStationaryBootstrap(24, 200, 4, 1);
    for (let b = 0; b < d.reps; b++) {
      let s = 0;
      for (let t = 0; t < d.blocks; t++) s += d.counts[b * d.blocks + t] ?? 0;
      expect(s).toBe(24);
    }
  });

  it('gives identical draws for the same seed and different draws for another seed', () => {
    const a = drawStationaryBootstrap(48, 50, 4, 9);
    const b = drawStationaryBootstrap(48, 50, 4, 9);
    const c = drawStationaryBootstrap(48, 50, 4, 10);
    expect(Buffer.from(a.counts.buffer).equals(Buffer.from(b.counts.buffer))).toBe(true);
    expect(Buffer.from(a.counts.buffer).equals(Buffer.from(c.counts.buffer))).toBe(false);
  });

  it('draws contiguous runs: more distinct blocks as L grows, one full circular run as L → ∞', () => {
    const n = 48;
    const distinctShare = (L: number) => {
      const d = drawStationaryBootstrap(n, 2000, L, 3);
      let distinct = 0;
      for (let b = 0; b < d.reps; b++) for (let t = 0; t < n; t++) if ((d.counts[b * n + t] ?? 0) > 0) distinct++;
      return distinct / (d.reps * n);
    };
    // i.i.d. draws (L = 1) hit 1 − (1 − 1/n)^n ≈ 0.636 of the blocks; contiguous runs revisit less.
    expect(distinctShare(1)).toBeCloseTo(1 - (1 - 1 / n) ** n, 2);
    expect(distinctShare(4)).toBeGreaterThan(distinctShare(1) + 0.02);
    const once = drawStationaryBootstrap(n, 20, 1e12, 4);
    expect(Array.from(once.counts).every((c) => c === 1)).toBe(true);
  });

  it('resamples the total of a constant series to exactly n times the constant', () => {
    const d = drawStationaryBootstrap(10, 30, 3, 5);
    const totals = resampledTotals(d, new Float64Array(10).fill(2.5));
    for (const v of totals) expect(v).toBe(25);
    expect(() => resampledTotals(d, new Float64Array(9))).toThrow(/blocks/);
  });

  it('converts a 4 h mean block duration into 4 hourly blocks, clamped to the window', () => {
    expect(meanBlockLengthFor(3_600_000, 14_400_000, 48)).toBe(4);
    expect(meanBlockLengthFor(3_600_000, 14_400_000, 3)).toBe(3);
    expect(meanBlockLengthFor(3_600_000, 600_000, 48)).toBe(1);
    expect(meanBlockLengthFor(1_800_000, 14_400_000, 96)).toBe(8);
  });

  it('refuses nonsensical sizes', () => {
    expect(() => drawStationaryBootstrap(0, 10, 1, 1)).toThrow(RangeError);
    expect(() => drawStationaryBootstrap(10, 0, 1, 1)).toThrow(RangeError);
    expect(() => drawStationaryBootstrap(10, 10, 0.5, 1)).toThrow(RangeError);
  });
});
