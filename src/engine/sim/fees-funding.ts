/**
 * Fees and funding. Fee = price × amount × rate of the fill's liquidity (maker or taker).
 * Funding at each funding event T while a position is open: payment = amount × mark(T) × rate,
 * paid by longs and received by shorts when the rate is positive (the reverse when negative).
 * The position charged is the one held just before T: an entry filled at the open of the
 * candle starting at T pays nothing for T; an exit at that open pays it.
 * mark(T): the open of the cached 1h mark-price candle starting at T, else the close of the one
 * ending at T, else the close of the last-price candle ending at or before T; each payment
 * records which.
 */
import type { CandleSeries, FundingSeries } from '../types.js';
import { HOUR_MS } from '../time.js';
import { lowerBound } from '../data/candle-series.js';
import type { SimSettings } from './sim-settings.js';

/** Fee in USDT of a fill (≥ 0 for non-negative rates). */
export function feeOf(price: number, amount: number, liquidity: 'maker' | 'taker', s: SimSettings): number {
  return price * amount * (liquidity === 'maker' ? s.makerFeeRate : s.takerFeeRate);
}

/** Where a funding payment's mark price came from. */
export type MarkSource = 'mark' | 'last-close';

/** One funding payment. `paid` in USDT: positive = the position paid, negative = it received. */
export interface FundingPayment {
  /** Funding time (ms UTC). */
  readonly ts: number;
  readonly rate: number;
  readonly markPrice: number;
  readonly markSource: MarkSource;
  /** Position amount (base units) charged. */
  readonly amount: number;
  readonly side: 'long' | 'short';
  readonly paid: number;
}

/** USDT paid by a position of `amount` on `side` at `markPrice` for `rate` (negative = received). */
export function fundingPaid(side: 'long' | 'short', amount: number, markPrice: number, rate: number): number {
  const sign = side === 'long' ? 1 : -1;
  return sign * amount * markPrice * rate;
}

/** Funding events and mark prices for one run, consumed in time order. */
export class FundingSchedule {
  private next = 0;

  constructor(
    private readonly events: FundingSeries,
    private readonly mark: CandleSeries | undefined,
  ) {}

  /** Consumes the events with time ≤ `t`, calling `visit` with each time and rate. */
  consumeThrough(t: number, visit: (ts: number, rate: number) => void): void {
    const ev = this.events;
    while (this.next < ev.length && (ev.ts[this.next] as number) <= t) {
      visit(ev.ts[this.next] as number, ev.rate[this.next] as number);
      this.next += 1;
    }
  }

  /** A copy that continues from the same event. */
  fork(): FundingSchedule {
    const f = new FundingSchedule(this.events, this.mark);
    f.next = this.next;
    return f;
  }

  /** Time (ms UTC) of the next event still to be consumed; +∞ when none. */
  nextTs(): number {
    return this.next < this.events.length ? (this.events.ts[this.next] as number) : Number.POSITIVE_INFINITY;
  }

  /** True when an event with time ≤ `t` is still to be consumed. */
  dueBy(t: number): boolean {
    return this.next < this.events.length && (this.events.ts[this.next] as number) <= t;
  }

  /** The mark price at `t` and its source; `lastClose` is the fallback. */
  markAt(t: number, lastClose: number): { price: number; source: MarkSource } {
    const m = this.mark;
    if (m !== undefined && m.length > 0) {
      const i = lowerBound(m.ts, t);
      if (i < m.length && m.ts[i] === t) return { price: m.open[i] as number, source: 'mark' };
      if (i > 0 && (m.ts[i - 1] as number) + HOUR_MS === t) return { price: m.close[i - 1] as number, source: 'mark' };
    }
    return { price: lastClose, source: 'last-close' };
  }
}
