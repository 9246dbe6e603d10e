/**
 * A CcxtVenue on the real ccxt `binanceusdm` against a fresh loopback fake exchange, for venue
 * tests: BTC market facts from the committed capture, instant retries, the venue's clock on the
 * fake's, and candles the test closes one by one.
 */
import { readFileSync } from 'node:fs';
import { seriesFromCandles } from '../src/engine/data/candle-series.js';
import { parseExchangeInfo } from '../src/engine/data/market-facts-store.js';
import { CcxtVenue, type CcxtVenueOptions, type CcxtVenueSnapshot } from '../src/engine/live/ccxt-venue.js';
import { createExchange } from '../src/engine/exchange/exchange-factory.js';
import type { BinanceRest } from '../src/engine/exchange/binance-orders.js';
import type { AlertKind } from '../src/engine/live/protection.js';
import type { OrderRequest } from '../src/engine/ports/venue.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import type { Candle, MarketFacts } from '../src/engine/types.js';
import {
  FakeMarketData,
  startFakeBinance,
  SUBSET_EXCHANGE_INFO,
  type FakeBinance,
  type HarshBehaviours,
} from './fake-binance/index.js';

const BTC = normaliseSymbol('BTC');
/** BTC/USDT:USDT facts of the committed exchangeInfo capture. */
export const BTC_FACTS = parseExchangeInfo(JSON.parse(readFileSync(SUBSET_EXCHANGE_INFO, 'utf8')), 'subset').find(
  (f) => f.symbol === BTC,
) as MarketFacts;
/** Retries in a few ms (3 tries). */
export const FAST_RETRY = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10_000 };

/** What {@link venueOnFake} returns. */
export interface VenueOnFake {
  readonly fake: FakeBinance;
  /** The ccxt `binanceusdm` the venues use (for code that takes the exchange itself). */
  readonly ex: BinanceRest;
  /** A venue restored from `snap` and `outbox` (default: empty). */
  venue(snap?: CcxtVenueSnapshot, outbox?: OrderRequest[], o?: CcxtVenueOptions): CcxtVenue;
  /** Candle `c` closes on the fake; its clock then stands `afterMs` past the close. */
  advance(c: Candle, afterMs?: number): void;
  /** Every alert the venues raised, in order. */
  readonly alerts: [AlertKind, string][];
}

/** Starts a fake at `t0` with `first` closed, and a ccxt exchange on it. Close `fake` after the test. */
export async function venueOnFake(
  t0: number,
  first: Candle,
  harsh: Partial<HarshBehaviours> = {},
): Promise<VenueOnFake> {
  const data = new FakeMarketData();
  const fake = await startFakeBinance({ data, now: t0, harsh });
  const ex = await createExchange({
    exchangeUrl: fake.url,
    keys: { apiKey: 'fake-api-key-0001', secret: 'fake-api-secret-0001', source: 'env' },
    rateLimitMs: 0.001,
    timeoutMs: 1_000,
  });
  await ex.loadMarkets();
  const candles: Candle[] = [];
  const alerts: [AlertKind, string][] = [];
  const advance = (c: Candle, afterMs = 0) => {
    candles.push(c);
    data.setCandles(seriesFromCandles(BTC, '1m', candles));
    fake.clock.set(c.ts + 60_000 + afterMs);
  };
  advance(first);
  const venue = (snap?: CcxtVenueSnapshot, outbox: OrderRequest[] = [], o: CcxtVenueOptions = {}) =>
    CcxtVenue.restore(ex, BTC_FACTS, snap, outbox, {
      retry: FAST_RETRY,
      hooks: { sleep: async () => undefined },
      now: () => fake.clock.now(),
      alert: (k, t) => alerts.push([k, t]),
      ...o,
    });
  return { fake, ex, venue, advance, alerts };
}
