/**
 * The orders behind each intent a strategy returns: sized and checked entries with their
 * attached bracket, cancels, market exits (never two for one position) and bracket
 * replacements (new legs before the old ones are cancelled).
 */
import { invariant } from '../errors.js';
import { ceilTo, floorTo } from '../increments.js';
import { clientOrderId, type OrderLeg } from '../ports/client-order-id.js';
import { isPromise, type Awaitable, type Order, type OrderRequest, type Position } from '../ports/venue.js';
import { checkOnePosition, roundBracketLevel, sizeEntry } from '../risk.js';
import type { Intent } from '../strategy.js';
import { andThen } from './awaitable.js';
import { refuse, type LoopState } from './loop-state.js';

/** Awaits only promises (the simulator answers synchronously). */
export async function resolve<T>(v: Awaitable<T>): Promise<T> {
  return isPromise(v) ? await v : v;
}

type EnterIntent = Extract<Intent, { kind: 'enter' }>;

/** The entry order of `intent` decided at `now`, amount `amount`, at limit `price` when a limit. */
function entryRequest(l: LoopState, now: number, intent: EnterIntent, amount: number, price: number): OrderRequest {
  const b = intent.bracket;
  const bracket =
    b === undefined
      ? undefined
      : {
          stopDistance: b.stopDistance,
          takeProfitDistance: b.takeProfitDistance,
          stopClientOrderId: clientOrderId(l.base, now, 'stop'),
          takeProfitClientOrderId: clientOrderId(l.base, now, 'take_profit'),
        };
  const side = intent.side === 'long' ? 'buy' : 'sell';
  const id = clientOrderId(l.base, now, 'entry');
  // Key order as before the split (paper mode persists these requests as JSON), one literal per
  // shape rather than a spread of `{ bracket }` (no temporary object per entry).
  if (intent.order.type === 'limit')
    return bracket === undefined
      ? { clientOrderId: id, side, type: 'limit', amount, price, reduceOnly: false }
      : { clientOrderId: id, side, type: 'limit', amount, price, reduceOnly: false, bracket };
  return bracket === undefined
    ? { clientOrderId: id, side, type: 'market', amount, reduceOnly: false }
    : { clientOrderId: id, side, type: 'market', amount, reduceOnly: false, bracket };
}

/** An entry: one position per symbol, the live gate, sizing, then the order. */
function enter(l: LoopState, now: number, intent: EnterIntent, position: Position | null): Awaitable<void> {
  const { side, notionalUsdt, refPrice, order } = intent;
  const facts = l.cfg.facts;
  const busy = checkOnePosition(position !== null, l.entry !== null);
  if (busy !== null) return refuse(l, now, side, notionalUsdt, refPrice, 0, busy);
  const gated = l.cfg.entryGate?.(now) ?? null;
  if (gated !== null) return refuse(l, now, side, notionalUsdt, refPrice, 0, gated);
  const size = sizeEntry(notionalUsdt, refPrice, facts);
  if (!size.ok) return refuse(l, now, side, notionalUsdt, refPrice, size.amount, size.reason);
  let price = refPrice;
  if (order.type === 'limit') {
    invariant(order.expiryCandles >= 1, 'a limit entry rests for at least one candle');
    // Never pay more (buy) or sell for less than asked: round into the trader's favour.
    price = side === 'long' ? floorTo(order.price, facts.tickSize) : ceilTo(order.price, facts.tickSize);
  }
  const req = entryRequest(l, now, intent, size.amount, price);
  const placed = l.cfg.venue.placeOrder(req);
  // A synchronous venue's answer is booked at once, without a closure per entry.
  if (isPromise(placed)) return placed.then((o) => entered(l, now, intent, req, price, o));
  return entered(l, now, intent, req, price, placed);
}

/** Books the venue's answer to entry `req` of `intent`: a refusal, or the pending entry. */
function entered(
  l: LoopState,
  now: number,
  intent: EnterIntent,
  req: OrderRequest,
  price: number,
  placed: Order,
): void {
  const { side, notionalUsdt, refPrice, order } = intent;
  if (placed.status === 'rejected')
    return refuse(
      l,
      now,
      side,
      notionalUsdt,
      refPrice,
      req.amount,
      `venue rejected the order: ${placed.reason ?? 'no reason given'}`,
    );
  const candlesLeft = order.type === 'limit' ? order.expiryCandles : null;
  const id = req.clientOrderId;
  const bracket = intent.bracket;
  l.entry =
    bracket === undefined
      ? { clientOrderId: id, side, price, amount: req.amount, candlesLeft }
      : { clientOrderId: id, side, price, amount: req.amount, candlesLeft, bracket };
}

/** A market exit of the whole position, unless one is still open. */
function exit(l: LoopState, now: number, leg: OrderLeg, position: Position | null): Awaitable<void> {
  if (position === null) return;
  const venue = l.cfg.venue;
  const place = (): Awaitable<void> => {
    const id = clientOrderId(l.base, now, leg);
    const req: OrderRequest = {
      clientOrderId: id,
      side: position.side === 'long' ? 'sell' : 'buy',
      type: 'market',
      amount: position.amount,
      reduceOnly: true,
    };
    return andThen(venue.placeOrder(req), (placed) => {
      l.pendingExit = placed.status === 'open' ? id : null;
    });
  };
  if (l.pendingExit === null) return place();
  // Live venues may take longer than a candle: never send a second exit for one position.
  return andThen(venue.getOrder(l.pendingExit), (o) => (o !== null && o.status === 'open' ? undefined : place()));
}

type BracketIntent = Extract<Intent, { kind: 'bracket' }>;

/**
 * Replaces the position's bracket: place the new legs, then cancel the old ones (never
 * cancel-then-place: the position must not stand unprotected in between). An old leg is
 * cancelled only when its replacement came back open: a refused new stop leaves the old stop in
 * place. (Real mode's own stop is moved by the venue, place-confirm-cancel; no shipped strategy
 * sends this intent yet, and one that does should go through that path before it trades money.)
 */
async function rebracket(l: LoopState, now: number, intent: BracketIntent, position: Position | null): Promise<void> {
  if (position === null) return;
  const { venue, facts } = l.cfg;
  const old = (await resolve(venue.openOrders())).filter((o) => o.reduceOnly && o.type !== 'market');
  const exitSide = position.side === 'long' ? 'sell' : 'buy';
  const long = position.side === 'long';
  const stop = roundBracketLevel(long, intent.stopPrice, facts.tickSize);
  const takeProfit = roundBracketLevel(long, intent.takeProfitPrice, facts.tickSize);
  const amount = position.amount;
  const stopId = clientOrderId(l.base, now, 'stop');
  const newStop = await resolve(
    venue.placeOrder({
      clientOrderId: stopId,
      side: exitSide,
      type: 'stop_market',
      amount,
      triggerPrice: stop,
      reduceOnly: true,
    }),
  );
  const tpId = clientOrderId(l.base, now, 'take_profit');
  const newTp = await resolve(
    venue.placeOrder({
      clientOrderId: tpId,
      side: exitSide,
      type: 'limit',
      amount,
      price: takeProfit,
      reduceOnly: true,
    }),
  );
  const stopOk = newStop.status === 'open';
  const tpOk = newTp.status === 'open';
  for (const o of old) if (o.type === 'stop_market' ? stopOk : tpOk) await resolve(venue.cancelOrder(o.clientOrderId));
  const was = l.bracket;
  if (stopOk || tpOk)
    l.bracket = {
      stop: stopOk || was === null ? stop : was.stop,
      takeProfit: tpOk || was === null ? takeProfit : was.takeProfit,
      from: now,
    };
}

/** Sends the orders of one intent decided at `now` (the position as the decision saw it). */
export function act(l: LoopState, now: number, intent: Intent, position: Position | null): Awaitable<void> {
  switch (intent.kind) {
    case 'enter':
      return enter(l, now, intent, position);
    case 'cancel-entry': {
      if (l.entry === null) return;
      return andThen(l.cfg.venue.cancelOrder(l.entry.clientOrderId), () => {
        l.entry = null;
      });
    }
    case 'exit':
      return exit(l, now, intent.reason === 'max_hold' ? 'exit_max_hold' : 'exit_signal', position);
    case 'bracket':
      return rebracket(l, now, intent, position);
  }
}
