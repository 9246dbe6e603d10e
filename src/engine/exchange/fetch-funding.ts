/**
 * Funding-rate history into the cache (`GET /fapi/v1/fundingRate`, at most 1000 events a call).
 * Each event keeps its own time: Binance's intervals are 1–8 h and change per symbol, so nothing
 * here assumes one. Binance stamps settlement a few ms after the hour (`...00003`); times are
 * floored to the minute on the way in so fetched events dedupe against imported ones (which are
 * floored to the hour). Resumable: only the head and tail of the range around what is cached
 * are requested; each page is merged atomically before the next request.
 */
import { readFunding, writeFunding } from '../data/funding-store.js';
import type { PerpSymbol } from '../symbols.js';
import { formatInstant, type TimeRange } from '../time.js';
import type { ExchangeCapabilities } from './capabilities.js';
import { ExchangeResponseError } from './ccxt-errors.js';
import type { GuardedMarket } from './guard.js';

/** What the funding step did. */
export interface FundingFetchResult {
  /** Events newly stored. */
  readonly added: number;
  /** Events received that were already cached. */
  readonly unchanged: number;
  /** Events in the range after the run. */
  readonly events: number;
}

/** One checked funding event: `ts` floored to `fundingTimeFloorMs`, `rate` a fraction. */
interface FundingRow {
  readonly rawTime: number;
  readonly ts: number;
  readonly rate: number;
}

/**
 * Checks a `/fapi/v1/fundingRate` body for market `id`.
 * @throws ExchangeResponseError (transient) when it is not an array of events of that market.
 */
export function parseFundingRates(body: unknown, id: string, floorMs: number): FundingRow[] {
  if (!Array.isArray(body)) throw new ExchangeResponseError(`fundingRate: expected a JSON array, got ${typeof body}`);
  return body.map((e: unknown, i) => {
    const ev = e as { symbol?: unknown; fundingTime?: unknown; fundingRate?: unknown } | null;
    const rawTime = Number(ev?.fundingTime);
    const rate = Number(ev?.fundingRate);
    if (ev?.symbol !== id)
      throw new ExchangeResponseError(`fundingRate: event ${i} is for '${String(ev?.symbol)}', not ${id}`);
    if (!Number.isSafeInteger(rawTime) || ev?.fundingRate === '' || !Number.isFinite(rate)) {
      throw new ExchangeResponseError(
        `fundingRate: event ${i} has fundingTime '${String(ev?.fundingTime)}' or fundingRate '${String(ev?.fundingRate)}' that is not a number`,
      );
    }
    return { rawTime, ts: Math.floor(rawTime / floorMs) * floorMs, rate };
  });
}

/** The spans of `range` to request given the cached event times (sorted): before the first and after the last. */
export function fundingSpans(cachedTs: ArrayLike<number>, range: TimeRange, floorMs: number): TimeRange[] {
  if (cachedTs.length === 0) return range.from < range.to ? [range] : [];
  const first = cachedTs[0] as number;
  const last = cachedTs[cachedTs.length - 1] as number;
  const spans: TimeRange[] = [];
  if (range.from < first) spans.push({ from: range.from, to: first });
  if (last + floorMs < range.to) spans.push({ from: last + floorMs, to: range.to });
  return spans;
}

/**
 * Fetches the funding events of `market` whose time lies in `opts.range` into the cache.
 * @param opts.call runs one request with retries (shared with the candle fetch for counting).
 */
export async function fetchFunding(
  ex: { fapiPublicGetFundingRate(params: Record<string, string | number>): Promise<unknown> },
  market: GuardedMarket,
  opts: {
    dataDir: string;
    range: TimeRange;
    caps: ExchangeCapabilities;
    call: <T>(what: string, fn: () => Promise<T>) => Promise<T>;
  },
): Promise<FundingFetchResult> {
  const { dataDir, range, caps, call } = opts;
  const floorMs = caps.fundingTimeFloorMs;
  const symbol: PerpSymbol = market.symbol;
  let added = 0;
  let unchanged = 0;
  for (const span of fundingSpans(readFunding(dataDir, symbol, range).ts, range, floorMs)) {
    let cursor = span.from;
    while (cursor < span.to) {
      const params = { symbol: market.id, startTime: cursor, endTime: span.to - 1, limit: caps.fundingLimit };
      const raw = await call(`GET /fapi/v1/fundingRate ${market.id} from ${formatInstant(cursor)}`, async () =>
        parseFundingRates(await ex.fapiPublicGetFundingRate(params), market.id, floorMs),
      );
      const rows = raw.filter((r) => r.rawTime >= cursor && r.ts < span.to);
      if (rows.length > 0) {
        const r = writeFunding(
          dataDir,
          {
            symbol,
            length: rows.length,
            ts: Float64Array.from(rows, (x) => x.ts),
            rate: Float64Array.from(rows, (x) => x.rate),
          },
          { source: `fetch funding ${market.id}` },
        );
        added += r.added;
        unchanged += r.unchanged;
      }
      const lastRaw = raw.reduce((m, r) => Math.max(m, r.rawTime), -Infinity);
      if (raw.length < caps.fundingLimit || !(lastRaw >= cursor)) break;
      cursor = lastRaw + 1;
    }
  }
  return { added, unchanged, events: readFunding(dataDir, symbol, range).length };
}
