/**
 * Real mode in-process against the fake exchange's matching engine, in accelerated time:
 * brackets on the exchange (stop through the Algo Order API), no orphan legs, no duplicate
 * orders when signed endpoints fail during the loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  lostAnswer,
  rateLimited,
  serverError,
  startFakeBinance,
  type FakeBinance,
} from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { tempDir } from '../../../test-support/temp-dir.js';

const MIN = 60_000;
const S = Date.UTC(2025, 5, 22, 0, 30);
const PARAMS = 'SYMBOL=ETH/USDT:USDT\nATR_GATE_MULT=1.0\nENTRY_COOLDOWN_S=600\n';

// A fresh exchange (empty account) per test: client ids repeat when the same minutes are replayed.
let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(async () => {
  await fake.close();
});

function checkBook(f: FakeBinance) {
  const ids = f.book.orders.map((o) => o.clientOrderId);
  const algoIds = f.book.algoOrders.map((o) => o.clientAlgoId);
  // A triggered stop's market order carries the stop's id: count placements per API.
  const placed = ids.filter((id) => !algoIds.includes(id));
  expect(new Set(placed).size).toBe(placed.length);
  expect(new Set(algoIds).size).toBe(algoIds.length);
  const entries = placed.filter((id) => id.endsWith('-e'));
  const filled = entries.filter((id) => f.book.orders.find((o) => o.clientOrderId === id)?.status === 'FILLED');
  for (const id of filled) {
    expect(algoIds).toContain(id.replace(/-e$/, '-s'));
    expect(placed).toContain(id.replace(/-e$/, '-t'));
  }
  if (f.book.position('ETHUSDT').amount === 0) {
    expect(f.book.openAlgoOrders('ETHUSDT')).toEqual([]);
    expect(f.book.openOrders('ETHUSDT').filter((o) => o.reduceOnly)).toEqual([]);
  }
  return { entries, filled };
}

describe('coinbot live --mode real against the fake matching engine (in-process)', () => {
  it('protects every filled entry with one exchange-side stop and take-profit and leaves no orphan leg', async () => {
    const run = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-real'),
      params: PARAMS,
      start: S,
      stopAt: S + 150 * MIN,
      mode: 'real',
    });
    const { filled } = checkBook(fake);
    expect(filled.length).toBeGreaterThanOrEqual(3);
    expect(run.fills.filter((f) => f.reduceOnly).length).toBeGreaterThanOrEqual(2);
    expect(fake.requestsTo('/fapi/v1/marginType')).toHaveLength(1);
    expect(fake.requestsTo('/fapi/v1/leverage')).toHaveLength(1);
    expect(fake.book.settings('ETHUSDT')).toEqual({ leverage: 1, marginType: 'isolated' });
  });

  it('survives 429, 5xx and lost answers on signed endpoints during the loop without a duplicate order', async () => {
    const later = () => fake.clock.now() >= S + 20 * MIN;
    fake.inject('/fapi/v2/positionRisk', serverError(503), { times: 7, when: later }); // more than one call's retries: the sync waits it out
    fake.inject('/fapi/v1/openOrders', rateLimited(1), { times: 2, when: later });
    fake.inject('/fapi/v1/order', lostAnswer(), { times: 2, when: later });
    fake.inject('/fapi/v1/algoOrder', serverError(502), { times: 1, when: later });
    const run = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-real-faults'),
      params: PARAMS,
      start: S,
      stopAt: S + 150 * MIN,
      mode: 'real',
    });
    expect(fake.requests.filter((r) => r.fault !== undefined)).toHaveLength(12);
    const { filled } = checkBook(fake);
    expect(filled.length).toBeGreaterThanOrEqual(3);
    expect(run.lines.filter((l) => l.event === 'retry').length).toBeGreaterThanOrEqual(5);
    expect(run.lines.some((l) => l.event === 'fatal')).toBe(false);
  });

  it('gives a position found at start-up its stop before a refused account setting can stop the bot (exit 78)', async () => {
    // A long the saved state does not know (state lost), and a MARGIN_TYPE that Binance cannot
    // switch to while the position exists (-4048): either is fatal, but the position is first
    // given its emergency stop. The account used to be set before the position was looked at:
    // the -4048 then stopped the bot with the position unprotected.
    fake.clock.set(S);
    fake.setHarsh({ marketFillOnArrival: true });
    const p = { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: 0.01, price: 0, reduceOnly: false } as const;
    fake.book.placeOrder({ ...p, clientOrderId: 'manual-1' }, S);
    expect(fake.book.position('ETHUSDT').amount).toBeCloseTo(0.01, 9);
    const err = await runLiveInProcess({
      fake,
      dataDir: tempDir('live-real-unexplained'),
      params: PARAMS, // MARGIN_TYPE ISOLATED; the fake's account is in cross margin
      start: S,
      stopAt: S + 5 * MIN,
      mode: 'real',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 78 });
    expect(fake.book.openAlgoOrders('ETHUSDT')).toMatchObject([
      { orderType: 'STOP_MARKET', side: 'SELL', closePosition: true },
    ]);
  });
});
