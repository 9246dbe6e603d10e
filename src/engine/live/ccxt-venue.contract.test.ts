/**
 * CcxtVenue against the shared Venue contract: the real ccxt `binanceusdm` talking to the
 * loopback fake exchange, whose matching engine settles each candle the harness appends.
 */
import { readFileSync } from 'node:fs';
import { FakeMarketData, startFakeBinance, SUBSET_EXCHANGE_INFO } from '../../../test-support/fake-binance/index.js';
import { seriesFromCandles } from '../data/candle-series.js';
import { parseExchangeInfo } from '../data/market-facts-store.js';
import { runVenueContract } from '../ports/venue.contract.js';
import { normaliseSymbol } from '../symbols.js';
import type { Candle, MarketFacts } from '../types.js';
import { CcxtVenue } from './ccxt-venue.js';
import { createExchange } from '../exchange/exchange-factory.js';

const BTC = normaliseSymbol('BTC');
const FACTS = parseExchangeInfo(JSON.parse(readFileSync(SUBSET_EXCHANGE_INFO, 'utf8')), 'subset').find(
  (f) => f.symbol === BTC,
) as MarketFacts;
const FAST = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10_000 };

runVenueContract('CcxtVenue (ccxt binanceusdm against the fake exchange)', async () => {
  const data = new FakeMarketData();
  const fake = await startFakeBinance({ data, now: Date.UTC(2025, 5, 1) });
  const ex = await createExchange({
    exchangeUrl: fake.url,
    keys: { apiKey: 'fake-api-key-0001', secret: 'fake-api-secret-0001', source: 'env' },
    rateLimitMs: 1,
    timeoutMs: 2_000,
  });
  await ex.loadMarkets();
  const venue = new CcxtVenue(ex, FACTS, { retry: FAST });
  const candles: Candle[] = [];
  return {
    venue,
    facts: FACTS,
    advance: async (c) => {
      candles.push(c);
      data.setCandles(seriesFromCandles(BTC, '1m', candles));
      fake.clock.set(c.ts + 60_000);
      await venue.sync();
    },
    close: () => fake.close(),
  };
});
