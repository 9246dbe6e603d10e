import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createExchange } from '../src/engine/exchange/exchange-factory.js';
import { startFakeBinance, type FakeBinance } from './fake-binance/index.js';

const blocked = () => (globalThis as { __coinbotBlockedConnections?: string[] }).__coinbotBlockedConnections ?? [];

let fake: FakeBinance;
beforeAll(async () => {
  fake = await startFakeBinance();
});
afterAll(async () => {
  await fake.close();
  // The suite's promise: nothing in this file reached past loopback except the probes below.
  expect(blocked().filter((h) => h !== '10.255.255.1' && h !== 'fapi.binance.com')).toEqual([]);
});

describe('loopback-only test network', () => {
  it('refuses a connection to a non-loopback address before any packet is sent', () => {
    const before = blocked().length;
    const sock = new net.Socket();
    expect(() => sock.connect({ host: '10.255.255.1', port: 9 })).toThrow(/only loopback/);
    sock.destroy();
    expect(blocked().slice(before)).toEqual(['10.255.255.1']);
  });

  it('refuses net.connect to a host name without resolving it', () => {
    const before = blocked().length;
    expect(() => net.connect(443, 'fapi.binance.com')).toThrow(/only loopback/);
    expect(blocked().slice(before)).toEqual(['fapi.binance.com']);
  });

  it('stops ccxt too when it is pointed off loopback', async () => {
    const before = blocked().length;
    const ex = await createExchange({ exchangeUrl: 'http://10.255.255.1:9', timeoutMs: 2_000 });
    await expect(ex.loadMarkets()).rejects.toThrow();
    expect(blocked().slice(before)).toContain('10.255.255.1');
  });

  it('lets ccxt pointed at the fake talk to loopback only, on /fapi paths only', async () => {
    const before = blocked().length;
    fake.clearRequests();
    const ex = await createExchange({
      exchangeUrl: fake.url,
      rateLimitMs: 1,
      keys: { apiKey: 'k'.repeat(64), secret: 's'.repeat(64), source: 'env' },
    });
    await ex.loadMarkets();
    await ex.fapiPublicGetKlines({ symbol: 'ETHUSDT', interval: '1m', limit: 5 });
    await ex.fapiPublicGetFundingRate({ symbol: 'ETHUSDT', limit: 5 });
    await ex.fapiPublicGetTime();
    expect(blocked().length).toBe(before);
    expect(fake.paths()).toEqual(['/fapi/v1/exchangeInfo', '/fapi/v1/klines', '/fapi/v1/fundingRate', '/fapi/v1/time']);
  });
});
