import { describe, expect, it } from 'vitest';
import { TransientError } from '../errors.js';
import { recordBan } from './exchange-ban.js';
import { withStartupRetry, type StartupBan } from './startup-retry.js';

/** A clock whose sleeps advance time at once and are recorded. */
function fakeClock(start = 10_000_000) {
  let t = start;
  const waits: number[] = [];
  return {
    waits,
    local: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

/** A TransientError whose cause is a 418 the gate recorded until `untilMs`. */
function bannedError(untilMs: number): TransientError {
  const ccxtError = new Error('binanceusdm 418 I am a teapot {"code":-1003}');
  recordBan(ccxtError, { status: 418, retryAfterMs: 600_000, untilMs, path: '/fapi/v1/exchangeInfo' });
  return new TransientError('load markets: banned', { cause: ccxtError });
}

describe('withStartupRetry', () => {
  it('sleeps through a ban longer than the start-up budget and tells onBan, instead of failing with exit 75', async () => {
    const clock = fakeClock();
    const bans: StartupBan[] = [];
    let calls = 0;
    const out = await withStartupRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw bannedError(clock.local() + 600_000);
        return 'started';
      },
      { budgetMs: 120_000, clock, onBan: (b) => bans.push(b) },
    );
    expect(out).toBe('started');
    expect(clock.waits).toEqual([600_000]);
    expect(bans.map((b) => b.waitMs)).toEqual([600_000]);
  });

  it('reads the ban from the exchange gate when the error does not carry it', async () => {
    const clock = fakeClock();
    const until = clock.local() + 300_000;
    let calls = 0;
    const out = await withStartupRetry(
      async () => {
        if (++calls === 1) throw new TransientError('sync: 429');
        return 1;
      },
      { budgetMs: 1_000, clock, bannedUntilMs: () => (clock.local() < until ? until : undefined) },
    );
    expect(out).toBe(1);
    expect(clock.waits).toEqual([300_000]);
  });

  it('starts the budget afresh after a ban', async () => {
    const clock = fakeClock();
    let calls = 0;
    const out = await withStartupRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw bannedError(clock.local() + 600_000);
        if (calls === 2) throw new TransientError('503');
        return 'ok';
      },
      { budgetMs: 5_000, clock, baseDelayMs: 1_000 },
    );
    expect(out).toBe('ok');
    expect(clock.waits).toEqual([600_000, 2_000]);
  });

  it('keeps the budget for other transient failures: backs off, then rethrows the last error', async () => {
    const clock = fakeClock();
    const err = new TransientError('exchange unreachable');
    await expect(
      withStartupRetry(
        async () => {
          throw err;
        },
        { budgetMs: 5_000, clock, baseDelayMs: 1_000, maxDelayMs: 30_000 },
      ),
    ).rejects.toBe(err);
    expect(clock.waits).toEqual([1_000, 2_000, 2_000]);
  });

  it('returns null when the signal aborts during a ban', async () => {
    const clock = fakeClock();
    const ac = new AbortController();
    const out = await withStartupRetry(
      async () => {
        throw bannedError(clock.local() + 600_000);
      },
      {
        budgetMs: 1_000,
        signal: ac.signal,
        clock: { local: clock.local, sleep: async () => ac.abort() },
      },
    );
    expect(out).toBeNull();
  });

  it('does not retry configuration errors or bugs', async () => {
    const clock = fakeClock();
    const bug = new TypeError('x is undefined');
    await expect(
      withStartupRetry(
        async () => {
          throw bug;
        },
        { budgetMs: 5_000, clock },
      ),
    ).rejects.toBe(bug);
    expect(clock.waits).toEqual([]);
  });
});
