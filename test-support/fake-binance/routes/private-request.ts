/**
 * Shared handling of the fake's signed (USER_DATA / TRADE) endpoints: the API-key header is
 * required (Binance -2014 without it), the signature is not checked, parameters are read from
 * the query and the form-encoded body (ccxt signs GET/DELETE in the query and POST in the body),
 * and the trading book is settled up to the fake clock before any answer. With the harsh
 * `timestampCheck` switch, `timestamp`/`recvWindow` are checked against the (skewed) server time.
 */
import { binanceError, type FakeContext, type FakeReply, type FakeRequest } from '../router.js';
import { harshOf, serverTime } from '../harsh-options.js';
import { TradingBook } from '../trading-book.js';
import { factsOf } from './orders.js';

/** Key of the trading book in {@link FakeContext.state}. */
export const BOOK_KEY = 'trading-book';

/** The context's trading book (created on first use). */
export function bookOf(ctx: FakeContext): TradingBook {
  let b = ctx.state.get(BOOK_KEY) as TradingBook | undefined;
  if (b === undefined) {
    b = new TradingBook(
      ctx.data,
      harshOf(ctx),
      (symbol) => factsOf(ctx, symbol)?.stepSize ?? 0.001,
      (symbol) => factsOf(ctx, symbol)?.tickSize ?? 0.1,
    );
    ctx.state.set(BOOK_KEY, b);
  }
  return b;
}

/** A signed request's parameters, the settled book and the fake time. */
export interface PrivateCall {
  readonly params: URLSearchParams;
  readonly book: TradingBook;
  readonly now: number;
}

/**
 * Checks the API key, merges query and body, settles the book. Returns the call or an error reply.
 */
export function privateCall(req: FakeRequest, ctx: FakeContext): PrivateCall | FakeReply {
  const key = req.headers['x-mbx-apikey'];
  if (typeof key !== 'string' || key.trim() === '') return binanceError(401, -2014, 'API-key format invalid.');
  const params = new URLSearchParams(req.query);
  for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
  if (!params.has('timestamp'))
    return binanceError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  const late = timestampError(ctx, params);
  if (late !== null) return late;
  const book = bookOf(ctx);
  const now = ctx.clock.now();
  book.catchUp(now);
  return { params, book, now };
}

/** Largest `recvWindow` Binance accepts, ms. */
export const MAX_RECV_WINDOW_MS = 60_000;

/**
 * With the `timestampCheck` switch on: -1021 when `timestamp` is older than server time minus
 * `recvWindow` (default 5000 ms) or more than 1000 ms ahead of server time (ms, skewed server time).
 */
function timestampError(ctx: FakeContext, params: URLSearchParams): FakeReply | null {
  if (!harshOf(ctx).current.timestampCheck) return null;
  const ts = Number(params.get('timestamp'));
  const window = params.has('recvWindow') ? Number(params.get('recvWindow')) : 5_000;
  if (!(window > 0) || window > MAX_RECV_WINDOW_MS)
    return binanceError(400, -1131, 'recvWindow must be less than 60000.');
  const now = serverTime(ctx);
  if (ts > now + 1_000)
    return binanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (!(ts >= now - window))
    return binanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
  return null;
}

/** With the `lookupLag` switch on: true while an order booked at `bookedAt` is not yet visible to lookups. */
export function lookupLagging(ctx: FakeContext, bookedAt: number, now: number): boolean {
  const h = harshOf(ctx).current;
  return h.lookupLag && now - bookedAt < h.lookupLagMs;
}

/** True when `x` is a reply (an error) rather than a {@link PrivateCall}. */
export function isErrorReply(x: PrivateCall | FakeReply): x is FakeReply {
  return 'status' in x;
}

/** A required parameter, or a -1102 reply. */
export function required(p: URLSearchParams, name: string): string | FakeReply {
  const v = p.get(name);
  return v === null || v === ''
    ? binanceError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`)
    : v;
}

/** A decimal number the way Binance prints it (no exponent). */
export function dec(x: number): string {
  if (x === 0) return '0';
  return Number(x.toPrecision(15)).toString();
}
