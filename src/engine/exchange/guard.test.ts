import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  hang,
  malformed,
  serverError,
  startFakeBinance,
  SUBSET_EXCHANGE_INFO,
  useFakeBinance,
} from '../../../test-support/fake-binance/index.js';
import { skipWithoutSharedData } from '../../../test-support/repo-paths.js';
import { HarnessError } from '../errors.js';
import type { PerpSymbol } from '../symbols.js';
import { createExchange, rewriteApiUrls } from './exchange-factory.js';
import { checkExchangeClass, runStartupGuard, type GuardExchange, type GuardMarket } from './guard.js';
import {
  MarketIdMissingError,
  MarketsUnavailableError,
  NotLinearMarketError,
  NotPerpetualError,
  NotSwapMarketError,
  SymbolNotListedError,
  WrongDefaultTypeError,
  WrongExchangeClassError,
  WrongSettleCurrencyError,
  type GuardCheck,
} from './guard-errors.js';
import type { RetryPolicy } from './retry.js';

const ETH = 'ETH/USDT:USDT' as PerpSymbol;
const fast: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1_000 };
const GOOD: GuardMarket = {
  id: 'ETHUSDT',
  type: 'swap',
  swap: true,
  linear: true,
  settle: 'USDT',
  contract: true,
  expiry: undefined,
  info: { contractType: 'PERPETUAL' },
};

/** A duck-typed exchange that passes every check unless one field is overridden. */
function stub(
  over: {
    id?: string;
    defaultType?: unknown;
    market?: Partial<GuardMarket>;
    markets?: Record<string, unknown>;
    load?: () => Promise<void>;
  } = {},
) {
  let loads = 0;
  const markets = over.markets ?? { [ETH]: {}, 'BTC/USDT:USDT': {} };
  const ex: GuardExchange & { loads: () => number } = {
    id: over.id ?? 'binanceusdm',
    options: { defaultType: 'defaultType' in over ? over.defaultType : 'swap' },
    markets,
    loadMarkets: async () => {
      loads += 1;
      await over.load?.();
    },
    market: () => ({ ...GOOD, ...over.market }),
    loads: () => loads,
  };
  return ex;
}

async function failure(p: Promise<unknown>): Promise<HarnessError & { check: GuardCheck }> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof HarnessError)) throw new Error(`expected a guard error, got ${String(e)}`);
  return e as HarnessError & { check: GuardCheck };
}

describe('start-up guard, one check at a time', () => {
  it('passes an exchange that satisfies every check', async () => {
    expect(await runStartupGuard(stub(), [ETH], { retry: fast })).toEqual([{ symbol: ETH, id: 'ETHUSDT' }]);
  });

  it.each([
    ['exchange-class', { id: 'binance' }, WrongExchangeClassError, 78, /exchange is ccxt 'binance', not 'binanceusdm'/],
    ['default-type', { defaultType: 'spot' }, WrongDefaultTypeError, 78, /defaultType is 'spot', not a futures type/],
    [
      'symbol-listed',
      { markets: { 'BTC/USDT:USDT': {} } },
      SymbolNotListedError,
      78,
      /ETH\/USDT:USDT is not listed on Binance USDT-M \(1 markets loaded\)/,
    ],
    ['market-id', { market: { id: undefined } }, MarketIdMissingError, 78, /market\(symbol\)\.id is missing/],
    ['swap-market', { market: { type: 'spot', swap: false } }, NotSwapMarketError, 78, /'spot' market, not a swap/],
    ['linear', { market: { linear: false } }, NotLinearMarketError, 78, /not a linear contract/],
    ['usdt-settled', { market: { settle: 'USDC' } }, WrongSettleCurrencyError, 78, /settles in USDC, not USDT/],
    [
      'perpetual',
      { market: { expiry: 1766736000000 } },
      NotPerpetualError,
      78,
      /not a perpetual \(expiry 1766736000000\)/,
    ],
  ] as const)('fails check %s alone with its own error, code and message', async (check, over, cls, code, msg) => {
    const e = await failure(runStartupGuard(stub(over as never), [ETH], { retry: fast }));
    expect(e).toBeInstanceOf(cls);
    expect(e.check).toBe(check);
    expect(e.exitCode).toBe(code);
    expect(e.message).toMatch(new RegExp(`^guard ${check}: `));
    expect(e.message).toMatch(msg);
    expect(e.message).not.toContain('\n');
  });

  it('fails the perpetual check on a Binance contract type other than PERPETUAL', async () => {
    const e = await failure(
      runStartupGuard(stub({ market: { info: { contractType: 'CURRENT_QUARTER' } } }), [ETH], { retry: fast }),
    );
    expect(e).toBeInstanceOf(NotPerpetualError);
    expect(e.message).toContain('Binance contractType CURRENT_QUARTER');
  });

  it('fails markets-loaded with exit 75 when loading keeps failing', async () => {
    class RequestTimeout extends Error {}
    const ex = stub({
      load: async () =>
        Promise.reject(new RequestTimeout('binanceusdm GET /fapi/v1/exchangeInfo request timed out (10000 ms)')),
    });
    const e = await failure(runStartupGuard(ex, [ETH], { retry: fast }));
    expect(e).toBeInstanceOf(MarketsUnavailableError);
    expect([e.check, e.exitCode]).toEqual(['markets-loaded', 75]);
    expect(e.message).toMatch(/^guard markets-loaded: could not load markets: .*timed out/);
    expect(ex.loads()).toBe(3);
  });

  it('fails markets-loaded with exit 75 when the exchange answers without markets', async () => {
    const e = await failure(runStartupGuard(stub({ markets: {} }), [ETH], { retry: fast }));
    expect([e.check, e.exitCode]).toEqual(['markets-loaded', 75]);
    expect(e.message).toContain('without any market');
  });

  it('checks class and default type before loading markets', async () => {
    for (const over of [{ id: 'binance' }, { defaultType: 'margin' }]) {
      const ex = stub(over);
      await failure(runStartupGuard(ex, [ETH], { retry: fast }));
      expect(ex.loads()).toBe(0);
    }
  });

  it("accepts the older futures name 'future' for the default type", () => {
    expect(() => checkExchangeClass(stub({ defaultType: 'future' }))).not.toThrow();
  });

  it('suggests the closest listed symbol', async () => {
    const e = await failure(runStartupGuard(stub(), ['ETHH/USDT:USDT' as PerpSymbol], { retry: fast }));
    expect(e.message).toContain('did you mean ETH/USDT:USDT?');
  });
});

describe('start-up guard with the real ccxt against the fake exchange', () => {
  const fake = useFakeBinance();

  it('stops the incident (spot ccxt.binance with a futures symbol) before any request', async () => {
    const ccxt = await import('ccxt');
    const spot = new ccxt.binance();
    spot.urls = { ...spot.urls, api: rewriteApiUrls(spot.urls.api, fake.url) };
    const e = await failure(runStartupGuard(spot, [ETH], { retry: fast }));
    expect(e).toBeInstanceOf(WrongExchangeClassError);
    expect(e.exitCode).toBe(78);
    expect(e.message).toContain("exchange is ccxt 'binance', not 'binanceusdm'");
    expect(fake.requests).toHaveLength(0);
  });

  it('passes binanceusdm for BTC, ETH and SOL with one exchangeInfo request', async () => {
    const ex = await createExchange({ exchangeUrl: fake.url });
    const got = await runStartupGuard(ex, ['BTC/USDT:USDT', 'ETH/USDT:USDT', 'SOL/USDT:USDT'] as PerpSymbol[], {
      retry: fast,
    });
    expect(got.map((m) => m.id)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(fake.paths()).toEqual(['/fapi/v1/exchangeInfo']);
  });

  it("passes binanceusdm configured with the older defaultType 'future'", async () => {
    const ex = await createExchange({ exchangeUrl: fake.url });
    ex.options.defaultType = 'future';
    expect(await runStartupGuard(ex, [ETH], { retry: fast })).toHaveLength(1);
  });

  it('refuses a symbol the exchange does not list (exit 78)', async () => {
    const ex = await createExchange({ exchangeUrl: fake.url });
    const e = await failure(runStartupGuard(ex, ['DOGE/USDT:USDT' as PerpSymbol], { retry: fast }));
    expect(e).toBeInstanceOf(SymbolNotListedError);
  });

  it('refuses a dated future listed by exchangeInfo (exit 78)', async () => {
    const doc = JSON.parse(readFileSync(SUBSET_EXCHANGE_INFO, 'utf8')) as { symbols: Record<string, unknown>[] };
    const btc = doc.symbols.find((s) => s.symbol === 'BTCUSDT') as Record<string, unknown>;
    doc.symbols.push({
      ...btc,
      symbol: 'BTCUSDT_251226',
      pair: 'BTCUSDT',
      contractType: 'CURRENT_QUARTER',
      deliveryDate: 1766736000000,
    });
    const dated = await startFakeBinance({ exchangeInfo: doc });
    try {
      const ex = await createExchange({ exchangeUrl: dated.url });
      const e = await failure(runStartupGuard(ex, ['BTC/USDT:USDT-251226' as PerpSymbol], { retry: fast }));
      expect(e).toBeInstanceOf(NotSwapMarketError);
      expect(e.message).toContain("'future' market, not a swap");
    } finally {
      await dated.close();
    }
  });

  it('passes on the full 647-symbol exchangeInfo capture when ../shared/data is present', async (ctx) => {
    if (skipWithoutSharedData('guard on the full exchangeInfo capture')) return ctx.skip();
    const full = await startFakeBinance({ exchangeInfo: 'full' });
    try {
      const ex = await createExchange({ exchangeUrl: full.url });
      expect((await runStartupGuard(ex, [ETH], { retry: fast }))[0]?.id).toBe('ETHUSDT');
      expect(Object.keys(ex.markets ?? {}).length).toBeGreaterThan(500);
      const dated = Object.keys(ex.markets ?? {}).find((s) => /^BTC\/USDT:USDT-\d{6}$/.test(s));
      expect(dated).toBeDefined();
      await expect(runStartupGuard(ex, [dated as PerpSymbol], { retry: fast })).rejects.toBeInstanceOf(
        NotSwapMarketError,
      );
    } finally {
      await full.close();
    }
  });

  it('retries a 503 on exchangeInfo and then passes', async () => {
    fake.inject('/fapi/v1/exchangeInfo', serverError(503));
    const ex = await createExchange({ exchangeUrl: fake.url });
    expect(await runStartupGuard(ex, [ETH], { retry: fast })).toHaveLength(1);
    expect(fake.requestsTo('/fapi/v1/exchangeInfo')).toHaveLength(2);
  });

  it.each([
    ['5xx', () => serverError(502)],
    ['a timeout', () => hang()],
    ['malformed JSON', () => malformed()],
  ])('exits 75 with one line when loading markets keeps failing with %s', async (_what, fault) => {
    fake.inject('/fapi/v1/exchangeInfo', fault(), { times: Infinity });
    const ex = await createExchange({ exchangeUrl: fake.url, timeoutMs: 150 });
    const e = await failure(runStartupGuard(ex, [ETH], { retry: fast }));
    expect(e).toBeInstanceOf(MarketsUnavailableError);
    expect(e.exitCode).toBe(75);
    expect(e.message).not.toContain('\n');
    expect(fake.requestsTo('/fapi/v1/exchangeInfo')).toHaveLength(3);
  });
});
