import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockEnds, blockPnl, blockPnlAt } from './block-pnl.js';

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
        expect(got).toEqual(Float64Array.from(expected));
        expect(blockPnl(ts, equity, from, to, blockMs)).toEqual(Float64Array.from(expected));
      }),
    );
  });
});
