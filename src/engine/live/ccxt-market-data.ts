/**
 * CcxtMarketData: live mode's MarketData, the counterpart of the simulator's CandleReplay. It
 * polls `GET /fapi/v1/klines` and yields each candle only once the exchange's clock has passed
 * its close (never the forming one), in time order, starting from `from` (warm-up and, after
 * downtime, the missed candles). Before yielding a candle it runs the listeners (the venue:
 * `SimVenue.processCandle` in paper mode, `CcxtVenue.sync` in real mode) for candles at or after
 * `venueFrom`, exactly as CandleReplay lets the SimVenue settle a candle before the runner sees it.
 *
 * Timing: after the last candle it waits until the next close plus `settleMs`, in slices of at
 * most `pollSliceMs` (calling `idle` after each slice), reads `/fapi/v1/time`, then the klines.
 * Transient failures (429 with Retry-After, 5xx, timeouts, garbage) are retried with backoff
 * without end: a live bot outlives an exchange outage; a candle overdue by `staleAfterMs` is
 * reported once through `onStale`. `next()` returns null once `signal` aborts.
 */
import { TransientError } from '../errors.js';
import type { MarketData } from '../ports/market-data.js';
import type { Awaitable } from '../ports/venue.js';
import type { PerpSymbol } from '../symbols.js';
import { timeframeMs } from '../time.js';
import type { Candle } from '../types.js';
import { BINANCE_USDM } from '../exchange/capabilities.js';
import { ExchangeResponseError } from '../exchange/ccxt-errors.js';
import { parseKlines } from '../exchange/fetch-history.js';
import { retryAfterFromExchange, withRetry, type RetryHooks, type RetryPolicy } from '../exchange/retry.js';
import type { LiveClock } from '../exchange/wall-clock.js';

type Params = Record<string, string | number>;

/** The public endpoints the feed uses (ccxt implicit API of `binanceusdm`). */
export interface KlineRest {
  fapiPublicGetKlines(p: Params): Promise<unknown>;
  fapiPublicGetTime(p?: Params): Promise<unknown>;
  readonly last_response_headers?: unknown;
}

/**
 * Reads `/fapi/v1/time` (with retries) and aligns `clock` with it.
 * @returns the exchange's time (ms UTC).
 * @throws TransientError when the exchange keeps failing.
 */
export async function syncClock(
  rest: KlineRest,
  clock: LiveClock,
  retry?: RetryPolicy,
  hooks?: RetryHooks,
): Promise<number> {
  const sentAt = clock.local();
  const serverTime = await withRetry(
    'GET /fapi/v1/time',
    async () => {
      const body = (await rest.fapiPublicGetTime()) as { serverTime?: unknown } | null;
      const t = Number(body?.serverTime);
      if (!Number.isFinite(t) || t <= 0) throw new ExchangeResponseError('time: no serverTime in the answer');
      return t;
    },
    retry,
    { retryAfterMs: retryAfterFromExchange(rest), ...hooks },
  );
  clock.syncTo(serverTime, sentAt);
  return serverTime;
}

/** Options of {@link CcxtMarketData}. Times ms UTC, durations ms. */
export interface CcxtMarketDataOptions {
  readonly symbol: PerpSymbol;
  /** Binance market id, e.g. `ETHUSDT`. */
  readonly marketId: string;
  readonly timeframe: string;
  readonly clock: LiveClock;
  /** Open time of the first candle to yield. */
  readonly from: number;
  /** Listeners run for candles opening at or after this time. */
  readonly venueFrom: number;
  readonly listeners?: readonly ((c: Candle) => Awaitable<void>)[];
  /** After the listeners, before the runner (journal, log). */
  readonly onCandle?: (c: Candle) => void;
  /** A due candle has not arrived `staleAfterMs` after its close (once per gap). */
  readonly onStale?: (lastCandleTs: number | null, overdueMs: number) => void;
  /** Called after each waiting slice (real mode: extra venue syncs while an entry rests). */
  readonly idle?: () => Promise<void>;
  readonly signal?: AbortSignal;
  readonly pollSliceMs?: number;
  readonly settleMs?: number;
  readonly staleAfterMs?: number;
  /** Retry of one request; after it gives up the feed waits `maxBackoffMs` and tries again. */
  readonly retry?: RetryPolicy;
  readonly hooks?: RetryHooks;
  readonly maxBackoffMs?: number;
}

/** Polls closed candles of one market. */
export class CcxtMarketData implements MarketData {
  readonly symbol: PerpSymbol;
  readonly timeframe: string;
  private readonly tf: number;
  private cursor: number;
  private buffer: Candle[] = [];
  private lastTs: number | null = null;
  private staleReported = false;

  constructor(
    private readonly rest: KlineRest,
    private readonly o: CcxtMarketDataOptions,
  ) {
    this.symbol = o.symbol;
    this.timeframe = o.timeframe;
    this.tf = timeframeMs(o.timeframe);
    this.cursor = o.from;
  }

  /** Open time of the newest candle yielded, or null. */
  get lastCandleTs(): number | null {
    return this.lastTs;
  }

  async next(): Promise<Candle | null> {
    for (;;) {
      if (this.o.signal?.aborted === true) return null;
      const c = this.buffer.shift();
      if (c !== undefined) {
        if (c.ts >= this.o.venueFrom) for (const l of this.o.listeners ?? []) await l(c);
        this.lastTs = c.ts;
        this.o.onCandle?.(c);
        return c;
      }
      await this.poll();
    }
  }

  /**
   * Reads the exchange's time; if the next close (plus `settleMs`) is still ahead, waits one
   * slice; otherwise fetches every closed candle from the cursor on. Syncing on every slice keeps
   * the clock on the exchange's time even when that runs faster (the accelerated fake).
   */
  private async poll(): Promise<void> {
    const { clock, signal } = this.o;
    const slice = this.o.pollSliceMs ?? 5_000;
    try {
      const serverTime = await syncClock(this.rest, clock, this.o.retry, this.o.hooks);
      const wait = this.cursor + this.tf + (this.o.settleMs ?? 1_000) - serverTime;
      if (wait > 0) {
        await clock.sleep(Math.min(wait, slice), signal);
        if (signal?.aborted !== true) await this.o.idle?.();
        return;
      }
      const rows = await this.request(`GET /fapi/v1/klines ${this.o.marketId} from ${this.cursor}`, async () =>
        parseKlines(
          await this.rest.fapiPublicGetKlines({
            symbol: this.o.marketId,
            interval: this.timeframe,
            startTime: this.cursor,
            limit: this.limitFor(serverTime),
          }),
        ),
      );
      const closed: Candle[] = [];
      for (const r of rows) {
        // Binance's closeTime is inclusive (open + tf − 1): closed once serverTime passed it.
        if (r.openTime < this.cursor || r.openTime + this.tf > serverTime) continue;
        if (closed.length > 0 && r.openTime <= (closed[closed.length - 1] as Candle).ts) continue;
        const [open, high, low, close, volume] = r.ohlcv;
        closed.push({ ts: r.openTime, open, high, low, close, volume });
      }
      if (closed.length > 0) {
        this.buffer = closed;
        this.cursor = (closed[closed.length - 1] as Candle).ts + this.tf;
        this.staleReported = false;
        return;
      }
      this.checkStale(serverTime);
      await clock.sleep(slice, signal);
    } catch (e) {
      // Only what retrying cannot fix (configuration, bugs) ends the feed.
      if (!(e instanceof TransientError)) throw e;
      // The exchange keeps failing: report staleness if due, back off, and try again.
      this.checkStale(clock.now());
      await clock.sleep(this.o.maxBackoffMs ?? 30_000, signal);
    }
  }

  /** Rows to ask for: the candles closed since the cursor plus the forming one, at most a page (Binance weighs small pages less). */
  private limitFor(serverTime: number): number {
    return Math.min(BINANCE_USDM.ohlcvLimit, Math.max(2, Math.ceil((serverTime - this.cursor) / this.tf) + 1));
  }

  private checkStale(now: number): void {
    const overdue = now - (this.cursor + this.tf);
    if (!this.staleReported && overdue > (this.o.staleAfterMs ?? 120_000)) {
      this.staleReported = true;
      this.o.onStale?.(this.lastTs, overdue);
    }
  }

  private request<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(what, fn, this.o.retry, { retryAfterMs: retryAfterFromExchange(this.rest), ...this.o.hooks });
  }
}
