import { describe, expect, it } from 'vitest';
import { normCdf, normInv, normPdf } from './normal.js';

/* eslint-disable no-loss-of-precision -- the references are quoted at the digits mpmath printed; the
   double nearest each is what the test compares with. */
// Reference values: mpmath 1.3 `ncdf` at 40 significant digits, and its root-finder on ncdf for
// the quantiles (an independent implementation).
const CDF: Array<[number, number]> = [
  [0, 0.5],
  [1, 0.84134474606854294859],
  [-1, 0.15865525393145705141],
  [1.959963984540054, 0.97499999999999998912],
  [3, 0.99865010196836990547],
  [-5, 2.8665157187919391167e-7],
  [-8, 6.2209605742717841235e-16],
  [-20, 2.7536241186062336951e-89],
  [7.5, 0.99999999999996809108],
];
const INV: Array<[number, number]> = [
  [0.975, 1.9599639845400538556],
  [0.99, 2.3263478740408407676],
  [1e-10, -6.3613409024040561991],
  [0.02425, -1.9729610513118848376],
  [0.3, -0.52440051270804081597],
  [1e-300, -37.047096299361199237],
];

describe('normal distribution', () => {
  it.each(CDF)('gives Φ(%d) to 1e-14 relative precision', (x, want) => {
    expect(Math.abs(normCdf(x) - want) / want).toBeLessThan(1e-14);
  });

  it.each(INV)('gives Φ⁻¹(%d) to 1e-14 relative precision', (p, want) => {
    expect(Math.abs(normInv(p) - want)).toBeLessThan(1e-14 * Math.max(1, Math.abs(want)));
  });

  it('returns 0.5 at the median and is antisymmetric in the quantile', () => {
    expect(normInv(0.5)).toBe(0);
    for (const p of [1e-6, 0.01, 0.2, 0.49]) expect(normInv(1 - p)).toBeCloseTo(-normInv(p), 9);
  });

  it('round-trips p → Φ⁻¹ → Φ across the whole range including the region boundaries', () => {
    for (const p of [1e-200, 1e-20, 1e-5, 0.02424, 0.02426, 0.1, 0.5, 0.7, 0.97574, 0.97576, 0.999999]) {
      expect(Math.abs(normCdf(normInv(p)) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
    }
  });

  it('returns infinities at 0 and 1 and refuses probabilities outside [0, 1]', () => {
    expect(normInv(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normInv(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normInv(1.5)).toThrow(RangeError);
    expect(() => normInv(Number.NaN)).toThrow(RangeError);
  });

  it('is continuous where the CDF switches from series to continued fraction', () => {
    expect(Math.abs(normCdf(-3) - normCdf(-3 - 1e-12))).toBeLessThan(1e-14);
    expect(Math.abs(normCdf(3) - normCdf(3 + 1e-12))).toBeLessThan(1e-14);
    expect(normPdf(0)).toBeCloseTo(0.3989422804014327, 15);
  });
});
