/**
 * Maps ccxt's error classes onto coinbot's taxonomy without importing ccxt (which is loaded
 * lazily): errors are recognised by the class names on their prototype chain.
 *
 * | ccxt class (and subclasses) | coinbot | why |
 * |---|---|---|
 * | `NetworkError` (RequestTimeout, ExchangeNotAvailable, OnMaintenance, DDoSProtection, RateLimitExceeded, InvalidNonce) | transient, exit 75 | the network or the exchange may recover |
 * | `OperationFailed` (BadResponse, NullResponse) and {@link ExchangeResponseError} | transient, exit 75 | a garbled answer (proxy page, truncated JSON) |
 * | `AuthenticationError` (PermissionDenied, AccountSuspended), `BadRequest` (BadSymbol), `ArgumentsRequired`, `NotSupported`, `InvalidProxySettings`, `RestrictedLocation` | config, exit 78 | a restart cannot fix it |
 * | any other `ExchangeError` | transient, exit 75 | unknown exchange-side failure; systemd's start limit bounds the retries |
 * | anything else | not mapped | a bug in coinbot (exit 70) |
 */
import { ConfigError, HarnessError, TransientError } from '../errors.js';

/**
 * The exchange answered, but not with what the endpoint promises (e.g. a string instead of an
 * array after a proxy or a truncated body). Treated as transient.
 */
export class ExchangeResponseError extends TransientError {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeResponseError';
  }
}

/** Class names on the prototype chain of `e`, most specific first (e.g. `['RequestTimeout', 'NetworkError', ...]`). */
export function errorClassNames(e: unknown): string[] {
  const names: string[] = [];
  let p: unknown = typeof e === 'object' && e !== null ? Object.getPrototypeOf(e) : undefined;
  while (p !== null && p !== undefined && p !== Object.prototype) {
    const ctor = (p as { constructor?: { name?: string } }).constructor;
    if (ctor?.name) names.push(ctor.name);
    p = Object.getPrototypeOf(p);
  }
  return names;
}

const CONFIG_CLASSES = [
  'AuthenticationError',
  'BadRequest',
  'ArgumentsRequired',
  'NotSupported',
  'InvalidProxySettings',
  'RestrictedLocation',
];

/** True for failures that may pass on retry (see the table above). */
export function isTransient(e: unknown): boolean {
  if (e instanceof TransientError || e instanceof ExchangeResponseError) return true;
  if (e instanceof HarnessError) return false;
  const names = errorClassNames(e);
  if (names.includes('NetworkError') || names.includes('OperationFailed')) return true;
  return names.includes('ExchangeError') && !names.some((n) => CONFIG_CLASSES.includes(n));
}

/** True for ccxt errors a restart cannot fix (bad keys, bad request, unknown symbol). */
export function isConfigFailure(e: unknown): boolean {
  if (e instanceof ConfigError) return true;
  return errorClassNames(e).some((n) => CONFIG_CLASSES.includes(n));
}

/** True when the error is an HTTP 429/418 or 5xx-style refusal that may carry `Retry-After`. */
export function mayCarryRetryAfter(e: unknown): boolean {
  const names = errorClassNames(e);
  return (
    names.includes('DDoSProtection') || names.includes('RateLimitExceeded') || names.includes('ExchangeNotAvailable')
  );
}

/** One line of an error's message, at most `max` characters (ccxt appends whole response bodies). */
export function shortMessage(e: unknown, max = 240): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Converts an error thrown while talking to the exchange into a {@link HarnessError}, naming
 * `what` was being done. HarnessErrors pass through; unknown errors (bugs) are returned unchanged.
 */
export function toHarnessError(e: unknown, what: string): unknown {
  if (e instanceof HarnessError) return e;
  if (isConfigFailure(e)) {
    return new ConfigError(
      `${what}: the exchange refused the request (${shortMessage(e)}); check the API keys, their permissions and the symbol`,
      { cause: e },
    );
  }
  if (isTransient(e)) {
    return new TransientError(`${what}: ${shortMessage(e)}; the exchange or the network is failing: retry later`, {
      cause: e,
    });
  }
  return e;
}
