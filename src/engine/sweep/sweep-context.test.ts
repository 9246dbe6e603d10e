import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockEnds, blockPnl, blockPnlAt } from './block-pnl.js';
import { tidy } from './sweep-context.js';

/** The rounding tidy stands for: 12 significant digits through the decimal form. */
const byDecimal = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

describe('tidy', () => {
  it('equals rounding to 12 significant digits through the decimal form, for any double', () => {
    const wholes = fc.integer({ min: -2e12, max: 2e12 }).map((n) => n * 1);
    const doubles = fc.oneof(fc.double(), wholes, fc.constantFrom(0, -0, 1e12, -1e12, 999_999_999_999, 2 ** 53));
    fc.assert(
      fc.property(doubles, (x) => {
        expect(Object.is(tidy(x), byDecimal(x))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('turns −0 into +0 as the decimal form does', () => {
    expect(Object.is(tidy(-0), 0)).toBe(true);
  });
});

describe('block PnL from block ends found once per window', () => {
  it('equals the PnL of each block from its last candle, gaps and NaN equity included', () => {
    const blockMs = 4;
    const arb = fc.record({
      opens: fc.uniqueArray(fc.integer({ min: -3, max: 40 }), { maxLength: 30 }),
      equity: fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(Number.NaN)), {
        minLength: 30,
        maxLength: 30,
      }),
    });
    fc.assert(
      fc.property(arb, ({ opens, equity }) => {
        const ts = [...opens].sort((a, b) => a - b);
        const from = 0;
        const to = 36;
        const got = blockPnlAt(blockEnds(ts, from, to, blockMs), equity);
        const expected: number[] = [];
        let prev = 0;
        for (let b = 0; b < 9; b++) {
          let end = Number.NaN;
          ts.forEach((t, i) => {
            if (t >= from + b * blockMs && t < from + (b + 1) * blockMs) end = equity[i] as number;
          });
          const e = Number.isNaN(end) ? prev : end;
          expected.push(e - prev);
          prev = e;
        }
        expect(got).toEqual(expected);
        expect(blockPnl(ts, equity, from, to, blockMs)).toEqual(expected);
      }),
    );
  });
});
