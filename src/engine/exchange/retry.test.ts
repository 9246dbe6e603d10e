import { describe, expect, it } from 'vitest';
import { ConfigError, TransientError } from '../errors.js';
import { ExchangeResponseError } from './ccxt-errors.js';
import {
  backoffDelay,
  headerValue,
  parseRetryAfter,
  retryAfterFromExchange,
  withRetry,
  type RetryPolicy,
} from './retry.js';

const policy: RetryPolicy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 300, maxRetryAfterMs: 10_000 };

/** A sleep that records the waits instead of waiting. */
function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** A function failing `n` times with `err`, then returning 'ok'. */
function failing(n: number, err: () => unknown) {
  let calls = 0;
  const fn = async () => {
    calls += 1;
    if (calls <= n) throw err();
    return 'ok';
  };
  return { fn, calls: () => calls };
}

class NetworkError extends Error {}
class RequestTimeout extends NetworkError {}
class DDoSProtection extends NetworkError {}
class ExchangeError extends Error {}
class AuthenticationError extends ExchangeError {}

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy))).toEqual([100, 200, 300, 300, 300]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds as ms', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(' 0.5 ')).toBe(500);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.UTC(2025, 5, 20, 0, 0, 0);
    expect(parseRetryAfter('Fri, 20 Jun 2025 00:00:10 GMT', now)).toBe(10_000);
  });
  it('returns undefined when absent or unreadable', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('headerValue', () => {
  it('finds a header whatever its case', () => {
    expect(headerValue({ 'Retry-After': '2' }, 'retry-after')).toBe('2');
    expect(headerValue({ 'retry-after': ['4'] }, 'Retry-After')).toBe('4');
    expect(headerValue(undefined, 'Retry-After')).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('returns at once when the first try succeeds', async () => {
    const r = recorder();
    expect(await withRetry('x', async () => 1, policy, { sleep: r.sleep })).toBe(1);
    expect(r.waits).toEqual([]);
  });

  it('retries transient errors with capped exponential backoff until success', async () => {
    const r = recorder();
    const f = failing(4, () => new RequestTimeout('timed out'));
    expect(await withRetry('x', f.fn, policy, { sleep: r.sleep })).toBe('ok');
    expect(r.waits).toEqual([100, 200, 300, 300]);
    expect(f.calls()).toBe(5);
  });

  it('waits at least Retry-After when the exchange sends one', async () => {
    const r = recorder();
    const f = failing(1, () => new DDoSProtection('429'));
    await withRetry('x', f.fn, policy, { sleep: r.sleep, retryAfterMs: () => 2_000 });
    expect(r.waits).toEqual([2_000]);
  });

  it('gives up at once when Retry-After exceeds the policy (a long IP ban)', async () => {
    const r = recorder();
    const f = failing(1, () => new DDoSProtection('418 banned'));
    const err = await withRetry('GET /fapi/v1/klines', f.fn, policy, {
      sleep: r.sleep,
      retryAfterMs: () => 3_600_000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).exitCode).toBe(75);
    expect((err as Error).message).toMatch(/asks to wait 3600 s/);
    expect(r.waits).toEqual([]);
  });

  it('ends in a one-line TransientError (exit 75) naming the operation when tries run out', async () => {
    const r = recorder();
    const f = failing(99, () => new ExchangeResponseError('klines: expected a JSON array,\ngot text'));
    const err = await withRetry('GET /fapi/v1/klines ETHUSDT', f.fn, policy, { sleep: r.sleep }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toMatch(
      /^GET \/fapi\/v1\/klines ETHUSDT: failed 5 times, last: klines: expected a JSON array, got text; .*rerun later$/,
    );
    expect((err as Error).message).not.toContain('\n');
    expect(f.calls()).toBe(5);
    expect(r.waits).toHaveLength(4);
  });

  it('does not retry an error a retry cannot fix and maps it to ConfigError (exit 78)', async () => {
    const r = recorder();
    const f = failing(1, () => new AuthenticationError('Invalid API-key'));
    const err = await withRetry('x', f.fn, policy, { sleep: r.sleep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(f.calls()).toBe(1);
  });

  it('passes a bug (a plain TypeError) through unchanged', async () => {
    const err = await withRetry(
      'x',
      async () => {
        throw new TypeError('boom');
      },
      policy,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
  });

  it('reports each retry to onRetry', async () => {
    const seen: number[] = [];
    const f = failing(2, () => new RequestTimeout('t'));
    await withRetry('x', f.fn, policy, { sleep: async () => undefined, onRetry: (e) => seen.push(e.attempt) });
    expect(seen).toEqual([1, 2]);
  });
});

describe('retryAfterFromExchange', () => {
  it('reads Retry-After of the last response for 429/418-style errors only', () => {
    const ex = { last_response_headers: { 'Retry-After': '7' } };
    expect(retryAfterFromExchange(ex)(new DDoSProtection('429'))).toBe(7_000);
    expect(retryAfterFromExchange(ex)(new RequestTimeout('t'))).toBeUndefined();
  });
});

describe('retryAfterFromExchange with the exchange gate', () => {
  it('prefers the Retry-After the gate recorded for this error over a later response header', async () => {
    const { recordBan } = await import('./exchange-ban.js');
    const err = new DDoSProtection('binanceusdm 418 teapot');
    recordBan(err, { status: 418, retryAfterMs: 7_000, untilMs: 7_000, path: '/fapi/v1/klines' });
    const read = retryAfterFromExchange({ last_response_headers: { 'Retry-After': '1' } });
    expect(read(new TransientError('wrapped', { cause: err }))).toBe(7_000);
  });
});
