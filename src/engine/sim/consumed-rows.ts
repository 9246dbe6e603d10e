/**
 * Which input rows a run consumes — the candles from the warm-up's start to the window's end,
 * the funding events in [window start, last close] and the mark candles that could price one
 * of them (opening in [window start − 1 h, last close]) — as indices into the inputs. The one
 * definition both a backtest's fingerprint and a sweep's data digest read. Pure.
 */
import { lowerBound } from '../data/candle-series.js';
import { HOUR_MS } from '../time.js';
import type { CandleSeries, FundingSeries } from '../types.js';

/** Which input rows the run consumed (indices into the inputs), for the fingerprint. */
export interface Consumed {
  readonly candleFrom: number;
  readonly candleTo: number;
  readonly fundingFrom: number;
  readonly fundingTo: number;
  /** Mark candles that could price a funding event of the run (opening in [from − 1h, last close]). */
  readonly markFrom: number;
  readonly markTo: number;
}

/**
 * The rows consumed by a run over candle indices [warmStart, end) trading from `windowFrom`
 * (ms) up to `lastClose` (ms, the last candle's close).
 */
export function consumedRows(
  inputs: { readonly funding?: FundingSeries; readonly mark?: CandleSeries },
  warmStart: number,
  end: number,
  windowFrom: number,
  lastClose: number,
): Consumed {
  const f = inputs.funding;
  const m = inputs.mark;
  return {
    candleFrom: warmStart,
    candleTo: end,
    fundingFrom: f ? lowerBound(f.ts, windowFrom) : 0,
    fundingTo: f ? lowerBound(f.ts, lastClose + 1) : 0,
    markFrom: m ? lowerBound(m.ts, windowFrom - HOUR_MS) : 0,
    markTo: m ? lowerBound(m.ts, lastClose + 1) : 0,
  };
}
