/**
 * What the exchange says about one order of the venue's book, by client id: the lookup, the
 * refresh of an order the open lists did not show (lookups lag, so "no such order" proves nothing
 * until unknown-outcome.ts says it cannot exist), and applying an answer, where a fired
 * conditional order takes the state of the matching-engine order it placed.
 */
import type { MarketFacts } from '../types.js';
import {
  binanceCode,
  lookupParams,
  ORDER_NOT_FOUND,
  parseAlgoOrder,
  parseOrder,
  type BinanceRest,
  type ExchangeOrderState,
} from '../exchange/binance-orders.js';
import { markUnknown, type TrackedOrder } from './tracked-order.js';
import { provedAbsent } from './unknown-outcome.js';

/** What the refresher needs from the venue. */
export interface RefresherDeps {
  readonly rest: BinanceRest;
  readonly facts: MarketFacts;
  /** One retried exchange call. */
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
  /** Exchange time, ms. */
  now(): number;
  /** The signing window (ms) the exchange applies. */
  readonly recvWindowMs: number;
  /** An order proved never booked. */
  onDropped(t: TrackedOrder): void;
}

/** Lookups and state updates of book entries (side effects: exchange requests, mutates the entries). */
export class OrderRefresher {
  constructor(private readonly d: RefresherDeps) {}

  /** The exchange's state of `t`, or null when it answers "no such order". */
  async lookup(t: TrackedOrder): Promise<ExchangeOrderState | null> {
    try {
      const raw = await this.d.call(
        `GET ${t.api === 'algo' ? '/fapi/v1/algoOrder' : '/fapi/v1/order'} ${t.req.clientOrderId}`,
        () =>
          t.api === 'algo'
            ? this.d.rest.fapiPrivateGetAlgoOrder(lookupParams('algo', t.req.clientOrderId, this.d.facts))
            : this.d.rest.fapiPrivateGetOrder(lookupParams('order', t.req.clientOrderId, this.d.facts)),
      );
      return t.api === 'algo' ? parseAlgoOrder(raw) : parseOrder(raw);
    } catch (e) {
      if (ORDER_NOT_FOUND.includes(binanceCode(e) ?? 0)) return null;
      throw e;
    }
  }

  /**
   * Updates a live order that the open lists did not show, by its client id. "No such order"
   * proves nothing at once (lookups lag): the order stays possibly live until unknown-outcome.ts
   * says it cannot exist.
   */
  async refresh(t: TrackedOrder): Promise<void> {
    const s = await this.lookup(t);
    if (s !== null) return this.apply(t, s);
    const now = this.d.now();
    if (t.status !== 'unknown' || t.unknown === null) markUnknown(t, now);
    const u = t.unknown as NonNullable<TrackedOrder['unknown']>;
    t.unknown = { sentAt: u.sentAt, absentAt: [...u.absentAt, now] };
    if (provedAbsent(t.unknown, now, this.d.recvWindowMs)) {
      t.status = 'rejected';
      t.unknown = null;
      t.reason = 'never booked (proved absent by lookups)';
      this.d.onDropped(t);
    }
  }

  /** Applies an exchange state; a fired conditional order takes the state of its actual order. */
  async apply(t: TrackedOrder, s: ExchangeOrderState): Promise<void> {
    t.exchangeId = s.exchangeId;
    t.unknown = null;
    t.updatedAt = Math.max(t.updatedAt, s.updateTime);
    if (s.status !== 'triggered') {
      t.status = s.status;
      if (t.api === 'order') {
        t.filled = s.filled;
        t.averagePrice = s.averagePrice ?? t.averagePrice;
      }
      return;
    }
    if (s.actualOrderId === undefined || s.actualOrderId === '') {
      t.status = 'open'; // on its way to the matching engine
      return;
    }
    t.actualOrderId = s.actualOrderId;
    const raw = await this.d.call(`GET /fapi/v1/order ${s.actualOrderId}`, () =>
      this.d.rest.fapiPrivateGetOrder({ symbol: this.d.facts.id, orderId: s.actualOrderId as string }),
    );
    const a = parseOrder(raw);
    t.status = a.status === 'triggered' ? 'open' : a.status;
    t.filled = a.filled;
    t.averagePrice = a.averagePrice ?? t.averagePrice;
    t.updatedAt = Math.max(t.updatedAt, a.updateTime);
  }
}
