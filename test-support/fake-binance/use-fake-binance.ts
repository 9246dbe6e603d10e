/**
 * Test lifecycle of the fake exchange in one call: starts it before the file's (or describe
 * block's) tests, closes it after them, and clears faults and recorded requests before each test.
 * Returns a handle that forwards to the running instance, usable as a plain {@link FakeBinance}.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeBinance, type FakeBinance, type FakeBinanceOptions } from './server.js';

/** Registers the hooks; call at the top level of a test file or inside a `describe`. */
export function useFakeBinance(options?: FakeBinanceOptions): FakeBinance {
  let current: FakeBinance | undefined;
  beforeAll(async () => {
    current = await startFakeBinance(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => {
    current?.clearFaults();
    current?.clearRequests();
  });
  return new Proxy({} as FakeBinance, {
    get(_target, prop) {
      if (current === undefined) throw new Error('the fake exchange is used before beforeAll started it');
      const value = Reflect.get(current, prop, current) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}
