import { describe, expect, it } from 'vitest';
import type { Fill } from '../ports/venue.js';
import { buildTrades } from './trades.js';

const fill = (
  clientOrderId: string,
  side: 'buy' | 'sell',
  price: number,
  amount: number,
  ts: number,
  reduceOnly: boolean,
  fee = 0.1,
): Fill => ({ clientOrderId, side, price, amount, fee, liquidity: 'taker', ts, reduceOnly });

describe('buildTrades', () => {
  it('pairs an entry with its exits, averages the exit price and names the reason from the client order id', () => {
    const t = buildTrades(
      [
        fill('cb-ETH-1-e', 'sell', 100, 2, 1000, false),
        fill('cb-ETH-1-t', 'buy', 90, 1, 2000, true),
        fill('cb-ETH-1-s', 'buy', 96, 1, 3000, true),
      ],
      [
        { ts: 1000, paid: 5 },
        { ts: 2500, paid: -0.5 },
      ],
    );
    // Short 2 @ 100, covered @ 90 and 96 → average 93, gross (100 − 93) × 2 = 14; funding at 1000 is not held (entry at 1000).
    expect(t).toEqual([
      {
        signalTs: 1,
        side: 'short',
        amount: 2,
        entryTs: 1000,
        entryPrice: 100,
        entryLiquidity: 'taker',
        exitTs: 3000,
        exitPrice: 93,
        exitReason: 'stop_loss',
        fees: 0.30000000000000004,
        funding: -0.5,
        grossPnl: 14,
        netPnl: 14 - 0.30000000000000004 + 0.5,
      },
    ]);
  });

  it('leaves out a trade that is still open', () => {
    expect(buildTrades([fill('cb-ETH-1-e', 'buy', 100, 1, 0, false)], [])).toEqual([]);
  });
});
