import { describe, expect, it } from 'vitest';
import { seriesFromCandles } from '../data/candle-series.js';
import { normaliseSymbol } from '../symbols.js';
import { HOUR_MS } from '../time.js';
import { feeOf, FundingSchedule, fundingPaid } from './fees-funding.js';
import { fundingCoverage } from './funding-coverage.js';

const SYM = normaliseSymbol('BTC');
const T = Date.UTC(2025, 5, 1, 8);
const settings = { takerFeeRate: 0.0005, makerFeeRate: 0.0002, slippageBps: 0 };

describe('fees and funding', () => {
  it('charges the fee of the fill liquidity on its notional', () => {
    expect(feeOf(100, 2, 'taker', settings)).toBeCloseTo(0.1, 15);
    expect(feeOf(100, 2, 'maker', settings)).toBeCloseTo(0.04, 15);
  });

  it('makes longs pay and shorts receive a positive rate, and the reverse for a negative one', () => {
    expect(fundingPaid('long', 2, 100, 0.0001)).toBeCloseTo(0.02, 15);
    expect(fundingPaid('short', 2, 100, 0.0001)).toBeCloseTo(-0.02, 15);
    expect(fundingPaid('long', 2, 100, -0.0001)).toBeCloseTo(-0.02, 15);
  });

  it('prices an event with the open of the mark candle starting at it, else the close of the one ending at it, else the last close', () => {
    const mark = seriesFromCandles(
      SYM,
      '1h',
      [
        { ts: T - HOUR_MS, open: 1, high: 2, low: 1, close: 2, volume: Number.NaN },
        { ts: T, open: 3, high: 3, low: 3, close: 3, volume: Number.NaN },
      ],
      'mark',
    );
    const s = new FundingSchedule({ symbol: SYM, length: 0, ts: new Float64Array(0), rate: new Float64Array(0) }, mark);
    expect(s.markAt(T, 9)).toEqual({ price: 3, source: 'mark' });
    expect(s.markAt(T + HOUR_MS, 9)).toEqual({ price: 3, source: 'mark' });
    expect(s.markAt(T + 2 * HOUR_MS, 9)).toEqual({ price: 9, source: 'last-close' });
  });

  it('consumes each event once, in time order, through a given time', () => {
    const s = new FundingSchedule(
      {
        symbol: SYM,
        length: 3,
        ts: Float64Array.of(T, T + 8 * HOUR_MS, T + 16 * HOUR_MS),
        rate: Float64Array.of(1, 2, 3),
      },
      undefined,
    );
    const seen: number[] = [];
    s.consumeThrough(T + 8 * HOUR_MS, (_ts, r) => seen.push(r));
    s.consumeThrough(T + 8 * HOUR_MS, (_ts, r) => seen.push(r));
    expect(seen).toEqual([1, 2]);
  });

  it('reports funding coverage of a window', () => {
    const ts = [T, T + 8 * HOUR_MS, T + 16 * HOUR_MS];
    expect(fundingCoverage([], T, T + HOUR_MS)).toBe('not modelled');
    expect(fundingCoverage(ts, T + HOUR_MS, T + 20 * HOUR_MS)).toBe('modelled');
    expect(fundingCoverage(ts, T + HOUR_MS, T + 30 * HOUR_MS)).toBe('partial');
    expect(fundingCoverage(ts, T + 40 * HOUR_MS, T + 50 * HOUR_MS)).toBe('not modelled');
  });
});
