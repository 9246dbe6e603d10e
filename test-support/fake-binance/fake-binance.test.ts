import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { readCandles } from '../../src/engine/data/candle-store.js';
import { normaliseSymbol } from '../../src/engine/symbols.js';
import { SAMPLE_DATA_DIR } from '../repo-paths.js';
import {
  banned,
  delayed,
  hang,
  malformed,
  missingRange,
  pickWindow,
  rateLimited,
  serverError,
  startFakeBinance,
  type FakeBinance,
} from './index.js';

const ETH = readCandles(SAMPLE_DATA_DIR, normaliseSymbol('ETH'), '1m');
const first = ETH.ts[0] as number;
const last = ETH.ts[ETH.length - 1] as number;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain HTTP GET (no ccxt) with an optional client-side timeout. */
function get(fake: FakeBinance, path: string, timeoutMs = 5_000): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(`${fake.url}${path}`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end();
  });
}
const json = async (fake: FakeBinance, path: string) => JSON.parse((await get(fake, path)).body) as unknown;

let fake: FakeBinance;
beforeAll(async () => {
  fake = await startFakeBinance();
});
afterAll(async () => {
  await fake.close();
});

describe('fake Binance market data', () => {
  it('listens on 127.0.0.1 with an OS-assigned port', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.port).toBeGreaterThan(0);
  });

  it('serves the committed exchangeInfo capture byte for byte', async () => {
    const r = await get(fake, '/fapi/v1/exchangeInfo');
    const doc = JSON.parse(r.body) as { symbols: { symbol: string }[]; serverTime: number };
    expect(doc.symbols.map((s) => s.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(doc.serverTime).toBe(1764128170037);
  });

  it('answers /time from the injectable clock and /ping with {}', async () => {
    fake.clock.set(Date.UTC(2025, 5, 22, 12, 0, 7));
    expect(await json(fake, '/fapi/v1/time')).toEqual({ serverTime: Date.UTC(2025, 5, 22, 12, 0, 7) });
    expect(await json(fake, '/fapi/v1/ping')).toEqual({});
  });

  it('returns 12-column rows with string prices and the real values', async () => {
    fake.clock.set(last + 60_000);
    const rows = (await json(
      fake,
      `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${first}&limit=2`,
    )) as unknown[][];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([
      first,
      String(ETH.open[0]),
      String(ETH.high[0]),
      String(ETH.low[0]),
      String(ETH.close[0]),
      String(ETH.volume[0]),
      first + 59_999,
      '0',
      0,
      '0',
      '0',
      '0',
    ]);
  });

  it('returns 500 candles by default and at most 1500, refusing a larger limit with -1130', async () => {
    fake.clock.set(last + 60_000);
    expect(
      ((await json(fake, `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${first}`)) as unknown[]).length,
    ).toBe(500);
    expect(
      ((await json(fake, `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${first}&limit=1500`)) as unknown[])
        .length,
    ).toBe(1500);
    const r = await get(fake, `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&limit=1501`);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ code: -1130 });
  });

  it('returns the latest candles up to the clock when startTime is absent', async () => {
    const now = first + 100 * 60_000 + 15_000;
    fake.clock.set(now);
    const rows = (await json(fake, '/fapi/v1/klines?symbol=ETHUSDT&interval=1m&limit=3')) as number[][];
    expect(rows.map((r) => r[0])).toEqual([first + 98 * 60_000, first + 99 * 60_000, first + 100 * 60_000]);
  });

  it('treats startTime and endTime as inclusive bounds on open times', async () => {
    fake.clock.set(last + 60_000);
    const rows = (await json(
      fake,
      `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${first + 60_000}&endTime=${first + 180_000}`,
    )) as number[][];
    expect(rows.map((r) => r[0])).toEqual([first + 60_000, first + 120_000, first + 180_000]);
  });

  it('serves the candle containing now as still forming, with other values than the final one', async () => {
    const open = first + 10 * 60_000;
    fake.clock.set(open + 30_000);
    const rows = (await json(fake, `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${open - 60_000}`)) as (
      string | number
    )[][];
    expect(rows.map((r) => r[0])).toEqual([open - 60_000, open]);
    const forming = rows[1] as (string | number)[];
    expect(forming[6]).toBe(open + 59_999);
    expect(Number(forming[5])).toBeCloseTo((ETH.volume[10] as number) / 2, 6);
    expect(Number(forming[4])).not.toBe(ETH.close[10]);
  });

  it('aggregates 5m candles from the 1m series', async () => {
    fake.clock.set(last + 60_000);
    const start = Math.ceil(first / 300_000) * 300_000;
    const rows = (await json(fake, `/fapi/v1/klines?symbol=ETHUSDT&interval=5m&startTime=${start}&limit=1`)) as (
      string | number
    )[][];
    const i = (start - first) / 60_000;
    expect(rows[0]?.[1]).toBe(String(ETH.open[i]));
    expect(rows[0]?.[4]).toBe(String(ETH.close[i + 4]));
    expect(Number(rows[0]?.[5])).toBeCloseTo(
      [0, 1, 2, 3, 4].reduce((a, k) => a + (ETH.volume[i + k] as number), 0),
      6,
    );
  });

  it('answers -1121 for an unknown symbol and -1102 without one', async () => {
    expect(JSON.parse((await get(fake, '/fapi/v1/klines?symbol=DOGEUSDT&interval=1m')).body)).toMatchObject({
      code: -1121,
    });
    expect(JSON.parse((await get(fake, '/fapi/v1/klines?interval=1m')).body)).toMatchObject({ code: -1102 });
  });

  it('serves funding events with Binance fields, 100 by default, at most 1000', async () => {
    fake.clock.set(last + 60_000);
    const events = (await json(fake, '/fapi/v1/fundingRate?symbol=ETHUSDT&startTime=0')) as Record<string, unknown>[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(100);
    expect(Object.keys(events[0] as object)).toEqual(['symbol', 'fundingTime', 'fundingRate', 'markPrice']);
    expect(events.every((e) => (e.fundingTime as number) <= last + 60_000)).toBe(true);
    const three = (await json(fake, '/fapi/v1/fundingRate?symbol=ETHUSDT&startTime=0&limit=3')) as Record<
      string,
      unknown
    >[];
    expect(three).toEqual(events.slice(0, 3));
    const r = await get(fake, '/fapi/v1/fundingRate?symbol=ETHUSDT&limit=1001');
    expect(JSON.parse(r.body)).toMatchObject({ code: -1130 });
  });

  it('hides funding events after the clock', async () => {
    fake.clock.set(Date.UTC(2025, 5, 22, 0, 0, 0));
    const events = (await json(fake, '/fapi/v1/fundingRate?symbol=ETHUSDT')) as { fundingTime: number }[];
    expect(events.at(-1)?.fundingTime).toBe(Date.UTC(2025, 5, 22, 0, 0, 0));
  });

  it('records every request with its path and query', async () => {
    fake.clearRequests();
    await get(fake, '/fapi/v1/ping');
    await get(fake, '/fapi/v1/time?x=1');
    expect(fake.paths()).toEqual(['/fapi/v1/ping', '/fapi/v1/time']);
    expect(fake.requestsTo('/fapi/v1/time')[0]?.query).toEqual({ x: '1' });
  });

  it('answers 404 for a path it does not serve and records it', async () => {
    fake.clearRequests();
    expect((await get(fake, '/sapi/v1/capital/config/getall')).status).toBe(404);
    expect(fake.paths()).toEqual(['/sapi/v1/capital/config/getall']);
  });
});

describe('fake Binance fault injection', () => {
  it('answers 429 with Retry-After, then normally once the fault is used up', async () => {
    fake.inject('/fapi/v1/time', rateLimited(3));
    const r = await get(fake, '/fapi/v1/time');
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('3');
    expect(JSON.parse(r.body)).toMatchObject({ code: -1003 });
    expect((await get(fake, '/fapi/v1/time')).status).toBe(200);
  });

  it('answers 418 (IP ban) with Retry-After', async () => {
    fake.inject('/fapi/v1/time', banned(120));
    const r = await get(fake, '/fapi/v1/time');
    expect([r.status, r.headers['retry-after']]).toEqual([418, '120']);
  });

  it('answers 5xx the given number of times', async () => {
    const rule = fake.inject('/fapi/v1/ping', serverError(502), { times: 2 });
    expect((await get(fake, '/fapi/v1/ping')).status).toBe(502);
    expect((await get(fake, '/fapi/v1/ping')).status).toBe(502);
    expect((await get(fake, '/fapi/v1/ping')).status).toBe(200);
    expect(rule.remaining).toBe(0);
  });

  it('never answers a hung request, so the client times out', async () => {
    fake.inject('/fapi/v1/ping', hang());
    await expect(get(fake, '/fapi/v1/ping', 100)).rejects.toThrow('client timeout');
  });

  it('answers 200 with a truncated JSON body', async () => {
    fake.inject('/fapi/v1/klines', malformed());
    const r = await get(fake, '/fapi/v1/klines?symbol=ETHUSDT&interval=1m');
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it('answers an empty array for a missing range only when the query matches', async () => {
    fake.clock.set(last + 60_000);
    fake.inject('/fapi/v1/klines', missingRange(), {
      times: Infinity,
      when: (q) => Number(q.get('startTime')) === first,
    });
    expect(await json(fake, `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${first}`)).toEqual([]);
    expect(
      (
        (await json(
          fake,
          `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${first + 60_000}&limit=1`,
        )) as unknown[]
      ).length,
    ).toBe(1);
    fake.clearFaults();
    expect(
      ((await json(fake, `/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${first}&limit=1`)) as unknown[]).length,
    ).toBe(1);
  });

  it('delays an answer by the given time', async () => {
    fake.inject('/fapi/v1/ping', delayed(80));
    const t0 = performance.now();
    expect((await get(fake, '/fapi/v1/ping')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(70);
  });

  it('closes cleanly while a request hangs', async () => {
    const other = await startFakeBinance();
    other.inject('/fapi/v1/ping', hang());
    const pending = get(other, '/fapi/v1/ping', 10_000).catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 20));
    await other.close();
    expect(await pending).toMatch(/socket hang up|ECONNRESET/);
  });
});

describe('pickWindow', () => {
  const ts = [10, 20, 30, 40, 50];
  it('takes the first limit items from startTime up to endTime inclusive', () => {
    expect(pickWindow(ts, { startTime: 20, endTime: 40, limit: 10 }, 100)).toEqual([1, 4]);
    expect(pickWindow(ts, { startTime: 15, limit: 2 }, 100)).toEqual([1, 3]);
  });
  it('takes the last limit items before endTime or now when startTime is absent', () => {
    expect(pickWindow(ts, { endTime: 40, limit: 2 }, 100)).toEqual([2, 4]);
    expect(pickWindow(ts, { limit: 2 }, 41)).toEqual([2, 4]);
  });
  it('returns an empty window when startTime is after everything visible', () => {
    const [a, b] = pickWindow(ts, { startTime: 60, limit: 5 }, 100);
    expect(b - a).toBe(0);
  });
});
