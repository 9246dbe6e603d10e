/**
 * The simulator's own accounting of one symbol in one-way mode: the signed net position, its
 * average entry price, and the wallet balance change (realised PnL − fees − funding, USDT).
 * Property tests rebuild the same numbers independently from the list of fills.
 */

/** Position and cash of one simulated account. */
export class SimAccount {
  /** Signed position (base units): > 0 long, < 0 short. */
  amount = 0;
  /** Average entry price of the open position (USDT); 0 when flat. */
  avgPrice = 0;
  /** Realised PnL − fees − funding since the start (USDT). */
  balance = 0;
  /** Fees paid (USDT). */
  fees = 0;
  /** Funding paid (USDT; negative = received). */
  funding = 0;

  /**
   * Applies a fill of `amount` (> 0) at `price`; `buy` adds to the signed position. Reductions
   * realise PnL against the average price; a fill through zero opens the rest at `price`.
   * @returns the PnL realised by this fill (before its fee).
   */
  applyFill(side: 'buy' | 'sell', price: number, amount: number, fee: number): number {
    const q = side === 'buy' ? amount : -amount;
    const p = this.amount;
    let realised = 0;
    if (p === 0 || Math.sign(q) === Math.sign(p)) {
      const size = Math.abs(p) + amount;
      this.avgPrice = (Math.abs(p) * this.avgPrice + amount * price) / size;
      this.amount = p + q;
    } else {
      const closed = Math.min(amount, Math.abs(p));
      realised = closed * (price - this.avgPrice) * Math.sign(p);
      const next = p + q;
      // Snap float dust (e.g. 0.30000000000000004 − 0.3) to flat.
      this.amount = Math.abs(next) < 1e-12 * Math.max(1, Math.abs(p)) ? 0 : next;
      if (this.amount === 0) this.avgPrice = 0;
      else if (Math.sign(this.amount) !== Math.sign(p)) this.avgPrice = price;
    }
    this.balance += realised - fee;
    this.fees += fee;
    return realised;
  }

  /** Books a funding payment (USDT; negative = received). */
  applyFunding(paid: number): void {
    this.balance -= paid;
    this.funding += paid;
  }

  /** Balance plus the open position marked at `price` (USDT). */
  equityAt(price: number): number {
    return this.amount === 0 ? this.balance : this.balance + this.amount * (price - this.avgPrice);
  }
}
