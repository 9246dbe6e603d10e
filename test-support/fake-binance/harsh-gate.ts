/**
 * The server-side harsh behaviours that act around routing rather than inside the book:
 * - IP bans: {@link HarshGate.ban} (any time) or, with the `bans` switch, a request arriving while
 *   an answered 429's `Retry-After` still runs (fake-clock time) bans the IP for `banSeconds`.
 *   During a ban every path (public and private) answers 418 (or 429) with `Retry-After` (s left)
 *   and Binance's -1003 body; each such request is counted in `requestsDuringBan` (Binance
 *   lengthens bans for those);
 * - lost answers (`lostAnswers` switch): every `lostAnswerEvery`-th order POST that booked an
 *   order (`POST /fapi/v1/order` and `/fapi/v1/algoOrder` answered 200) loses its answer:
 *   dropped connection or HTTP 408 with -1007 (see {@link TIMEOUT_1007}); with
 *   `lostCancelAnswers`, every `lostCancelEvery`-th DELETE on those paths that cancelled an order
 *   (answered 200) too, counted apart.
 */
import type { FakeClock } from './clock.js';
import type { HarshSettings } from './harsh-options.js';
import type { FakeReply } from './router.js';

/** The order-placing paths whose answers can be lost. */
export const ORDER_POST_PATHS: readonly string[] = ['/fapi/v1/order', '/fapi/v1/algoOrder'];

/**
 * Binance's answer when the matching engine did not confirm in time: HTTP 408 (Binance documents
 * 408 for "timeout waiting for response from backend server") with code -1007; the order may
 * (here: does) exist.
 */
export const TIMEOUT_1007: FakeReply = {
  status: 408,
  json: {
    code: -1007,
    msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
  },
};

/** Bans, rate-limit memory and the lost-answer counter of one fake server. */
export class HarshGate {
  #bannedUntil = -Infinity;
  #banStatus: 418 | 429 = 418;
  #retryAfterUntil = -Infinity;
  #bookedOrderPosts = 0;
  #doneCancels = 0;
  /** Requests that arrived while the IP was banned. */
  requestsDuringBan = 0;

  constructor(
    private readonly settings: HarshSettings,
    private readonly clock: FakeClock,
  ) {}

  /** Bans the IP for `seconds` of fake-clock time from now, answering `status` (418 or 429). */
  ban(seconds: number, status: 418 | 429 = 418): void {
    this.#bannedUntil = this.clock.now() + seconds * 1_000;
    this.#banStatus = status;
  }

  /** Lifts a ban at once. */
  unban(): void {
    this.#bannedUntil = -Infinity;
  }

  /** The ban reply for a request arriving now, or undefined when the IP is not banned. */
  admit(): FakeReply | undefined {
    const now = this.clock.now();
    if (now >= this.#bannedUntil && this.settings.current.bans && now < this.#retryAfterUntil) {
      this.ban(this.settings.current.banSeconds);
      this.#retryAfterUntil = -Infinity;
    }
    if (now >= this.#bannedUntil) return undefined;
    this.requestsDuringBan += 1;
    const retryAfter = String(Math.ceil((this.#bannedUntil - now) / 1_000));
    const msg =
      this.#banStatus === 418
        ? `Way too many requests; IP(127.0.0.1) banned until ${this.#bannedUntil}. Please use the websocket for live updates to avoid bans.`
        : 'Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.';
    return { status: this.#banStatus, headers: { 'retry-after': retryAfter }, json: { code: -1003, msg } };
  }

  /** Notes an answer about to be sent: remembers a 429's `Retry-After` window (fake time). */
  noteReply(reply: FakeReply): void {
    const after = reply.headers?.['retry-after'];
    if (reply.status === 429 && after !== undefined)
      this.#retryAfterUntil = Math.max(this.#retryAfterUntil, this.clock.now() + Number(after) * 1_000);
  }

  /** How the answer to a request that got `status` is lost, or undefined when it is delivered. */
  loss(method: string, path: string, status: number): 'drop' | 'timeout' | undefined {
    const h = this.settings.current;
    if (!ORDER_POST_PATHS.includes(path) || status !== 200) return undefined;
    if (method === 'POST') {
      this.#bookedOrderPosts += 1;
      return h.lostAnswers && h.lostAnswerEvery >= 1 && this.#bookedOrderPosts % h.lostAnswerEvery === 0
        ? h.lostAnswerKind
        : undefined;
    }
    if (method !== 'DELETE') return undefined;
    this.#doneCancels += 1;
    return h.lostCancelAnswers && h.lostCancelEvery >= 1 && this.#doneCancels % h.lostCancelEvery === 0
      ? h.lostAnswerKind
      : undefined;
  }
}
