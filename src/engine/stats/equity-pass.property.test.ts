import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxDrawdown } from './drawdown.js';
import { equityPass } from './equity-pass.js';
import { equitySharpe } from './ratios.js';

/** Equity curves as a run makes them: flat stretches, moves, the odd NaN or −0 value, any length. */
const curves = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -0, 1e-300, Infinity) },
    ),
    { maxLength: 300, size: 'max' },
  )
  .map((steps) => {
    let e = 0;
    // A −0 step sets the equity to −0 (a zero's sign must not matter); other zero steps repeat it.
    return Float64Array.from(steps, (s) =>
      Object.is(s, -0) ? (e = -0) : s === 0 ? e : (e = Number.isFinite(s) ? e + s : s),
    );
  });

describe('equityPass: drawdown depth and Sharpe in two passes', () => {
  it('equals maxDrawdown(equity).depth and equitySharpe bit for bit, for any curve, base and year', () => {
    const bases = fc.constantFrom(1000, 250, 1, 0, -5, 1e-9);
    fc.assert(
      fc.property(curves, bases, fc.constantFrom(525_600, 8_760, 1), (equity, base, ppy) => {
        const got = equityPass(equity, base, ppy);
        expect(Object.is(got.depth, maxDrawdown(equity).depth)).toBe(true);
        expect(Object.is(got.sharpe, equitySharpe(equity, base, ppy))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});
