import { describe, expect, it } from 'vitest';
import { ConfigError, DataError, TransientError } from '../errors.js';
import {
  errorClassNames,
  ExchangeResponseError,
  isTransient,
  mayCarryRetryAfter,
  shortMessage,
  toHarnessError,
} from './ccxt-errors.js';

const ccxt = await import('ccxt');

describe('ccxt error mapping', () => {
  it.each([
    'RequestTimeout',
    'ExchangeNotAvailable',
    'OnMaintenance',
    'DDoSProtection',
    'RateLimitExceeded',
    'NetworkError',
    'BadResponse',
    'NullResponse',
    'ExchangeError',
  ] as const)('treats ccxt %s as transient (exit 75)', (name) => {
    const e = new ccxt[name]('x');
    expect(isTransient(e)).toBe(true);
    expect(toHarnessError(e, 'op')).toBeInstanceOf(TransientError);
  });

  it.each([
    'AuthenticationError',
    'PermissionDenied',
    'AccountSuspended',
    'BadRequest',
    'BadSymbol',
    'ArgumentsRequired',
    'NotSupported',
  ] as const)('treats ccxt %s as a configuration error (exit 78)', (name) => {
    const e = new ccxt[name]('x');
    expect(isTransient(e)).toBe(false);
    expect(toHarnessError(e, 'op')).toBeInstanceOf(ConfigError);
  });

  it('sees the ccxt class chain of an error', () => {
    expect(errorClassNames(new ccxt.RequestTimeout('x')).slice(0, 3)).toEqual([
      'RequestTimeout',
      'NetworkError',
      'OperationFailed',
    ]);
  });

  it('looks for Retry-After on 429/418 (DDoSProtection, RateLimitExceeded) and 5xx (ExchangeNotAvailable) only', () => {
    expect(mayCarryRetryAfter(new ccxt.DDoSProtection('x'))).toBe(true);
    expect(mayCarryRetryAfter(new ccxt.RateLimitExceeded('x'))).toBe(true);
    expect(mayCarryRetryAfter(new ccxt.ExchangeNotAvailable('x'))).toBe(true);
    expect(mayCarryRetryAfter(new ccxt.RequestTimeout('x'))).toBe(false);
  });

  it('treats a garbled answer as transient and coinbot errors by their own class', () => {
    expect(isTransient(new ExchangeResponseError('x'))).toBe(true);
    expect(isTransient(new DataError('x'))).toBe(false);
    expect(isTransient(new TransientError('x'))).toBe(true);
  });

  it('leaves a bug unmapped', () => {
    const bug = new TypeError('x');
    expect(toHarnessError(bug, 'op')).toBe(bug);
  });

  it('shortens a message to one line', () => {
    expect(shortMessage(new Error('a\n  b'), 240)).toBe('a b');
    expect(shortMessage(new Error('x'.repeat(300)), 20)).toHaveLength(20);
  });
});
