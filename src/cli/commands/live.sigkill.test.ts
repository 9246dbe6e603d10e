/**
 * Crash-only real mode: `coinbot live --mode real` in a child process against the fake
 * exchange, SIGKILLed at the two worst moments — while the entry order is in flight (sent, the
 * answer lost) and while the stop is in flight — and restarted each time. The exchange must end
 * with exactly one entry order and exactly one bracket (one stop, one take-profit), and the
 * third start must stop cleanly on SIGTERM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance, type RecordedRequest } from '../../../test-support/fake-binance/index.js';
import { childEnv, startLiveChild, type LiveChild } from '../../../test-support/live-child.js';
import { tempDir } from '../../../test-support/temp-dir.js';

const MIN = 60_000;
// With these parameters the candle opening at 00:33 breaks out long (see live.paper.test.ts).
const SIGNAL = Date.UTC(2025, 5, 22, 0, 33);
const ENV = {
  SYMBOL: 'ETH/USDT:USDT',
  ATR_GATE_MULT: '1.0',
  ENTRY_COOLDOWN_S: '600',
  BINANCE_API_KEY: 'fake-api-key-0001',
  BINANCE_API_SECRET: 'fake-api-secret-0001',
};
const FAST = [
  '--poll-ms',
  '50',
  '--retries',
  '1',
  '--retry-base-ms',
  '5',
  '--retry-cap-ms',
  '20',
  '--timeout-ms',
  '2000',
  '--rate-limit-ms',
  '0.001',
  '--startup-retry-s',
  '5',
];

let fake: FakeBinance;
let killOn: ((r: RecordedRequest) => boolean) | null = null;
let victim: LiveChild | null = null;
beforeAll(async () => {
  fake = await startFakeBinance({
    now: SIGNAL,
    onRequest: (r) => {
      // The request is recorded and will be executed by the fake; the client dies before the answer.
      if (killOn !== null && victim !== null && killOn(r)) {
        killOn = null;
        victim.child.kill('SIGKILL');
      }
    },
  });
});
afterAll(async () => {
  await fake.close();
});

describe('coinbot live --mode real: SIGKILL and restart (child process)', () => {
  it('places no duplicate order and leaves exactly one bracket after kills during the entry and during the stop', async () => {
    const dir = tempDir('live-sigkill');
    const start = () =>
      startLiveChild(
        ['live', '--symbol', 'ETH', '--mode', 'real', '--exchange-url', fake.url, '--data-dir', dir, ...FAST],
        childEnv(ENV),
      );

    // 1. Killed while the entry (a market order) is in flight.
    victim = start();
    killOn = (r) => r.method === 'POST' && r.path === '/fapi/v1/order';
    await victim.waitFor((l) => l.event === 'guard' && l.check === 'timeline' && l.tradeFrom === SIGNAL);
    fake.clock.set(SIGNAL + MIN + 2_000); // the signal candle closes: decide, send the entry
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(fake.book.orders).toHaveLength(1);
    const entryId = (fake.book.orders[0] as { clientOrderId: string }).clientOrderId;
    expect(entryId).toMatch(/^cb-ETH-[0-9a-z]+-e$/);

    // 2. The entry fills at the next candle's open while the bot is down. Restarted, the bot
    //    finds it through its outbox, attaches the bracket, and is killed while the stop is in flight.
    fake.clock.set(SIGNAL + 2 * MIN + 30_000);
    victim = start();
    killOn = (r) => r.method === 'POST' && r.path === '/fapi/v1/algoOrder';
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(fake.book.position('ETHUSDT').amount).toBeGreaterThan(0);
    expect(fake.book.openAlgoOrders('ETHUSDT')).toHaveLength(1);

    // 3. Restarted again: the stop is found (not sent twice), the missing take-profit is placed.
    const third = start();
    await third.waitFor((l) => l.event === 'guard' && l.check === 'reconcile');
    const stops = fake.book.algoOrders.filter((o) => o.clientAlgoId === entryId.replace(/-e$/, '-s'));
    const tps = fake.book.orders.filter((o) => o.clientOrderId === entryId.replace(/-e$/, '-t'));
    expect(fake.book.orders.filter((o) => o.clientOrderId === entryId)).toHaveLength(1);
    expect(stops.map((o) => [o.algoStatus, o.orderType, o.side, o.closePosition, o.workingType])).toEqual([
      ['NEW', 'STOP_MARKET', 'SELL', true, 'CONTRACT_PRICE'],
    ]);
    expect(tps.map((o) => [o.status, o.type, o.side, o.reduceOnly])).toEqual([['NEW', 'LIMIT', 'SELL', true]]);
    expect(fake.book.openOrders('ETHUSDT').map((o) => o.clientOrderId)).toEqual([tps[0]?.clientOrderId]);
    expect(fake.book.openAlgoOrders('ETHUSDT')).toHaveLength(1);
    const amount = fake.book.position('ETHUSDT').amount;
    expect(stops[0]?.closePosition).toBe(true); // covers the whole position, whatever its size
    expect(tps[0]?.origQty).toBe(amount);
    expect(fake.requestsTo('/fapi/v1/algoOrder').filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(fake.requestsTo('/fapi/v1/order').filter((r) => r.method === 'POST')).toHaveLength(2);

    third.child.kill('SIGTERM');
    expect(await third.exited).toEqual({ code: 0, signal: null });
  });
});
