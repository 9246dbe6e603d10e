import { describe, expect, it } from 'vitest';
import type { Fill } from '../ports/venue.js';
import { DailyLossLimit } from './daily-loss.js';

const DAY = 86_400_000;
const T = Date.UTC(2025, 5, 22);
const fill = (ts: number, side: 'buy' | 'sell', price: number, amount: number, fee = 0, reduceOnly = false): Fill => ({
  clientOrderId: 'cb-ETH-x-e',
  side,
  price,
  amount,
  fee,
  liquidity: 'taker',
  ts,
  reduceOnly,
});

describe('daily loss limit', () => {
  it('never blocks when the limit is 0 (off)', () => {
    const l = new DailyLossLimit(0);
    l.onFill(fill(T, 'buy', 100, 10));
    l.onFill(fill(T + 1, 'sell', 50, 10, 0, true));
    expect(l.gate(T + 2)).toBeNull();
  });

  it('blocks entries once realised loss net of fees reaches the limit, and alerts once', () => {
    const alerts: string[] = [];
    const l = new DailyLossLimit(50, (t) => alerts.push(t));
    l.onFill(fill(T, 'buy', 100, 10, 0.5));
    l.onFill(fill(T + 60_000, 'sell', 95.1, 10, 0.5, true)); // −49 − 1 fee = −50
    expect(l.pnl()).toBeCloseTo(-50, 9);
    expect(l.gate(T + 120_000)).toMatch(/daily loss limit/);
    expect(l.gate(T + 180_000)).toMatch(/daily loss limit/);
    expect(alerts).toHaveLength(1);
  });

  it('counts the unrealised loss of the open position at the last close', () => {
    const l = new DailyLossLimit(50);
    l.onFill(fill(T, 'sell', 100, 10));
    l.onClose(T + 60_000, 104.9);
    expect(l.gate(T + 60_000)).toBeNull();
    l.onClose(T + 120_000, 105);
    expect(l.gate(T + 120_000)).toMatch(/-50\.00 USDT/);
  });

  it('lets entries again from the next UTC day', () => {
    const l = new DailyLossLimit(10);
    l.onFill(fill(T, 'buy', 100, 1));
    l.onFill(fill(T + 1, 'sell', 80, 1, 0, true));
    expect(l.gate(T + 2)).not.toBeNull();
    expect(l.gate(T + DAY)).toBeNull();
  });
});
