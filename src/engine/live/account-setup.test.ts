/**
 * Real mode's account setup at start-up, with the real ccxt `binanceusdm` against the fake
 * exchange: a refusal is fatal (exit 78, systemd does not restart it), an outage is not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rateLimited, type FakeBinance } from '../../../test-support/fake-binance/index.js';
import { BTC_FACTS, FAST_RETRY, venueOnFake } from '../../../test-support/venue-on-fake.js';
import { ConfigError, TransientError } from '../errors.js';
import { prepareAccount } from './account-setup.js';

const T0 = Date.UTC(2025, 6, 1);
const P = 30_000;
const SETTINGS = { LEVERAGE: 1, MARGIN_TYPE: 'ISOLATED', MAX_DAILY_LOSS_USDT: 0 } as const;
const retry = { policy: FAST_RETRY, hooks: { sleep: async () => undefined } };

let fake: FakeBinance;
afterEach(async () => {
  await fake.close();
});

async function setup() {
  const h = await venueOnFake(T0, { ts: T0, open: P, high: P + 5, low: P - 5, close: P, volume: 1 });
  fake = h.fake;
  return h.ex;
}

describe('prepareAccount', () => {
  it('sets isolated margin and the leverage, and reports the available margin', async () => {
    const ex = await setup();
    const r = await prepareAccount(ex, BTC_FACTS, SETTINGS, 100, retry);
    expect(r).toMatchObject({ marginType: 'ISOLATED', leverage: 1 });
    expect(fake.book.settings('BTCUSDT')).toEqual({ leverage: 1, marginType: 'isolated' });
  });

  it('takes a leverage call whose retries ran out on rate limits (-1003) for an outage (exit 75), not a refusal', async () => {
    const ex = await setup();
    fake.inject('/fapi/v1/leverage', rateLimited(0), { times: Infinity });
    const err = await prepareAccount(ex, BTC_FACTS, SETTINGS, 100, retry).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ exitCode: 75 });
  });

  it('refuses to start (exit 78) with a leverage Binance refuses, naming the setting', async () => {
    const ex = await setup();
    const err = await prepareAccount(ex, BTC_FACTS, { ...SETTINGS, LEVERAGE: 200 }, 100, retry).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/refused leverage 200 .*choose a LEVERAGE/);
  });
});
