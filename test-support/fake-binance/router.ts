/**
 * The fake exchange's router: each endpoint group (market data now; account, positions and
 * orders later) is a file under `routes/` exporting a {@link RouteGroup}. Handlers are synchronous
 * functions of the request and the shared {@link FakeContext}; they return a reply, never touch
 * the socket.
 */
import type { FakeClock } from './clock.js';
import type { FakeMarketData } from './market-data.js';

/** A parsed request as handlers see it. */
export interface FakeRequest {
  readonly method: string;
  /** Path without the query, e.g. `/fapi/v1/klines`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Raw request body (form-encoded for Binance's signed POSTs). */
  readonly body: string;
}

/** A handler's answer: a JSON value (serialised by the server) or a raw string body. */
export interface FakeReply {
  readonly status: number;
  readonly json?: unknown;
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What every handler may read: the clock, the served data, the exchangeInfo document. */
export interface FakeContext {
  readonly clock: FakeClock;
  readonly data: FakeMarketData;
  /** The exchangeInfo body served verbatim (the real capture's bytes). */
  readonly exchangeInfoText: string;
  /** Free-form per-server state for later endpoint groups (accounts, orders). */
  readonly state: Map<string, unknown>;
}

/** One endpoint. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  handle(req: FakeRequest, ctx: FakeContext): FakeReply;
}

/** A file's worth of endpoints. */
export type RouteGroup = readonly Route[];

/** A Binance-style error reply: `{"code": <negative>, "msg": ...}`. */
export function binanceError(status: number, code: number, msg: string): FakeReply {
  return { status, json: { code, msg } };
}

/** Looks routes up by `METHOD path`. */
export class Router {
  readonly #routes = new Map<string, Route>();

  constructor(groups: readonly RouteGroup[]) {
    for (const g of groups) for (const r of g) this.#routes.set(`${r.method} ${r.path}`, r);
  }

  /** The route for a request, or undefined (the server answers 404). */
  match(method: string, path: string): Route | undefined {
    return this.#routes.get(`${method} ${path}`);
  }
}

/**
 * Reads an optional integer query parameter.
 * @returns the number, undefined when absent, or a Binance -1100 error reply when malformed.
 */
export function intParam(q: URLSearchParams, name: string): number | undefined | FakeReply {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v))
    return binanceError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  return Number(v);
}

/** True when `x` is an error reply produced by {@link intParam}. */
export function isReply(x: unknown): x is FakeReply {
  return typeof x === 'object' && x !== null && 'status' in x;
}
