/**
 * Sequencing over ports that answer either at once (the simulator) or with promises (ccxt): the
 * runner's steps chain through {@link andThen}, so a synchronous port never costs a promise or a
 * microtask (a backtest places an order per trade; awaiting each measured a quarter of a
 * sweep's allocations), while an asynchronous one runs the same steps in the same order.
 */
import { isPromise, type Awaitable } from '../ports/venue.js';

/** `f(v)` now when `v` is a value; after `v` settles when it is a promise (rejections pass through). */
export function andThen<T, R>(v: Awaitable<T>, f: (x: T) => Awaitable<R>): Awaitable<R> {
  return isPromise(v) ? v.then(f) : f(v);
}
