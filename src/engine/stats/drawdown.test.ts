import { describe, expect, it } from 'vitest';
import { maxDrawdown } from './drawdown.js';

describe('maxDrawdown', () => {
  it('measures the largest fall from a running peak that starts at 0', () => {
    // Peaks 0 → 5 → 7; falls 5 → 2 (3) and 7 → 1 (6).
    expect(maxDrawdown([5, 2, 7, 1, 3])).toEqual({ depth: 6, troughIndex: 3, longestCandles: 2 });
  });

  it('counts a curve that only falls from the start', () => {
    expect(maxDrawdown([-1, -3, -2])).toEqual({ depth: 3, troughIndex: 1, longestCandles: 3 });
  });

  it('is zero for a flat or rising curve', () => {
    expect(maxDrawdown(new Float64Array(4))).toEqual({ depth: 0, troughIndex: -1, longestCandles: 0 });
    expect(maxDrawdown([1, 2, 3]).depth).toBe(0);
  });
});
