/**
 * The simulator's MarketData: replays candles `[from, to)` of a series. For each candle it first
 * moves the clock to the candle's close, then lets the listeners (the SimVenue) settle what
 * happened during the candle, and only then hands it to the runner: the strategy sees candle i
 * after everything in it has been settled, and never sees candle i+1 before deciding on i.
 */
import type { MarketData } from '../ports/market-data.js';
import type { Candle, CandleSeries } from '../types.js';
import type { PerpSymbol } from '../symbols.js';
import type { SimClock } from './sim-clock.js';

/** Called with each candle before the runner sees it. */
export type CandleListener = (c: Candle) => void;

/** Replays cached candles one at a time. */
export class CandleReplay implements MarketData {
  readonly symbol: PerpSymbol;
  readonly timeframe: string;
  private i: number;

  /**
   * @param from first index replayed; @param to one past the last; @param tfMs candle length (ms).
   */
  constructor(
    private readonly series: CandleSeries,
    from: number,
    private readonly to: number,
    private readonly tfMs: number,
    private readonly clock: SimClock,
    private readonly listeners: readonly CandleListener[],
  ) {
    this.symbol = series.symbol;
    this.timeframe = series.timeframe;
    this.i = from;
  }

  next(): Candle | null {
    if (this.i >= this.to) return null;
    const s = this.series;
    const i = this.i++;
    const c: Candle = {
      ts: s.ts[i] as number,
      open: s.open[i] as number,
      high: s.high[i] as number,
      low: s.low[i] as number,
      close: s.close[i] as number,
      volume: s.volume[i] as number,
    };
    this.clock.advanceTo(c.ts + this.tfMs);
    for (const l of this.listeners) l(c);
    return c;
  }
}
