import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilTo, floorTo, isMultipleOf, roundTo } from './increments.js';

describe('increments', () => {
  it('rounds to the tick or step without float noise', () => {
    expect(floorTo(0.30000000000000004, 0.1)).toBe(0.3);
    expect(floorTo(9.66183574879227, 0.001)).toBe(9.661);
    expect(ceilTo(97.6035, 0.01)).toBe(97.61);
    expect(ceilTo(97.61, 0.01)).toBe(97.61);
    expect(floorTo(0.48, 1)).toBe(0);
    expect(roundTo(2.345, 0.1)).toBe(2.3);
    expect(floorTo(1.23456789, 1e-7)).toBe(1.2345678);
  });

  it('always lands on a multiple of the increment with floor ≤ x ≤ ceil and ceil − floor ≤ one increment', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.constantFrom(0.001, 0.01, 0.1, 1), (x, inc) => {
        const f = floorTo(x, inc);
        const c = ceilTo(x, inc);
        expect(isMultipleOf(f, inc) && isMultipleOf(c, inc)).toBe(true);
        // Within the documented float-noise tolerance: 1e-9 increment + 1e-14 of x.
        const tol = inc * 1e-9 + Math.abs(x) * 1e-14;
        expect(f).toBeLessThanOrEqual(x + tol);
        expect(c).toBeGreaterThanOrEqual(x - tol);
        expect(c - f).toBeLessThanOrEqual(inc + 2 * tol);
      }),
    );
  });
});
