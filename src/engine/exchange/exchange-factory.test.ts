import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../test-support/fake-binance/index.js';
import { ConfigError, UsageError } from '../errors.js';
import { BINANCE_USDM } from './capabilities.js';
import { createExchange, resolveExchangeUrl, rewriteApiUrls } from './exchange-factory.js';

const keys = { apiKey: 'A'.repeat(64), secret: 'B'.repeat(64), source: 'env' as const };

let fake: FakeBinance;
beforeAll(async () => {
  fake = await startFakeBinance();
});
afterAll(async () => {
  await fake.close();
});

describe('resolveExchangeUrl', () => {
  it('prefers the flag, then COINBOT_EXCHANGE_URL, else none', () => {
    expect(resolveExchangeUrl('http://127.0.0.1:8080', { COINBOT_EXCHANGE_URL: 'http://127.0.0.1:9' })).toBe(
      'http://127.0.0.1:8080',
    );
    expect(resolveExchangeUrl(undefined, { COINBOT_EXCHANGE_URL: 'https://testnet.binancefuture.com/' })).toBe(
      'https://testnet.binancefuture.com',
    );
    expect(resolveExchangeUrl(undefined, {})).toBeUndefined();
  });

  it.each([
    ['not a URL', '127.0.0.1:8080', /is not a URL/],
    ['another scheme', 'ftp://127.0.0.1', /scheme must be http or https/],
    ['a path', 'http://127.0.0.1:8080/fapi/v1', /scheme and host only/],
    ['a query', 'http://127.0.0.1:8080?x=1', /scheme and host only/],
    ['credentials', 'http://u:p@127.0.0.1:8080', /credentials in the URL/],
  ])('refuses %s with a ConfigError (exit 78)', (_what, url, msg) => {
    expect(() => resolveExchangeUrl(url, {})).toThrow(ConfigError);
    expect(() => resolveExchangeUrl(url, {})).toThrow(msg);
  });
});

describe('rewriteApiUrls', () => {
  it('replaces scheme and host of every URL and keeps the paths', () => {
    const api = {
      fapiPublic: 'https://fapi.binance.com/fapi/v1',
      fapiPrivateV2: 'https://fapi.binance.com/fapi/v2',
      sapi: 'https://api.binance.com/sapi/v1',
      nested: { x: 'https://a.b/c' },
    };
    expect(rewriteApiUrls(api, 'http://127.0.0.1:1')).toEqual({
      fapiPublic: 'http://127.0.0.1:1/fapi/v1',
      fapiPrivateV2: 'http://127.0.0.1:1/fapi/v2',
      sapi: 'http://127.0.0.1:1/sapi/v1',
      nested: { x: 'http://127.0.0.1:1/c' },
    });
  });
});

describe('createExchange', () => {
  it('builds ccxt binanceusdm with the rate limiter on and futures options, making no request', async () => {
    fake.clearRequests();
    const ex = await createExchange({ exchangeUrl: fake.url });
    expect(ex.id).toBe('binanceusdm');
    expect(ex.enableRateLimit).toBe(true);
    expect(ex.options.defaultType).toBe('swap');
    expect(ex.options.fetchMarkets).toEqual({ types: ['linear'], loadAllOptions: false });
    expect(ex.options.fetchCurrencies).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });

  it('points every fapi endpoint (public, private, v1-v3, data) at the override, keeping Binance paths', async () => {
    const ex = await createExchange({ exchangeUrl: fake.url });
    const api = ex.urls.api as unknown as Record<string, string>;
    const fapiKeys = Object.keys(api).filter((k) => k.startsWith(BINANCE_USDM.apiUrlKeyPrefix));
    expect(fapiKeys).toEqual(
      expect.arrayContaining([
        'fapiPublic',
        'fapiPublicV2',
        'fapiPublicV3',
        'fapiPrivate',
        'fapiPrivateV2',
        'fapiPrivateV3',
        'fapiData',
      ]),
    );
    expect(api.fapiPublic).toBe(`${fake.url}/fapi/v1`);
    expect(api.fapiPrivateV3).toBe(`${fake.url}/fapi/v3`);
    expect(api.fapiData).toBe(`${fake.url}/futures/data`);
    expect(Object.values(api).filter((u) => !u.startsWith(fake.url))).toEqual([]);
  });

  it('loads markets with one GET /fapi/v1/exchangeInfo even with API keys set', async () => {
    fake.clearRequests();
    const ex = await createExchange({ exchangeUrl: fake.url, keys });
    await ex.loadMarkets();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /fapi/v1/exchangeInfo']);
    expect(Object.keys(ex.markets ?? {}).sort()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT', 'SOL/USDT:USDT']);
  });

  it('would call /sapi on loadMarkets with keys if the factory did not disable fetchCurrencies (ccxt canary)', async () => {
    fake.clearRequests();
    const ex = await createExchange({ exchangeUrl: fake.url, keys });
    ex.options.fetchCurrencies = true;
    await ex.loadMarkets().catch(() => undefined);
    expect(fake.paths()).toContain('/sapi/v1/capital/config/getall');
  });

  it('sends the API key only as a header and never in a URL', async () => {
    fake.clearRequests();
    const ex = await createExchange({ exchangeUrl: fake.url, keys });
    await ex.loadMarkets();
    expect(JSON.stringify(fake.requests)).not.toContain(keys.apiKey);
  });

  it('--testnet points every fapi endpoint at Binance demo trading through ccxt enableDemoTrading, making no request', async () => {
    const ex = await createExchange({ testnet: true });
    const api = ex.urls.api as unknown as Record<string, string>;
    expect(api.fapiPublic).toBe(`${BINANCE_USDM.testnetOrigin}/fapi/v1`);
    expect(api.fapiPrivateV2).toBe(`${BINANCE_USDM.testnetOrigin}/fapi/v2`);
    expect(ex.options.enableDemoTrading).toBe(true);
    expect(ex.isSandboxModeEnabled).toBe(false);
  });

  it('treats the demo-trading origin given as exchange URL like --testnet', async () => {
    const ex = await createExchange({ exchangeUrl: BINANCE_USDM.testnetOrigin });
    expect(ex.options.enableDemoTrading).toBe(true);
  });

  it('refuses --testnet together with another exchange URL (UsageError, exit 2)', async () => {
    await expect(createExchange({ testnet: true, exchangeUrl: fake.url })).rejects.toBeInstanceOf(UsageError);
  });
});
