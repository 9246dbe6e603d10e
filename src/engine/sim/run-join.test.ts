import { describe, expect, it } from 'vitest';
import type { Fill } from '../ports/venue.js';
import type { CandleSeries } from '../types.js';
import type { BacktestResult } from './backtest.js';
import { joinedRecord, type Joined } from './run-join.js';
import { SimAccount } from './sim-account.js';

const MIN = 60_000;
/** Five 1m candles at 0, 1, …, 4 min, closing at 100, 101, … (only what joinedRecord reads). */
const candles = {
  ts: Float64Array.from([0, 1, 2, 3, 4], (k) => k * MIN),
  close: Float64Array.from([100, 101, 102, 103, 104]),
} as unknown as CandleSeries;

const fill = (ts: number, side: 'buy' | 'sell', price: number, reduceOnly: boolean): Fill => ({
  clientOrderId: `cb-BTC-${ts.toString(36)}-${reduceOnly ? 'x' : 'e'}`,
  side,
  price,
  amount: 1,
  fee: 0.01,
  liquidity: 'taker',
  ts,
  reduceOnly,
});

/** A join at row 1 of a source run with `fills` and one funding payment at 2 min. */
function joined(fills: Fill[]): Joined {
  const result = {
    fills,
    refusals: [],
    funding: { payments: [{ ts: 2 * MIN, paid: 0.5 }] },
  } as unknown as BacktestResult;
  return { at: { row: 1, state: null, fills: 0, refusals: 0, payments: 0 }, result };
}

const own = () => ({ fills: [], refusals: [], payments: [], account: new SimAccount(), equity: new Float64Array(5) });

describe('a joined run books the source run’s rest on its own account', () => {
  it('books each taken-over fill on its candle, funding first, and the closing fill after the last candle', () => {
    // Candle 2 min: the payment (booked as the source run booked it), then the entry; the exit
    // at the window end is stamped at the last close (5 min), after every candle.
    const r = joinedRecord(
      own(),
      joined([fill(2 * MIN, 'buy', 102, false), fill(5 * MIN, 'sell', 104, true)]),
      candles,
      0,
      5,
    );
    expect(r.fills).toHaveLength(2);
    expect(Array.from(r.equity.subarray(1, 4))).toEqual([0, -0.5 - 0.01, 1 - 0.5 - 0.01]);
    expect(r.account.balance).toBeCloseTo(104 - 102 - 0.02 - 0.5, 12);
    expect(r.equity[4]).toBe(r.account.balance);
  });

  it('refuses a taken-over fill that belongs to no candle of the rest of the run (a bug)', () => {
    expect(() => joinedRecord(own(), joined([fill(2 * MIN + 1, 'buy', 102, false)]), candles, 0, 5)).toThrow(
      /a taken-over fill belongs to a candle of the rest of the run/,
    );
  });
});
