/**
 * The market data the fake exchange serves: real candles (1m, from a data dir such as the
 * bundled `data/sample`, or series handed in) and real funding events, keyed by Binance market
 * id. Longer intervals are aggregated from the finest series on request. Pure apart from the
 * loaders, which read files.
 */
import { SAMPLE_DATA_DIR } from '../repo-paths.js';
import { hasCandles, readCandles } from '../../src/engine/data/candle-store.js';
import { readFunding } from '../../src/engine/data/funding-store.js';
import { lowerBound } from '../../src/engine/data/candle-series.js';
import { marketIdOf, normaliseSymbol } from '../../src/engine/symbols.js';
import { timeframeMs } from '../../src/engine/time.js';
import type { CandleSeries, FundingSeries } from '../../src/engine/types.js';

/** One candle in Binance's terms, numbers as numbers (formatting happens in the route). */
export interface FakeCandle {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly closeTime: number;
}

/** One funding event, `fundingTime` in ms UTC, `rate` a fraction. */
export interface FakeFunding {
  readonly symbol: string;
  readonly fundingTime: number;
  readonly rate: number;
}

/** A Binance-style window query: `startTime`/`endTime` inclusive, `limit` already clamped. */
export interface WindowQuery {
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
  readonly limit: number;
}

/**
 * Picks `[a, b)` from sorted times `ts` the way Binance windows work: with `startTime`, the first
 * `limit` items at or after it (and at or before `endTime`); with only `endTime`, the last `limit`
 * at or before it; with neither, the latest `limit`. Items after `visibleTo` (exclusive) do not
 * exist yet.
 */
export function pickWindow(ts: ArrayLike<number>, q: WindowQuery, visibleTo: number): [number, number] {
  const arr = ts as Float64Array;
  const hi = lowerBound(arr, visibleTo);
  const endIdx = q.endTime === undefined ? hi : Math.min(hi, lowerBound(arr, q.endTime + 1));
  if (q.startTime !== undefined) {
    const a = lowerBound(arr, q.startTime);
    return [a, Math.max(a, Math.min(endIdx, a + q.limit))];
  }
  return [Math.max(0, endIdx - q.limit), endIdx];
}

/** Candles and funding events served by one fake exchange. */
export class FakeMarketData {
  readonly #candles = new Map<string, CandleSeries>();
  readonly #funding = new Map<string, FundingSeries>();
  #fundingTimeOffsetMs = 0;

  /** Serves `series` (any timeframe; the finest one per market is used) under its market id. */
  addCandles(series: CandleSeries): this {
    const id = marketIdOf(series.symbol);
    const old = this.#candles.get(id);
    if (old === undefined || timeframeMs(series.timeframe) < timeframeMs(old.timeframe)) this.#candles.set(id, series);
    return this;
  }

  /** Serves `series` under its market id, replacing whatever was served (tests that grow a series candle by candle). */
  setCandles(series: CandleSeries): this {
    this.#candles.set(marketIdOf(series.symbol), series);
    return this;
  }

  /** Serves `series` as the funding history of its market id. */
  addFunding(series: FundingSeries): this {
    this.#funding.set(marketIdOf(series.symbol), series);
    return this;
  }

  /**
   * Adds `ms` to every served `fundingTime`: real Binance stamps settlement a few ms after the
   * hour (e.g. `...00003`), which clients must tolerate.
   */
  setFundingTimeOffset(ms: number): this {
    this.#fundingTimeOffsetMs = ms;
    return this;
  }

  /** Market ids with candles. */
  marketIds(): string[] {
    return [...this.#candles.keys()].sort();
  }

  /** The served base series of a market id, if any. */
  series(id: string): CandleSeries | undefined {
    return this.#candles.get(id);
  }

  /** The open time of the newest served candle over all markets (ms UTC), or undefined. */
  lastOpenTime(): number | undefined {
    let last: number | undefined;
    for (const s of this.#candles.values()) {
      const t = s.ts[s.length - 1];
      if (t !== undefined && (last === undefined || t > last)) last = t;
    }
    return last;
  }

  /**
   * Candles of `id` at `intervalMs` for a Binance window, as of `now`. The candle whose interval
   * contains `now` is still forming: its close moves linearly from the open towards the final
   * close and its volume grows with the elapsed fraction, so storing it is detectable.
   * Returns undefined when the market is unknown or the interval is not a multiple of the base.
   */
  klines(id: string, intervalMs: number, q: WindowQuery, now: number): FakeCandle[] | undefined {
    const base = this.#candles.get(id);
    if (base === undefined) return undefined;
    const baseMs = timeframeMs(base.timeframe);
    if (intervalMs % baseMs !== 0) return undefined;
    const rows = intervalMs === baseMs ? base : aggregate(base, intervalMs);
    const [a, b] = pickWindow(rows.ts, q, now + 1);
    const out: FakeCandle[] = [];
    for (let i = a; i < b; i++) {
      const openTime = rows.ts[i] as number;
      let close = rows.close[i] as number;
      let high = rows.high[i] as number;
      let low = rows.low[i] as number;
      let volume = rows.volume[i] as number;
      const open = rows.open[i] as number;
      if (openTime + intervalMs > now) {
        const f = (now - openTime) / intervalMs;
        close = open + (close - open) * f;
        high = Math.max(open, close);
        low = Math.min(open, close);
        volume *= f;
      }
      out.push({ openTime, open, high, low, close, volume, closeTime: openTime + intervalMs - 1 });
    }
    return out;
  }

  /** Funding events of `id` (or of every market when undefined) for a Binance window, as of `now`. */
  funding(id: string | undefined, q: WindowQuery, now: number): FakeFunding[] {
    const ids = id === undefined ? [...this.#funding.keys()].sort() : [id];
    const all: FakeFunding[] = [];
    for (const mid of ids) {
      const f = this.#funding.get(mid);
      if (f === undefined) continue;
      for (let i = 0; i < f.length; i++) {
        all.push({
          symbol: mid,
          fundingTime: (f.ts[i] as number) + this.#fundingTimeOffsetMs,
          rate: f.rate[i] as number,
        });
      }
    }
    all.sort((x, y) => x.fundingTime - y.fundingTime || (x.symbol < y.symbol ? -1 : 1));
    const [a, b] = pickWindow(
      all.map((e) => e.fundingTime),
      q,
      now + 1,
    );
    return all.slice(a, b);
  }

  /** The close of the base candle of `id` that opens at `ts` floored to its timeframe, if served. */
  closeAt(id: string, ts: number): number | undefined {
    const s = this.#candles.get(id);
    if (s === undefined) return undefined;
    const step = timeframeMs(s.timeframe);
    const i = lowerBound(s.ts, Math.floor(ts / step) * step);
    return s.ts[i] === Math.floor(ts / step) * step ? s.close[i] : undefined;
  }
}

function aggregate(
  base: CandleSeries,
  intervalMs: number,
): Pick<CandleSeries, 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume'> {
  const ts: number[] = [];
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  const volume: number[] = [];
  for (let i = 0; i < base.length; i++) {
    const t = Math.floor((base.ts[i] as number) / intervalMs) * intervalMs;
    const k = ts.length - 1;
    if (k < 0 || ts[k] !== t) {
      ts.push(t);
      open.push(base.open[i] as number);
      high.push(base.high[i] as number);
      low.push(base.low[i] as number);
      close.push(base.close[i] as number);
      volume.push(base.volume[i] as number);
    } else {
      high[k] = Math.max(high[k] as number, base.high[i] as number);
      low[k] = Math.min(low[k] as number, base.low[i] as number);
      close[k] = base.close[i] as number;
      volume[k] = (volume[k] as number) + (base.volume[i] as number);
    }
  }
  const f = (a: number[]) => Float64Array.from(a);
  return { ts: f(ts), open: f(open), high: f(high), low: f(low), close: f(close), volume: f(volume) };
}

/** Loads 1m candles and funding events of `symbols` from `dataDir` (default the bundled sample). */
export function loadSampleMarketData(
  dataDir = SAMPLE_DATA_DIR,
  symbols: readonly string[] = ['BTC', 'ETH', 'SOL'],
): FakeMarketData {
  const data = new FakeMarketData();
  for (const s of symbols) {
    const symbol = normaliseSymbol(s);
    if (hasCandles(dataDir, symbol, '1m')) data.addCandles(readCandles(dataDir, symbol, '1m'));
    const funding = readFunding(dataDir, symbol);
    if (funding.length > 0) data.addFunding(funding);
  }
  return data;
}
