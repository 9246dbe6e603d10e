import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { banned, rateLimited } from '../../../test-support/fake-binance/faults.js';
import { useFakeBinance } from '../../../test-support/fake-binance/use-fake-binance.js';
import { AbortedError } from '../errors.js';
import { BINANCE_USDM } from './capabilities.js';
import { banOf, type BanInfo } from './exchange-ban.js';
import { createExchange } from './exchange-factory.js';
import { exchangeGate, type ExchangeGateOptions } from './exchange-gate.js';

const fake = useFakeBinance();
const keys = { apiKey: 'A'.repeat(64), secret: 'B'.repeat(64), source: 'env' as const };

/** A manual clock whose sleep advances time instead of waiting. */
function manualTime(start = 1_000_000) {
  let t = start;
  const waits: number[] = [];
  const gate: ExchangeGateOptions = {
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  };
  return { gate, waits, now: () => t };
}

describe('the ban gate', () => {
  it('makes a request on another path wait until a 418 with Retry-After 2 s has run out', async () => {
    const time = manualTime();
    const bans: BanInfo[] = [];
    const ex = await createExchange({ exchangeUrl: fake.url, gate: { ...time.gate, onBan: (b) => bans.push(b) } });
    fake.inject('/fapi/v1/klines', banned(2));
    const err = await ex.fapiPublicGetKlines({ symbol: 'ETHUSDT', interval: '1m' }).catch((e: unknown) => e);
    expect(bans).toEqual([{ status: 418, retryAfterMs: 2000, untilMs: 1_002_000, path: '/fapi/v1/klines' }]);
    expect(banOf(err)).toEqual(bans[0]);
    expect(exchangeGate(ex)?.bannedUntilMs()).toBe(1_002_000);
    fake.clearRequests();
    await ex.fapiPublicGetTime();
    expect(time.waits).toEqual([2000]);
    expect(fake.paths()).toEqual(['/fapi/v1/time']);
    expect(exchangeGate(ex)?.bannedUntilMs()).toBeUndefined();
  });

  it('records a 429 with Retry-After as a ban too, and sends at once when none is running', async () => {
    const time = manualTime();
    const ex = await createExchange({ exchangeUrl: fake.url, gate: time.gate });
    await ex.fapiPublicGetTime();
    expect(time.waits).toEqual([]);
    fake.inject('/fapi/v1/time', rateLimited(3));
    await expect(ex.fapiPublicGetTime()).rejects.toThrow(/429/);
    expect(exchangeGate(ex)?.bannedUntilMs()).toBe(1_003_000);
  });

  it('rejects a waiting request with AbortedError when its signal aborts during the ban', async () => {
    const ac = new AbortController();
    const ex = await createExchange({ exchangeUrl: fake.url, gate: { signal: ac.signal } });
    fake.inject('/fapi/v1/klines', banned(60));
    await ex.fapiPublicGetKlines({ symbol: 'ETHUSDT', interval: '1m' }).catch(() => undefined);
    fake.clearRequests();
    const waiting = ex.fapiPublicGetTime();
    setTimeout(() => ac.abort(), 20);
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('signing on exchange time', () => {
  it('signs with the offset of the last GET /fapi/v1/time and an explicit recvWindow of 5000 ms', async () => {
    const ex = await createExchange({ exchangeUrl: fake.url, keys });
    const offset = await exchangeGate(ex)?.syncTime();
    expect(offset).toBeCloseTo(Date.now() - fake.clock.now(), -3);
    fake.clearRequests();
    await ex.fapiPrivateV2GetBalance();
    const [req] = fake.requestsTo('/fapi/v2/balance');
    expect(Math.abs(Number(req?.query.timestamp) - fake.clock.now())).toBeLessThan(1_000);
    expect(req?.query.recvWindow).toBe(String(BINANCE_USDM.recvWindowMs));
  });

  it('keeps loadMarkets() to one request, GET /fapi/v1/exchangeInfo', async () => {
    const ex = await createExchange({ exchangeUrl: fake.url, keys });
    await ex.loadMarkets();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /fapi/v1/exchangeInfo']);
  });
});

describe('-1021 (timestamp outside recvWindow)', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A loopback Binance whose clock runs `skewMs` ahead and that answers -1021 `rejections` times. */
  async function skewedBinance(skewMs: number, rejections: number) {
    const seen: string[] = [];
    let left = rejections;
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      seen.push(`${url.pathname} ${url.searchParams.get('timestamp') ?? ''}`);
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/fapi/v1/time') return res.end(JSON.stringify({ serverTime: Date.now() + skewMs }));
      if (left-- > 0) {
        res.statusCode = 400;
        return res.end('{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}');
      }
      res.end('[]');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  it('resyncs the time offset and retries once when Binance answers -1021', async () => {
    const b = await skewedBinance(60_000, 1);
    const ex = await createExchange({ exchangeUrl: b.url, keys });
    await expect(ex.fapiPrivateV2GetBalance()).resolves.toEqual([]);
    expect(b.seen.map((s) => s.split(' ')[0])).toEqual(['/fapi/v2/balance', '/fapi/v1/time', '/fapi/v2/balance']);
    const retriedAt = Number(b.seen[2]?.split(' ')[1]);
    expect(Math.abs(retriedAt - (Date.now() + 60_000))).toBeLessThan(2_000);
  });

  it('gives up after two resyncs and rethrows ccxt InvalidNonce', async () => {
    const b = await skewedBinance(0, 5);
    const ex = await createExchange({ exchangeUrl: b.url, keys });
    await expect(ex.fapiPrivateV2GetBalance()).rejects.toThrow(/-1021/);
    expect(b.seen.filter((s) => s.startsWith('/fapi/v2/balance'))).toHaveLength(3);
  });
});
