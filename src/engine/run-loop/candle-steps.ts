/**
 * The runner's steps on one closed candle, in the order the loop calls them: the venue's fills
 * (arming the backstop when an entry fills), a lost market entry, the countdown of a resting
 * limit entry, the backstop, and the decision with its orders.
 */
import { clientOrderId, parseClientOrderId } from '../ports/client-order-id.js';
import { isPromise, type Awaitable, type Fill, type Position } from '../ports/venue.js';
import { attachedBracketLevels, backstopHit } from '../risk.js';
import { fillView } from '../runner.js';
import type { FillView, Intent, PositionView, RestingEntryView } from '../strategy.js';
import type { Candle } from '../types.js';
import { act, resolve } from './act.js';
import { runnerState, type LoopState } from './loop-state.js';

/** No fills on this candle (shared, never mutated). */
export const NO_FILL_VIEWS: readonly FillView[] = Object.freeze([]);

/** The strategy's views of `fills` (pure), in order. */
function viewsOf(fills: readonly Fill[]): FillView[] {
  // Most candles with fills have one: an array of its size (a push onto `[]` reserves 17 slots).
  if (fills.length === 1) return [fillView(fills[0] as Fill)];
  const out: FillView[] = [];
  for (const f of fills) out.push(fillView(f));
  return out;
}

/** Books the venue's fills of this candle: position opened (backstop armed), entry or exit done. */
export function applyFills(l: LoopState, fills: readonly Fill[]): readonly FillView[] {
  if (fills.length === 0) return NO_FILL_VIEWS;
  const tick = l.cfg.facts.tickSize;
  const out = viewsOf(fills);
  for (let k = 0; k < fills.length; k++) {
    const f = fills[k] as Fill;
    const v = out[k] as FillView;
    if (v.role === 'entry') {
      // The first fill opens the position (a partially filled limit fills in several parts).
      l.entryTs ??= f.ts;
      const entry = l.entry;
      const mine = entry !== null && entry.clientOrderId === f.clientOrderId;
      // A limit cancelled at expiry may still report a fill it had before the cancel.
      const source = mine ? entry : l.expiredEntry?.clientOrderId === f.clientOrderId ? l.expiredEntry : null;
      if (source?.bracket !== undefined && l.bracket === null) {
        // Named fields, not a spread of the levels (a spread was 5 % of a sweep worker's time).
        const lv = attachedBracketLevels(f.side === 'buy', f.price, source.bracket, tick);
        l.bracket = { stop: lv.stop, takeProfit: lv.takeProfit, from: f.ts };
      }
      if (mine && entry !== null) {
        // A part filled: the rest still rests (and expires on time); the whole: done.
        const left = entry.amount - f.amount;
        l.entry = left >= l.cfg.facts.stepSize / 2 ? { ...entry, amount: left } : null;
      }
    } else if (f.clientOrderId === l.pendingExit) l.pendingExit = null;
    l.cfg.hooks?.onFill?.(f, v);
  }
  return out;
}

/**
 * A market entry normally fills on the next candle; if the venue dropped it, stop waiting.
 * Call only while a market entry is pending (the loop awaits nothing otherwise).
 */
export async function dropLostMarketEntry(l: LoopState): Promise<void> {
  const entry = l.entry;
  if (entry === null || entry.candlesLeft !== null) return;
  const o = await resolve(l.cfg.venue.getOrder(entry.clientOrderId));
  if (o === null || o.status !== 'open') l.entry = null;
}

/**
 * Placed at close t with W candles, a limit entry rests through candles t+1 … t+W and is
 * cancelled at the close of t+W, also when those candles are replayed after a restart (before
 * `tradeFrom`). Counts down synchronously; returns true when the entry is due for its cancel
 * ({@link expireEntry}).
 */
export function countDownEntry(l: LoopState, bar: Candle): boolean {
  const entry = l.entry;
  if (entry === null || entry.candlesLeft === null) return false;
  const counts =
    bar.ts >= l.cfg.tradeFrom || bar.ts >= (parseClientOrderId(entry.clientOrderId)?.decisionTs ?? Infinity);
  if (!counts) return false;
  const left = entry.candlesLeft - 1;
  if (left <= 0) return true;
  l.entry = { ...entry, candlesLeft: left };
  return false;
}

/** Cancels the resting entry whose candles are used up; remembers it for a late fill report. */
export function expireEntry(l: LoopState): Awaitable<void> {
  const entry = l.entry;
  if (entry === null) return;
  const cancelled = l.cfg.venue.cancelOrder(entry.clientOrderId);
  // A synchronous venue's answer is booked at once, without a closure per expiry.
  if (isPromise(cancelled)) return cancelled.then(() => expired(l, entry));
  expired(l, entry);
}

/** Forgets the expired `entry`, remembering its id and bracket for a late fill report. */
function expired(l: LoopState, entry: NonNullable<LoopState['entry']>): void {
  const b = entry.bracket;
  l.expiredEntry = b ? { clientOrderId: entry.clientOrderId, bracket: b } : { clientOrderId: entry.clientOrderId };
  l.entry = null;
}

/** Forgets the position's entry time, exit and bracket once the venue reports it flat. */
export function syncFlat(l: LoopState): void {
  l.entryTs = null;
  l.pendingExit = null;
  l.bracket = null;
}

/** The bracket level this candle traded through while the position is still open, or null. */
export function backstopDue(l: LoopState, bar: Candle, position: Position): 'stop' | 'take_profit' | null {
  const bracket = l.bracket;
  if (bracket === null || l.pendingExit !== null || bar.ts <= bracket.from) return null;
  return backstopHit(position.side, bracket, bar);
}

/** The exchange-side leg did not fire although the candle traded through its level: exit at market. */
export async function placeBackstop(
  l: LoopState,
  now: number,
  position: Position,
  hit: 'stop' | 'take_profit',
): Promise<void> {
  const id = clientOrderId(l.base, now, hit === 'stop' ? 'backstop_stop' : 'backstop_take_profit');
  const placed = await resolve(
    l.cfg.venue.placeOrder({
      clientOrderId: id,
      side: position.side === 'long' ? 'sell' : 'buy',
      type: 'market',
      amount: position.amount,
      reduceOnly: true,
    }),
  );
  l.pendingExit = placed.status === 'open' ? id : null;
}

/** The position as the strategy sees it (entry time: the first entry fill's). */
export function positionViewOf(l: LoopState, position: Position | null, now: number): PositionView | null {
  if (position === null) return null;
  return { side: position.side, amount: position.amount, entryPrice: position.entryPrice, entryTs: l.entryTs ?? now };
}

function restingEntryOf(l: LoopState): RestingEntryView | null {
  const e = l.entry;
  if (e === null || e.candlesLeft === null) return null;
  return { clientOrderId: e.clientOrderId, side: e.side, price: e.price, amount: e.amount, candlesLeft: e.candlesLeft };
}

/** Asks the strategy (no orders yet): its intents; its next state is kept. */
export function decide(
  l: LoopState,
  bar: Candle,
  now: number,
  position: Position | null,
  fills: readonly FillView[],
): readonly Intent[] {
  const { strategy, params } = l.cfg;
  const decision = strategy.decide({
    bar,
    now,
    ind: l.feed.ind,
    position: positionViewOf(l, position, now),
    restingEntry: restingEntryOf(l),
    fills,
    params,
    state: l.strategyState,
  });
  l.strategyState = decision.state;
  l.decisions += 1;
  return decision.intents;
}

/** Sends the orders of a decision's intents in order, then reports the decision. */
export function actOn(
  l: LoopState,
  now: number,
  intents: readonly Intent[],
  position: Position | null,
): Awaitable<void> {
  return actFrom(l, now, intents, position, 0);
}

/**
 * {@link actOn} from intent `from` on: each intent's orders after the previous intent's settled.
 * A synchronous venue runs them all in this loop (no closure per decision, no promise).
 */
function actFrom(
  l: LoopState,
  now: number,
  intents: readonly Intent[],
  position: Position | null,
  from: number,
): Awaitable<void> {
  for (let i = from; i < intents.length; i++) {
    const sent = act(l, now, intents[i] as Intent, position);
    if (isPromise(sent)) return sent.then(() => actFrom(l, now, intents, position, i + 1));
  }
  const hook = l.cfg.hooks?.onDecision;
  return hook === undefined ? undefined : hook(now, intents, runnerState(l));
}
