/**
 * The network options shared by the commands that talk to the exchange (`fetch`, `live`):
 * retries with exponential backoff, per-request timeout and ccxt's rate-limiter unit, in one
 * "Network:" group, and the retry policy they describe.
 */
import type { Argv } from 'yargs';
import { DEFAULT_RETRY, type RetryPolicy } from '../engine/exchange/retry.js';

/** The parsed network options. */
export interface NetworkArgs {
  retries: number;
  'retry-base-ms': number;
  'retry-cap-ms': number;
  'timeout-ms': number;
  'rate-limit-ms'?: number;
}

/** Adds the network options to a command's builder. */
export function withNetworkOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('retries', {
      type: 'number',
      default: DEFAULT_RETRY.attempts - 1,
      group: 'Network:',
      describe: 'retries of a failing request',
    })
    .option('retry-base-ms', {
      type: 'number',
      default: DEFAULT_RETRY.baseDelayMs,
      group: 'Network:',
      describe: 'first backoff; doubles each retry',
    })
    .option('retry-cap-ms', {
      type: 'number',
      default: DEFAULT_RETRY.maxDelayMs,
      group: 'Network:',
      describe: 'longest backoff (Retry-After is still honoured)',
    })
    .option('timeout-ms', { type: 'number', default: 10_000, group: 'Network:', describe: 'per-request timeout' })
    .option('rate-limit-ms', {
      type: 'number',
      group: 'Network:',
      describe: "ccxt rate limiter unit per weight point (default ccxt's 50)",
    }) as unknown as Argv<T>;
}

/** The retry policy the options describe (attempts = retries + 1, at least 1). */
export function retryPolicyOf(args: NetworkArgs): RetryPolicy {
  return {
    ...DEFAULT_RETRY,
    attempts: Math.max(1, args.retries + 1),
    baseDelayMs: args['retry-base-ms'],
    maxDelayMs: args['retry-cap-ms'],
  };
}
