/**
 * The daily loss limit of one unit (`MAX_DAILY_LOSS_USDT`, off when 0): realised PnL (net of
 * fees) of the fills of the current UTC day plus the unrealised PnL of the open position at the
 * last candle close. Past the limit no new entries until the next UTC day (exits and the
 * bracket are still managed) and one alert per day. Rebuilt on every start from the journal's
 * fills, so a restart does not reset it. Money in USDT, amounts base units, times ms UTC.
 */
import type { Fill } from '../ports/venue.js';
import { DAY_MS } from '../time.js';

/** The limit's accounting. */
export class DailyLossLimit {
  private qty = 0; // signed position (+ long)
  private entry = 0; // average entry price
  private day = -1;
  private realised = 0;
  private lastClose: number | null = null;
  private alertedDay = -1;

  /** @param limitUsdt the limit (> 0 on; 0 = off). */
  constructor(
    readonly limitUsdt: number,
    private readonly onBreach: (text: string) => void = () => undefined,
  ) {}

  /** Books one fill (realised PnL on the part that reduces the position, fees always). */
  onFill(f: Fill): void {
    this.rollTo(f.ts);
    const signed = f.side === 'buy' ? f.amount : -f.amount;
    if (this.qty !== 0 && Math.sign(signed) !== Math.sign(this.qty)) {
      const closed = Math.min(Math.abs(signed), Math.abs(this.qty));
      this.realised += closed * (f.price - this.entry) * Math.sign(this.qty);
    } else {
      const total = Math.abs(this.qty) + Math.abs(signed);
      this.entry = total === 0 ? 0 : (Math.abs(this.qty) * this.entry + Math.abs(signed) * f.price) / total;
    }
    this.qty += signed;
    if (Math.abs(this.qty) < 1e-12) this.qty = 0;
    this.realised -= f.fee;
  }

  /** Marks the position at a candle's close (USDT) at time `ts` (ms). */
  onClose(ts: number, close: number): void {
    this.rollTo(ts);
    this.lastClose = close;
  }

  /** Today's PnL (USDT): realised + unrealised at the last close. */
  pnl(): number {
    const unrealised = this.lastClose === null ? 0 : this.qty * (this.lastClose - this.entry);
    return this.realised + unrealised;
  }

  /** Why no entry may be sent at `now` (ms), or null. Alerts once per UTC day when breached. */
  gate(now: number): string | null {
    if (this.limitUsdt <= 0) return null;
    this.rollTo(now);
    const pnl = this.pnl();
    if (pnl > -this.limitUsdt) return null;
    const text = `daily loss limit: ${pnl.toFixed(2)} USDT today (limit −${this.limitUsdt}); no new entries until 00:00 UTC`;
    if (this.alertedDay !== this.day) {
      this.alertedDay = this.day;
      this.onBreach(text);
    }
    return text;
  }

  private rollTo(ts: number): void {
    const d = Math.floor(ts / DAY_MS);
    if (d > this.day) {
      this.day = d;
      this.realised = 0;
    }
  }
}
