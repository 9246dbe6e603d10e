import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import {
  banned,
  hang,
  malformed,
  missingRange,
  rateLimited,
  serverError,
  startFakeBinance,
  SAMPLE_DATA_DIR,
  SUBSET_EXCHANGE_INFO,
  type Fault,
  type FakeBinance,
} from '../../../test-support/fake-binance/index.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { readCandles } from '../data/candle-store.js';
import { candleDir } from '../data/cache-layout.js';
import { readFunding } from '../data/funding-store.js';
import { parseExchangeInfo, readMarketFacts } from '../data/market-facts-store.js';
import { TransientError } from '../errors.js';
import { normaliseSymbol } from '../symbols.js';
import { createExchange, type UsdmExchange } from './exchange-factory.js';
import { fetchHistory, missingSpans, parseKlines, type FetchHistoryOptions } from './fetch-history.js';
import { fundingSpans, parseFundingRates } from './fetch-funding.js';
import { runStartupGuard, type GuardedMarket } from './guard.js';
import type { RetryPolicy } from './retry.js';

const ETH = normaliseSymbol('ETH');
const SAMPLE = readCandles(SAMPLE_DATA_DIR, ETH, '1m');
const FIRST = SAMPLE.ts[0] as number;
const LAST = SAMPLE.ts[SAMPLE.length - 1] as number;
const fast: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 60_000 };

let fake: FakeBinance;
let ex: UsdmExchange;
let market: GuardedMarket;
let waits: number[] = [];

beforeAll(async () => {
  fake = await startFakeBinance();
  ex = await createExchange({ exchangeUrl: fake.url, rateLimitMs: 1, timeoutMs: 200 });
  [market] = (await runStartupGuard(ex, [ETH], { retry: fast })) as [GuardedMarket];
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.clearFaults();
  fake.clearRequests();
  fake.clock.set(LAST + 30_000);
  waits = [];
});

function run(dataDir: string, o: Partial<FetchHistoryOptions> = {}) {
  return fetchHistory(ex, market, {
    dataDir,
    timeframe: '1m',
    since: FIRST,
    retry: fast,
    hooks: { sleep: async (ms) => void waits.push(ms) },
    ...o,
  });
}

/** Open times and closes of the sample candles in [from, to) that have closed by `now`. */
function served(now: number, from = FIRST, to = Infinity) {
  const ts: number[] = [];
  const close: number[] = [];
  for (let i = 0; i < SAMPLE.length; i++) {
    const t = SAMPLE.ts[i] as number;
    if (t >= from && t < to && t + 60_000 <= now) {
      ts.push(t);
      close.push(SAMPLE.close[i] as number);
    }
  }
  return { ts, close };
}

function stored(dataDir: string) {
  const s = readCandles(dataDir, ETH, '1m');
  return { ts: Array.from(s.ts), close: Array.from(s.close) };
}

describe('fetchHistory against the fake exchange', () => {
  it('stores exactly the served closed candles, funding events and market facts', async () => {
    const dir = tempDir('fetch-exact');
    const s = await run(dir);
    expect(stored(dir)).toEqual(served(LAST + 30_000));
    const full = readCandles(dir, ETH, '1m');
    const i = SAMPLE.length - 2;
    expect([full.open[i], full.high[i], full.low[i], full.volume[i]]).toEqual([
      SAMPLE.open[i],
      SAMPLE.high[i],
      SAMPLE.low[i],
      SAMPLE.volume[i],
    ]);
    const want = fake.data
      .funding('ETHUSDT', { startTime: FIRST, limit: 1e9 }, LAST + 30_000)
      .map((e) => e.fundingTime);
    expect(want.length).toBeGreaterThan(5);
    expect(Array.from(readFunding(dir, ETH).ts)).toEqual(want);
    const facts = parseExchangeInfo(JSON.parse(readFileSync(SUBSET_EXCHANGE_INFO, 'utf8')), 'capture').find(
      (f) => f.id === 'ETHUSDT',
    );
    expect(readMarketFacts(dir, ETH)).toEqual(facts);
    expect(s).toMatchObject({
      added: SAMPLE.length - 1,
      alreadyCached: 0,
      missing: 0,
      retries: 0,
      serverTime: LAST + 30_000,
    });
  });

  it('never stores the still-forming candle, and stores it with final values once it has closed', async () => {
    const dir = tempDir('fetch-forming');
    const formingOpen = FIRST + 100 * 60_000;
    fake.clock.set(formingOpen + 45_000);
    await run(dir);
    expect(stored(dir).ts.at(-1)).toBe(formingOpen - 60_000);
    fake.clock.set(formingOpen + 5 * 60_000);
    await run(dir);
    expect(stored(dir)).toEqual(served(formingOpen + 5 * 60_000));
  });

  it('stops at the last candle closed by the exchange clock even when until is later', async () => {
    const dir = tempDir('fetch-until-later');
    const open = FIRST + 60 * 60_000;
    fake.clock.set(open + 10_000);
    const s = await run(dir, { until: open + 10 * 60_000 });
    expect(s.range.to).toBe(open);
    expect(stored(dir).ts.at(-1)).toBe(open - 60_000);
  });

  it('asks for at most 1500 candles a call and pages through the range', async () => {
    const dir = tempDir('fetch-pages');
    await run(dir);
    const limits = fake.requestsTo('/fapi/v1/klines').map((r) => Number(r.query.limit));
    expect(limits.every((l) => l === 1500)).toBe(true);
    expect(limits).toHaveLength(Math.ceil((SAMPLE.length - 1) / 1500));
    fake.clearRequests();
    await run(tempDir('fetch-pages-small'), { pageSize: 1000 });
    expect(fake.requestsTo('/fapi/v1/klines')).toHaveLength(Math.ceil((SAMPLE.length - 1) / 1000));
  });

  it('resumes from the last cached candle and requests nothing when the cache is complete', async () => {
    const dir = tempDir('fetch-resume');
    const mid = FIRST + 2000 * 60_000;
    await run(dir, { until: mid });
    expect(stored(dir).ts.at(-1)).toBe(mid - 60_000);
    fake.clearRequests();
    const s = await run(dir);
    expect(fake.requestsTo('/fapi/v1/klines')[0]?.query.startTime).toBe(String(mid));
    expect(s).toMatchObject({ alreadyCached: 2000, added: SAMPLE.length - 1 - 2000 });
    fake.clearRequests();
    const again = await run(dir);
    expect(fake.requestsTo('/fapi/v1/klines')).toHaveLength(0);
    expect(again.added).toBe(0);
    expect(stored(dir)).toEqual(served(LAST + 30_000));
  });

  it.each<[string, string, Fault, number[]]>([
    ['429 with Retry-After', '/fapi/v1/klines', rateLimited(1), [1000]],
    ['418 with Retry-After', '/fapi/v1/klines', banned(2), [2000]],
    ['500', '/fapi/v1/klines', serverError(500), [1]],
    ['502', '/fapi/v1/klines', serverError(502), [1]],
    ['503', '/fapi/v1/klines', serverError(503), [1]],
    ['504', '/fapi/v1/klines', serverError(504), [1]],
    ['a timeout', '/fapi/v1/klines', hang(), [1]],
    ['malformed JSON', '/fapi/v1/klines', malformed(), [1]],
    ['a timeout on /time', '/fapi/v1/time', hang(), [1]],
    ['malformed JSON on /fundingRate', '/fapi/v1/fundingRate', malformed(), [1]],
    ['503 on /exchangeInfo', '/fapi/v1/exchangeInfo', serverError(503), [1]],
  ])('retries %s to success and stores the same rows', async (_what, path, fault, expectedWaits) => {
    const dir = tempDir('fetch-fault');
    fake.inject(path, fault, {
      times: 1,
      when: (q) => path !== '/fapi/v1/klines' || q.get('startTime') !== String(FIRST),
    });
    const s = await run(dir);
    expect(s.retries).toBe(1);
    expect(waits).toEqual(expectedWaits);
    expect(stored(dir)).toEqual(served(LAST + 30_000));
    expect(readFunding(dir, ETH).length).toBeGreaterThan(5);
  });

  it('ends in a one-line TransientError (exit 75) when a fault persists, leaving only whole pages', async () => {
    const dir = tempDir('fetch-persist');
    const cut = FIRST + 1500 * 60_000;
    fake.inject('/fapi/v1/klines', serverError(503), {
      times: Infinity,
      when: (q) => Number(q.get('startTime')) >= cut,
    });
    const err = await run(dir, { pageSize: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).exitCode).toBe(75);
    expect((err as Error).message).toMatch(
      /^GET \/fapi\/v1\/klines ETHUSDT 1m from 2025-06-22T11:33:00Z: failed 4 times, last: .*503/,
    );
    expect((err as Error).message).not.toContain('\n');
    expect(stored(dir)).toEqual(served(LAST + 30_000, FIRST, cut));
    expect(readdirSync(candleDir(dir, ETH, '1m', 'last')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    fake.clearFaults();
    await run(dir);
    expect(stored(dir)).toEqual(served(LAST + 30_000));
  });

  it('reports a range the exchange does not serve as a gap, and a rerun fills it', async () => {
    const dir = tempDir('fetch-gap');
    const p2 = FIRST + 1500 * 60_000;
    fake.inject('/fapi/v1/klines', missingRange(), { when: (q) => q.get('startTime') === String(p2) });
    const s = await run(dir);
    expect(s.gaps[0]?.from).toBe(p2);
    expect(s.missing).toBe(SAMPLE.length - 1 - 1500);
    expect(stored(dir)).toEqual(served(LAST + 30_000, FIRST, p2));
    const again = await run(dir);
    expect(again.missing).toBe(0);
    expect(stored(dir)).toEqual(served(LAST + 30_000));
  });

  it('floors funding times stamped a few ms after the hour to the minute', async () => {
    const dir = tempDir('fetch-funding-ms');
    fake.data.setFundingTimeOffset(3);
    try {
      await run(dir, { until: FIRST + 600 * 60_000 });
      const ts = Array.from(readFunding(dir, ETH).ts);
      expect(ts.length).toBeGreaterThan(0);
      expect(ts.every((t) => t % 3_600_000 === 0)).toBe(true);
      const s = await run(dir, { until: FIRST + 600 * 60_000 });
      expect(s.funding).toMatchObject({ added: 0 });
    } finally {
      fake.data.setFundingTimeOffset(0);
    }
  });
});

describe('fetch helpers', () => {
  it('missingSpans lists the head, holes and tail not covered by the cache', () => {
    expect(missingSpans([30, 40, 70], { from: 10, to: 100 }, 10)).toEqual([
      { from: 10, to: 30 },
      { from: 50, to: 70 },
      { from: 80, to: 100 },
    ]);
    expect(missingSpans([], { from: 0, to: 20 }, 10)).toEqual([{ from: 0, to: 20 }]);
    expect(missingSpans([0, 10], { from: 0, to: 20 }, 10)).toEqual([]);
  });

  it('fundingSpans asks only before the first and after the last cached event', () => {
    expect(fundingSpans([100, 200], { from: 0, to: 1000 }, 10)).toEqual([
      { from: 0, to: 100 },
      { from: 210, to: 1000 },
    ]);
    expect(fundingSpans([], { from: 0, to: 1000 }, 10)).toEqual([{ from: 0, to: 1000 }]);
  });

  it('parseKlines refuses text, short rows and non-numbers as a garbled answer', () => {
    expect(() => parseKlines('[[1,"2"')).toThrow(/unparseable text/);
    expect(() => parseKlines([[1, '2', '3']])).toThrow(/row 0 is not a kline array/);
    expect(() => parseKlines([[1, 'x', '3', '1', '2', '5', 59_999]])).toThrow(/column 1 is 'x'/);
    expect(parseKlines([[0, '1', '2', '0.5', '1.5', '10', 59_999, '0', 0, '0', '0', '0']])).toEqual([
      { openTime: 0, closeTime: 59_999, ohlcv: [1, 2, 0.5, 1.5, 10] },
    ]);
  });

  it('parseFundingRates refuses events of another symbol or with a missing rate', () => {
    expect(() =>
      parseFundingRates([{ symbol: 'BTCUSDT', fundingTime: 1, fundingRate: '0.1' }], 'ETHUSDT', 60_000),
    ).toThrow(/not ETHUSDT/);
    expect(() =>
      parseFundingRates([{ symbol: 'ETHUSDT', fundingTime: 1, fundingRate: '' }], 'ETHUSDT', 60_000),
    ).toThrow(/not a number/);
    expect(
      parseFundingRates([{ symbol: 'ETHUSDT', fundingTime: 3_600_003, fundingRate: '0.0001' }], 'ETHUSDT', 60_000),
    ).toEqual([{ rawTime: 3_600_003, ts: 3_600_000, rate: 0.0001 }]);
  });
});
