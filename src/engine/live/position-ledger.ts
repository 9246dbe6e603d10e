/**
 * The venue's own signed position, built from the fills it booked, and the rule that reconciles
 * it with the exchange's position read: a read that contradicts one of our fills of the last
 * {@link POSITION_LAG_MS} lags (Binance's `positionRisk` can answer one read behind a fill), so
 * the fill wins; an older contradiction means the read is right (a human traded, state was
 * lost), and it enters the ledger only once it has persisted that long, so a fill the order
 * lists had not shown yet is never counted twice. Amounts base units (+ long), prices USDT, ms.
 */
import type { Fill, Position } from '../ports/venue.js';

/** A flat position read this soon (ms) after one of our fills that left a position is taken as lagging. */
export const POSITION_LAG_MS = 10_000;

/** The persisted part. */
export interface LedgerState {
  readonly qty: number;
  readonly entryPrice: number;
  /** When our last fill was booked (exchange ms). */
  readonly at: number;
}

/** The ledger of one symbol. */
export class PositionLedger {
  private state: LedgerState;
  private disagreeSince: number | null = null;

  constructor(
    private readonly step: number,
    saved: LedgerState = { qty: 0, entryPrice: 0, at: 0 },
  ) {
    this.state = { ...saved };
  }

  /** The state to persist. */
  snapshot(): LedgerState {
    return { ...this.state };
  }

  /** Books one of our fills at exchange time `now` (ms). */
  book(f: Fill, now: number): void {
    const before = this.state.qty;
    const qty = before + (f.side === 'buy' ? f.amount : -f.amount);
    const grows = Math.abs(qty) > Math.abs(before);
    const entryPrice = grows
      ? (Math.abs(before) * this.state.entryPrice + f.amount * f.price) / Math.abs(qty)
      : this.state.entryPrice;
    this.state = { qty: Math.abs(qty) < this.step / 2 ? 0 : qty, entryPrice, at: now };
    this.disagreeSince = null;
  }

  /** The position to act on, given the exchange's `read` at exchange time `now` (ms). */
  position(read: Position | null, now: number): Position | null {
    const q = this.state.qty;
    const mine: Position | null =
      Math.abs(q) < this.step / 2
        ? null
        : { side: q > 0 ? 'long' : 'short', amount: Math.abs(q), entryPrice: this.state.entryPrice };
    const same =
      (mine === null && read === null) ||
      (mine !== null &&
        read !== null &&
        mine.side === read.side &&
        Math.abs(mine.amount - read.amount) < this.step / 2);
    if (same) {
      this.disagreeSince = null;
      return read;
    }
    if (now - this.state.at < POSITION_LAG_MS) return mine;
    this.disagreeSince ??= now;
    if (now - this.disagreeSince >= POSITION_LAG_MS) {
      const signed = read === null ? 0 : read.side === 'long' ? read.amount : -read.amount;
      this.state = { qty: signed, entryPrice: read?.entryPrice ?? 0, at: this.state.at };
      this.disagreeSince = null;
    }
    return read;
  }
}
