/**
 * Downloads history into the cache: closed candles (paginated, resumable), funding events and
 * market facts, through the raw Binance endpoints of a guarded ccxt `binanceusdm`
 * (`fapiPublicGetKlines`, `fapiPublicGetFundingRate`, `fapiPublicGetTime`,
 * `fapiPublicGetExchangeInfo`), so ccxt's rate limiter, signing and error mapping apply while
 * coinbot checks every row itself.
 *
 * Timing rules: "now" is the exchange's `serverTime` read once at the start; a candle is stored
 * only when it closed before it (`open + timeframe ≤ serverTime`), so the still-forming candle is
 * never stored. Resumable and crash-safe: only the spans missing from the cache are requested,
 * and each page is merged into the cache atomically (per month file) before the next request,
 * so SIGKILL at any point loses at most one page and a rerun converges to the same rows.
 */
import { readCandles, writeCandles } from '../data/candle-store.js';
import { allocColumns, makeSeries } from '../data/candle-series.js';
import { writeMarketFacts, parseExchangeInfo } from '../data/market-facts-store.js';
import { findGaps, validateCandles, type Gap } from '../data/validate-candles.js';
import { ConfigError, NoDataError } from '../errors.js';
import { floorToStep, formatInstant, timeframeMs, type TimeRange } from '../time.js';
import type { CandleSeries, MarketFacts } from '../types.js';
import { BINANCE_USDM, type ExchangeCapabilities } from './capabilities.js';
import { ExchangeResponseError } from './ccxt-errors.js';
import { fetchFunding, type FundingFetchResult } from './fetch-funding.js';
import type { GuardedMarket } from './guard.js';
import { DEFAULT_RETRY, retryAfterFromExchange, withRetry, type RetryHooks, type RetryPolicy } from './retry.js';

type Params = Record<string, string | number>;

/** The raw Binance endpoints fetch uses (ccxt implicit API methods of `binanceusdm`). */
export interface HistoryExchange {
  fapiPublicGetKlines(params: Params): Promise<unknown>;
  fapiPublicGetFundingRate(params: Params): Promise<unknown>;
  fapiPublicGetTime(params?: Params): Promise<unknown>;
  fapiPublicGetExchangeInfo(params?: Params): Promise<unknown>;
  readonly last_response_headers?: unknown;
}

/** Progress of the candle download, in candles of the requested range. */
export interface FetchProgress {
  readonly done: number;
  readonly total: number;
}

/** Options of {@link fetchHistory}. Times in ms UTC. */
export interface FetchHistoryOptions {
  readonly dataDir: string;
  readonly timeframe: string;
  /** First candle open time wanted (rounded up to the timeframe). */
  readonly since: number;
  /** Exclusive end over open times; default: the exchange's current time. */
  readonly until?: number | undefined;
  /** Candles per request (default and maximum: the exchange's `ohlcvLimit`, 1500). */
  readonly pageSize?: number | undefined;
  /** Also fetch funding events (default true). */
  readonly funding?: boolean | undefined;
  readonly retry?: RetryPolicy | undefined;
  /** Retry injection (sleep, onRetry); Retry-After is read from the exchange unless overridden. */
  readonly hooks?: RetryHooks | undefined;
  readonly onProgress?: ((p: FetchProgress) => void) | undefined;
  readonly capabilities?: ExchangeCapabilities | undefined;
}

/** What one {@link fetchHistory} call did. */
export interface FetchSummary {
  readonly symbol: string;
  readonly id: string;
  readonly timeframe: string;
  /** The closed-candle range considered, `[from, to)` over open times. */
  readonly range: TimeRange;
  /** The exchange's time the run measured "closed" against. */
  readonly serverTime: number;
  /** Candles in the range already cached before the run. */
  readonly alreadyCached: number;
  /** Candles newly stored. */
  readonly added: number;
  /** Candles the exchange did not have within the requested spans (gaps stay gaps). */
  readonly missing: number;
  readonly gaps: readonly Gap[];
  /** Rows dropped because they had not closed at `serverTime`. */
  readonly formingSkipped: number;
  readonly funding: FundingFetchResult | undefined;
  readonly marketFacts: MarketFacts;
  /** HTTP requests made (including retried ones) and retries among them. */
  readonly requests: number;
  readonly retries: number;
}

/** The spans of `[range.from, range.to)` (step `stepMs`) with no cached candle. */
export function missingSpans(cachedTs: ArrayLike<number>, range: TimeRange, stepMs: number): TimeRange[] {
  const spans: TimeRange[] = [];
  let cursor = range.from;
  for (let i = 0; i < cachedTs.length; i++) {
    const t = cachedTs[i] as number;
    if (t < cursor) continue;
    if (t >= range.to) break;
    if (t > cursor) spans.push({ from: cursor, to: t });
    cursor = t + stepMs;
  }
  if (cursor < range.to) spans.push({ from: cursor, to: range.to });
  return spans;
}

/** A checked kline row: open time and close time (inclusive, ms) plus OHLCV. */
interface KlineRow {
  readonly openTime: number;
  readonly closeTime: number;
  readonly ohlcv: readonly [number, number, number, number, number];
}

/**
 * Checks a `/fapi/v1/klines` body: an array of rows with at least 7 numeric columns.
 * @throws ExchangeResponseError (transient) on anything else, e.g. a truncated body.
 */
export function parseKlines(body: unknown, caps: ExchangeCapabilities = BINANCE_USDM): KlineRow[] {
  if (!Array.isArray(body))
    throw new ExchangeResponseError(
      `klines: expected a JSON array, got ${typeof body === 'string' ? `unparseable text '${body.slice(0, 40)}'` : typeof body}`,
    );
  const k = caps.klineColumns;
  return body.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length < 7) throw new ExchangeResponseError(`klines: row ${i} is not a kline array`);
    const n = (j: number) => {
      const v = Number(row[j]);
      if (row[j] === null || row[j] === '' || !Number.isFinite(v))
        throw new ExchangeResponseError(`klines: row ${i} column ${j} is '${String(row[j])}', not a number`);
      return v;
    };
    return {
      openTime: n(k.openTime),
      closeTime: n(k.closeTime),
      ohlcv: [n(k.open), n(k.high), n(k.low), n(k.close), n(k.volume)] as const,
    };
  });
}

function toSeries(market: GuardedMarket, timeframe: string, rows: readonly KlineRow[]): CandleSeries {
  const c = allocColumns(rows.length);
  rows.forEach((r, i) => {
    c.ts[i] = r.openTime;
    [c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]] = r.ohlcv;
  });
  return makeSeries(market.symbol, timeframe, 'last', c);
}

function cachedTimes(dataDir: string, market: GuardedMarket, timeframe: string, range: TimeRange): Float64Array {
  try {
    return readCandles(dataDir, market.symbol, timeframe, { range }).ts;
  } catch (e) {
    if (e instanceof NoDataError) return new Float64Array(0);
    throw e;
  }
}

/** Reads exchangeInfo and stores the market facts of `market`. */
async function refreshMarketFacts(
  ex: HistoryExchange,
  market: GuardedMarket,
  dataDir: string,
  call: <T>(what: string, fn: () => Promise<T>) => Promise<T>,
): Promise<MarketFacts> {
  const doc = await call('GET /fapi/v1/exchangeInfo', async () => {
    const d = await ex.fapiPublicGetExchangeInfo();
    if (typeof d !== 'object' || d === null || !Array.isArray((d as { symbols?: unknown }).symbols)) {
      throw new ExchangeResponseError('exchangeInfo: the answer has no symbols array');
    }
    return d;
  });
  const facts = parseExchangeInfo(doc, 'GET /fapi/v1/exchangeInfo').find((f) => f.id === market.id);
  if (facts === undefined)
    throw new ConfigError(
      `${market.symbol}: exchangeInfo lists no USDT perpetual '${market.id}'; the symbol may be delisted: check 'coinbot doctor --symbol ${market.symbol}'`,
    );
  writeMarketFacts(dataDir, facts);
  return facts;
}

/**
 * Fetches closed candles, funding events and market facts of one guarded market into the cache.
 * Side effects: HTTP requests through `ex`; atomic writes under `opts.dataDir/cache`.
 * @throws TransientError (exit 75) when a request keeps failing; DataError (65) when the exchange
 *   sends candles that fail validation; ConfigError (78) when the exchange refuses the request.
 */
// Over 80 lines on purpose: one resumable fetch (candles page by page, then funding) sharing the
// gate, the resume points read from the cache and the progress output.
export async function fetchHistory(
  ex: HistoryExchange,
  market: GuardedMarket,
  opts: FetchHistoryOptions,
): Promise<FetchSummary> {
  const caps = opts.capabilities ?? BINANCE_USDM;
  const policy = opts.retry ?? DEFAULT_RETRY;
  const pageSize = Math.min(opts.pageSize ?? caps.ohlcvLimit, caps.ohlcvLimit);
  const stepMs = timeframeMs(opts.timeframe);
  let requests = 0;
  let retries = 0;
  const hooks: RetryHooks = {
    retryAfterMs: retryAfterFromExchange(ex),
    ...opts.hooks,
    onRetry: (e) => {
      retries += 1;
      opts.hooks?.onRetry?.(e);
    },
  };
  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    withRetry(
      what,
      () => {
        requests += 1;
        return fn();
      },
      policy,
      hooks,
    );

  const serverTime = await call('GET /fapi/v1/time', async () => {
    const t = Number(((await ex.fapiPublicGetTime()) as { serverTime?: unknown } | undefined)?.serverTime);
    if (!Number.isSafeInteger(t)) throw new ExchangeResponseError('time: the answer has no integer serverTime');
    return t;
  });
  const marketFacts = await refreshMarketFacts(ex, market, opts.dataDir, call);

  // Candles opening before floor(serverTime) have closed; the one opening at it is forming.
  const from = Math.ceil(opts.since / stepMs) * stepMs;
  const to = Math.max(from, Math.min(opts.until ?? Infinity, floorToStep(serverTime, stepMs)));
  const range = { from, to };
  const cached = cachedTimes(opts.dataDir, market, opts.timeframe, range);
  const spans = missingSpans(cached, range, stepMs);
  const total = spans.reduce((n, s) => n + (s.to - s.from) / stepMs, 0);
  let spanBase = 0;
  let added = 0;
  let formingSkipped = 0;
  const gaps: Gap[] = [];
  opts.onProgress?.({ done: 0, total });

  for (const span of spans) {
    let cursor = span.from;
    while (cursor < span.to) {
      const params = {
        symbol: market.id,
        interval: opts.timeframe,
        startTime: cursor,
        endTime: span.to - 1,
        limit: pageSize,
      };
      const raw = await call(
        `GET /fapi/v1/klines ${market.id} ${opts.timeframe} from ${formatInstant(cursor)}`,
        async () => parseKlines(await ex.fapiPublicGetKlines(params), caps),
      );
      const rows = raw.filter((r) => {
        if (r.closeTime >= serverTime) formingSkipped += 1;
        return r.openTime >= cursor && r.openTime < span.to && r.closeTime < serverTime;
      });
      if (rows.length > 0) {
        const series = toSeries(market, opts.timeframe, rows);
        validateCandles(
          series,
          { file: `klines of ${market.id} from ${formatInstant(cursor)}`, lineOf: (i) => i + 1 },
          stepMs,
        );
        added += writeCandles(opts.dataDir, series, { source: `fetch ${market.id}` }).added;
        const first = series.ts[0] as number;
        if (first > cursor) gaps.push({ from: cursor, to: first, missing: (first - cursor) / stepMs });
        gaps.push(...findGaps(series.ts, stepMs));
        cursor = (series.ts[series.length - 1] as number) + stepMs;
      }
      // A short page means the exchange has nothing more up to endTime: the rest is a gap.
      if (raw.length < pageSize || rows.length === 0) {
        if (cursor < span.to) gaps.push({ from: cursor, to: span.to, missing: (span.to - cursor) / stepMs });
        cursor = span.to;
      }
      opts.onProgress?.({ done: spanBase + (cursor - span.from) / stepMs, total });
    }
    spanBase += (span.to - span.from) / stepMs;
  }

  const funding =
    opts.funding === false
      ? undefined
      : await fetchFunding(ex, market, {
          dataDir: opts.dataDir,
          range: { from: opts.since, to: Math.min(opts.until ?? Infinity, serverTime + 1) },
          caps,
          call,
        });
  return {
    symbol: market.symbol,
    id: market.id,
    timeframe: opts.timeframe,
    range,
    serverTime,
    alreadyCached: cached.length,
    added,
    missing: gaps.reduce((n, g) => n + g.missing, 0),
    gaps,
    formingSkipped,
    funding,
    marketFacts,
    requests,
    retries,
  };
}
