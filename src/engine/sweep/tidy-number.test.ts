import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tidy, tidyFast } from './tidy-number.js';

/** The rounding tidy stands for: 12 significant digits through the decimal form. */
const byDecimal = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

/** Numbers whose 13th significant digit is a 5 followed by (almost) nothing: the rounding's ties. */
const nearTies = fc
  .record({
    mantissa: fc.integer({ min: 100_000_000_000, max: 999_999_999_999 }),
    k: fc.integer({ min: 0, max: 22 }),
    nudge: fc.constantFrom(0, 2.2e-16, -2.2e-16, 1e-13, -1e-13, 1e-12, -1e-12),
    negative: fc.boolean(),
  })
  .map(({ mantissa, k, nudge, negative }) => (negative ? -1 : 1) * ((mantissa + 0.5) / 10 ** k) * (1 + nudge));

/** Powers of ten and their neighbours: where a guess of the decimal exponent goes wrong. */
const nearPowers = fc
  .record({ e: fc.integer({ min: -12, max: 13 }), nudge: fc.constantFrom(0, 1.1e-16, -1.1e-16, 5e-13, -5e-13) })
  .map(({ e, nudge }) => 10 ** e * (1 + nudge));

describe('tidy', () => {
  it('equals rounding to 12 significant digits through the decimal form, for any double', () => {
    const wholes = fc.integer({ min: -2e12, max: 2e12 }).map((n) => n * 1);
    const doubles = fc.oneof(
      fc.double(),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      wholes,
      nearTies,
      nearPowers,
      fc.constantFrom(0, -0, 1e12, -1e12, 999_999_999_999, 2 ** 53, 1e-10, 1e11, Number.NaN, Infinity),
    );
    fc.assert(
      fc.property(doubles, (x) => {
        expect(Object.is(tidy(x), byDecimal(x))).toBe(true);
      }),
      { numRuns: 50_000 },
    );
  });

  it('turns −0 into +0 as the decimal form does', () => {
    expect(Object.is(tidy(-0), 0)).toBe(true);
  });

  it('answers PnL-sized numbers without the decimal form and leaves near-ties and huge numbers to it', () => {
    expect(tidyFast(31.669999999999998)).toBe(31.67);
    expect(tidyFast(0.000123456789012345)).toBe(0.000123456789012);
    expect(tidyFast((123_456_789_012 + 0.5) / 1e4)).toBeNaN();
    expect(tidyFast(5e11)).toBeNaN();
    expect(tidyFast(1e-11)).toBeNaN();
  });
});
