/**
 * Round-trip trades from a list of fills and funding payments: a non-reduce-only fill opens a
 * trade, reduce-only fills close it. Used by the simulator's result and, later, live P&L.
 * Money in USDT, amounts in base units, times ms UTC.
 */
import type { Fill } from '../ports/venue.js';
import { parseClientOrderId, type OrderLeg } from '../ports/client-order-id.js';
import { exitReasonOf } from '../exit-reason.js';
import type { ExitReason, Side } from '../strategy.js';

/** One round trip. `fees` and `funding` are costs (funding negative = received). */
export interface Trade {
  /** Decision time of the entry (close of the signal candle), from its client order id; null if unknown. */
  readonly signalTs: number | null;
  readonly side: Side;
  readonly amount: number;
  readonly entryTs: number;
  readonly entryPrice: number;
  readonly entryLiquidity: 'maker' | 'taker';
  readonly exitTs: number;
  /** Average exit price. */
  readonly exitPrice: number;
  readonly exitReason: ExitReason | 'unknown';
  readonly fees: number;
  readonly funding: number;
  /** (exit − entry) × amount for longs, the reverse for shorts. */
  readonly grossPnl: number;
  /** grossPnl − fees − funding. */
  readonly netPnl: number;
}

/** A funding payment as far as trades care: time and USDT paid. */
export interface FundingPaid {
  readonly ts: number;
  readonly paid: number;
}

/**
 * A trade's exit reason by the leg of its closing fill's id: the runner's (exit-reason.ts), but
 * `unknown` for a protective exit, as the trade list has always reported it, and for no leg.
 */
function tradeExitReason(leg: OrderLeg | undefined): ExitReason | 'unknown' {
  if (leg === undefined || leg === 'protective_exit') return 'unknown';
  return exitReasonOf(leg) ?? 'unknown';
}

/**
 * Pairs fills into trades. A funding payment at T belongs to the trade with entry < T ≤ exit
 * (the position held just before T). A trade still open at the end is left out.
 */
export function buildTrades(fills: readonly Fill[], funding: readonly FundingPaid[]): Trade[] {
  const trades: Trade[] = [];
  // The open trade in locals, not an object per trade (a sweep pairs millions of fills).
  let entry: Fill | null = null;
  let side: Side = 'long';
  let amount = 0;
  let entryNotional = 0;
  let fees = 0;
  let exitAmount = 0;
  let exitNotional = 0;
  let fi = 0;
  for (const f of fills) {
    if (entry === null) {
      if (f.reduceOnly) continue;
      entry = f;
      side = f.side === 'buy' ? 'long' : 'short';
      amount = f.amount;
      entryNotional = f.price * f.amount;
      fees = f.fee;
      exitAmount = 0;
      exitNotional = 0;
      continue;
    }
    if (!f.reduceOnly) {
      amount += f.amount;
      entryNotional += f.price * f.amount;
      fees += f.fee;
      continue;
    }
    exitAmount += f.amount;
    exitNotional += f.price * f.amount;
    fees += f.fee;
    if (exitAmount < amount * (1 - 1e-9)) continue;
    const entryTs = entry.ts;
    while (fi < funding.length && (funding[fi] as FundingPaid).ts <= entryTs) fi += 1;
    let paid = 0;
    while (fi < funding.length && (funding[fi] as FundingPaid).ts <= f.ts) paid += (funding[fi++] as FundingPaid).paid;
    const gross = (side === 'long' ? 1 : -1) * (exitNotional - entryNotional);
    const leg = parseClientOrderId(f.clientOrderId)?.leg;
    trades.push({
      signalTs: parseClientOrderId(entry.clientOrderId)?.decisionTs ?? null,
      side,
      amount,
      entryTs,
      entryPrice: entryNotional / amount,
      entryLiquidity: entry.liquidity,
      exitTs: f.ts,
      exitPrice: exitNotional / exitAmount,
      exitReason: tradeExitReason(leg),
      fees,
      funding: paid,
      grossPnl: gross,
      netPnl: gross - fees - paid,
    });
    entry = null;
  }
  return trades;
}
