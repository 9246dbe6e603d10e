/**
 * Shared handling of the fake's signed (USER_DATA / TRADE) endpoints: the API-key header is
 * required (Binance -2014 without it), the signature is not checked, parameters are read from
 * the query and the form-encoded body (ccxt signs GET/DELETE in the query and POST in the body),
 * and the trading book is settled up to the fake clock before any answer.
 */
import { binanceError, type FakeContext, type FakeReply, type FakeRequest } from '../router.js';
import { TradingBook } from '../trading-book.js';

/** Key of the trading book in {@link FakeContext.state}. */
export const BOOK_KEY = 'trading-book';

/** The context's trading book (created on first use). */
export function bookOf(ctx: FakeContext): TradingBook {
  let b = ctx.state.get(BOOK_KEY) as TradingBook | undefined;
  if (b === undefined) {
    b = new TradingBook(ctx.data);
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
  const book = bookOf(ctx);
  const now = ctx.clock.now();
  book.catchUp(now);
  return { params, book, now };
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
