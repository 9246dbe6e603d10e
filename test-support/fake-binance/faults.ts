/**
 * Fault injection for the fake exchange. A rule names a path (e.g. `/fapi/v1/klines`), a fault
 * and how many matching requests it affects; rules are consumed in the order they were added.
 * Faults mimic what Binance and the network really do: 429 with `Retry-After` (seconds), 418
 * (IP ban, also with `Retry-After`), 5xx, a request that never gets an answer (the client's
 * timeout fires), a truncated JSON body, an empty array for a range that has data, and latency.
 */

/** One kind of misbehaviour. */
export type Fault =
  /** An HTTP error status; 429/418 carry `Retry-After: retryAfterS` and Binance's -1003 body. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterS?: number }
  /** Never answer; the connection stays open until the client gives up or the fake closes. */
  | { readonly kind: 'hang' }
  /** Answer 200 with a body that is not valid JSON. */
  | { readonly kind: 'malformed' }
  /** Answer 200 with `[]`, as if the exchange had no data for the requested range. */
  | { readonly kind: 'empty' }
  /** Answer normally after `ms` milliseconds. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Execute the request (an order is placed), then drop the connection: the answer is lost. */
  | { readonly kind: 'lost' }
  /** Execute the request (an order is placed), then answer HTTP 408 with Binance's -1007. */
  | { readonly kind: 'lost-timeout' };

/** Options of a fault rule. */
export interface FaultOptions {
  /** How many matching requests the fault affects (default 1; `Infinity` = until cleared). */
  readonly times?: number;
  /** Only requests whose parameters (query and form body merged) satisfy this predicate match (e.g. a startTime window). */
  readonly when?: (query: URLSearchParams) => boolean;
}

/** A registered rule; `remaining` counts down as requests hit it. */
export interface FaultRule {
  readonly path: string;
  readonly fault: Fault;
  remaining: number;
  readonly when: ((query: URLSearchParams) => boolean) | undefined;
}

/** 429 Too Many Requests with `Retry-After` in seconds. */
export const rateLimited = (retryAfterS = 1): Fault => ({ kind: 'status', status: 429, retryAfterS });
/** 418 I'm a teapot: Binance's IP ban after ignoring 429s, with `Retry-After` in seconds. */
export const banned = (retryAfterS = 1): Fault => ({ kind: 'status', status: 418, retryAfterS });
/** A 5xx answer (default 503). */
export const serverError = (status = 503): Fault => ({ kind: 'status', status });
/** No answer at all: the client's request timeout fires. */
export const hang = (): Fault => ({ kind: 'hang' });
/** A 200 with a truncated JSON body. */
export const malformed = (): Fault => ({ kind: 'malformed' });
/** A 200 with `[]`: the requested range is missing on the exchange side. */
export const missingRange = (): Fault => ({ kind: 'empty' });
/** A normal answer delayed by `ms`. */
export const delayed = (ms: number): Fault => ({ kind: 'delay', ms });
/** The request takes effect but its answer never arrives (connection reset). */
export const lostAnswer = (): Fault => ({ kind: 'lost' });

/** The request takes effect but the answer is HTTP 408 -1007 "… execution status unknown." */
export const timeoutAfterBooking = (): Fault => ({ kind: 'lost-timeout' });

/** The ordered set of active fault rules of one fake server. */
export class FaultBook {
  readonly #rules: FaultRule[] = [];

  /** Adds a rule; returns it so a test can read `remaining`. */
  add(path: string, fault: Fault, opts: FaultOptions = {}): FaultRule {
    const rule: FaultRule = { path, fault, remaining: opts.times ?? 1, when: opts.when };
    this.#rules.push(rule);
    return rule;
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules.length = 0;
  }

  /** Consumes and returns the first rule matching the request, if any. */
  take(path: string, query: URLSearchParams): Fault | undefined {
    for (const r of this.#rules) {
      if (r.remaining <= 0 || r.path !== path) continue;
      if (r.when !== undefined && !r.when(query)) continue;
      r.remaining -= 1;
      return r.fault;
    }
    return undefined;
  }
}
