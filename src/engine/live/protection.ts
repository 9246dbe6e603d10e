/**
 * The protection rules of real mode, enforced by CcxtVenue on every sync (every candle, start-up,
 * and between candles while a position is unprotected):
 *
 * 1. From the first fill until flat, ONE reduce-only stop on the exchange covers the whole
 *    position: a `closePosition=true` STOP_MARKET (partial fills and resizes cannot under-cover).
 *    Extra stops of ours are cancelled once the current one is confirmed open.
 * 2. A stop is re-placed only when the lookup by client id says the old one is final (filled,
 *    cancelled, expired, refused) or proved absent (unknown-outcome.ts), never because a lagging
 *    open-orders list does not show it. A replacement is place new, confirm, cancel old.
 * 3. Only the stop can flatten: "would immediately trigger" (-2021: the price is already through
 *    it) or {@link MAX_STOP_REFUSALS} explicit refusals end in a protective exit at market
 *    (reduce-only). Transport errors and bans are retried and alerted (`unprotected`, every
 *    {@link UNPROTECTED_ALERT_MS}) while the position waits, never flattened.
 * 4. The take-profit (reduce-only LIMIT, maker) follows the position size, resized at most once
 *    per candle; its failures are retried and alerted, never a reason to flatten.
 * 5. A position without known levels (state lost, adopted) gets an emergency stop
 *    {@link EMERGENCY_STOP_FRACTION} from its entry price; the start-up then stops with exit 78.
 */
import { clientOrderId } from '../ports/client-order-id.js';
import type { OrderRequest, OrderSide, Position } from '../ports/venue.js';
import { roundBracketLevel } from '../risk.js';
import type { MarketFacts } from '../types.js';
import { CLOSE_POSITION_EXISTS, WOULD_TRIGGER } from '../exchange/binance-orders.js';
import { mayBeLive, type TrackedOrder } from './tracked-order.js';

/** Explicit refusals of the stop (other than -2021) after which the position is flattened. */
export const MAX_STOP_REFUSALS = 3;
/** Spacing of `unprotected` alerts (ms). */
export const UNPROTECTED_ALERT_MS = 60_000;
/** Distance of an emergency stop from the entry price, as a fraction (2 %). */
export const EMERGENCY_STOP_FRACTION = 0.02;

/** The position's protection as the venue enforces it (JSON, persisted with the venue). Prices USDT, times exchange ms. */
export interface ProtectionState {
  /** The entry whose fills opened the position (its bracket set the levels), or null. */
  entryId: string | null;
  stopPrice: number | null;
  takeProfitPrice: number | null;
  stopId: string | null;
  takeProfitId: string | null;
  /** The entry's deterministic leg ids, used for the first placement of each leg (then fresh ids). */
  firstIds: { readonly stop: string; readonly takeProfit: string } | null;
  /** Candle close (ms) at which the take-profit was last sized. */
  takeProfitSizedAt: number | null;
  stopRefusals: number;
  unprotectedSince: number | null;
  lastUnprotectedAlert: number | null;
}

/** Nothing to protect. */
export function noProtection(): ProtectionState {
  return {
    entryId: null,
    stopPrice: null,
    takeProfitPrice: null,
    stopId: null,
    takeProfitId: null,
    firstIds: null,
    takeProfitSizedAt: null,
    stopRefusals: 0,
    unprotectedSince: null,
    lastUnprotectedAlert: null,
  };
}

/** Alert kinds the venue raises (each goes to the log at warn and to the webhook). */
export type AlertKind =
  | 'unprotected'
  | 'leg_refused'
  | 'leg_replaced'
  | 'leg_missing'
  | 'protective_exit'
  | 'margin'
  | 'notional'
  | 'entry_unknown';

/** What the rules need from the venue. */
export interface ProtectionOps {
  readonly facts: MarketFacts;
  readonly base: string;
  /** Exchange time, ms. */
  now(): number;
  order(id: string): TrackedOrder | undefined;
  /** Our live (open, sending, unknown) reduce-only orders of `type`. */
  liveLegs(type: 'stop_market' | 'limit'): TrackedOrder[];
  /** Sends a new order; resolves with its book entry (open, rejected with a code, or unknown). */
  send(req: TrackedOrder['req'], closePosition: boolean): Promise<TrackedOrder>;
  cancel(id: string): Promise<void>;
  protectiveExit(position: Position, reason: string): Promise<void>;
  alert(kind: AlertKind, text: string): void;
}

const exitSideOf = (p: Position): OrderSide => (p.side === 'long' ? 'sell' : 'buy');

/** The entry's own id for the leg's first placement, else a fresh, unused client id for `leg` at exchange time `now`. */
function freshId(ops: ProtectionOps, leg: 'stop' | 'take_profit', ps?: ProtectionState): string {
  const first = leg === 'stop' ? ps?.firstIds?.stop : ps?.firstIds?.takeProfit;
  if (first !== undefined && ops.order(first) === undefined) return first;
  let t = ops.now();
  while (ops.order(clientOrderId(ops.base, t, leg)) !== undefined) t += 1;
  return clientOrderId(ops.base, t, leg);
}

/** Fills in levels for a position the state cannot explain: an emergency stop, no take-profit. */
function ensureLevels(ps: ProtectionState, pos: Position, ops: ProtectionOps): void {
  if (ps.stopPrice !== null) return;
  // A stop of ours already rests (state lost, adopted at start-up): its level is the position's.
  const resting = ops.liveLegs('stop_market').find((t) => covers(t, pos, ops.facts.stepSize));
  if (resting?.req.triggerPrice !== undefined) {
    ps.stopPrice = resting.req.triggerPrice;
    return;
  }
  const long = pos.side === 'long';
  const raw = long ? pos.entryPrice * (1 - EMERGENCY_STOP_FRACTION) : pos.entryPrice * (1 + EMERGENCY_STOP_FRACTION);
  ps.stopPrice = roundBracketLevel(long, raw, ops.facts.tickSize);
  ops.alert(
    'leg_missing',
    `${pos.side} position of ${pos.amount} without known levels: emergency stop at ${ps.stopPrice}`,
  );
}

/** Is `t` a confirmed-open stop covering `pos` (closePosition, or reduce-only ≥ its size)? */
function covers(t: TrackedOrder | undefined, pos: Position, step: number): t is TrackedOrder {
  if (t === undefined || t.status !== 'open' || t.req.side !== exitSideOf(pos)) return false;
  return t.closePosition || t.req.amount >= pos.amount - step / 2;
}

/** Adopts a live stop of ours as the current one when the state names none (restart, -4130). */
function adoptStop(ps: ProtectionState, pos: Position, ops: ProtectionOps): void {
  const current = ps.stopId === null ? undefined : ops.order(ps.stopId);
  if (current !== undefined && mayBeLive(current)) return;
  const live = ops.liveLegs('stop_market').filter((t) => covers(t, pos, ops.facts.stepSize));
  const pick = live[live.length - 1];
  if (pick !== undefined) ps.stopId = pick.req.clientOrderId;
}

/** The position's stop at its level, for the whole amount (sent as closePosition or reduce-only quantity). */
function stopRequest(ps: ProtectionState, pos: Position, clientOrderId: string): OrderRequest {
  return {
    clientOrderId,
    side: exitSideOf(pos),
    type: 'stop_market',
    amount: pos.amount,
    triggerPrice: ps.stopPrice as number,
    reduceOnly: true,
  };
}

/** Places a new protective stop and applies the rules to the answer. @returns true when confirmed open. */
async function placeStop(ps: ProtectionState, pos: Position, ops: ProtectionOps): Promise<boolean> {
  const replacing = ps.stopId !== null;
  const req = stopRequest(ps, pos, freshId(ops, 'stop', ps));
  const t = await ops.send(req, true);
  if (t.status === 'open' || t.status === 'unknown') {
    ps.stopId = t.req.clientOrderId; // the attempt that answered (sendStop may have re-sent under a new id)
    if (t.status === 'open' && replacing) ops.alert('leg_replaced', `stop re-placed at ${req.triggerPrice}`);
    return t.status === 'open';
  }
  if (t.refusedCode === CLOSE_POSITION_EXISTS) {
    adoptStop(ps, pos, ops);
    return covers(ps.stopId === null ? undefined : ops.order(ps.stopId), pos, ops.facts.stepSize);
  }
  if (t.refusedCode === WOULD_TRIGGER) {
    ops.alert('leg_refused', `stop at ${req.triggerPrice} refused: the price is already through it (-2021)`);
    await ops.protectiveExit(pos, 'the stop would trigger immediately (-2021)');
    return false;
  }
  ps.stopRefusals += 1;
  ops.alert(
    'leg_refused',
    `stop at ${req.triggerPrice} refused (${ps.stopRefusals}/${MAX_STOP_REFUSALS}): ${t.reason}`,
  );
  if (ps.stopRefusals >= MAX_STOP_REFUSALS)
    await ops.protectiveExit(pos, `the stop was refused ${ps.stopRefusals} times`);
  return false;
}

/**
 * A confirmed stop at another level than the position's (an emergency stop placed before the
 * entry's fill was booked, an adopted one): place the right one as a reduce-only quantity stop
 * (Binance allows one closePosition stop per direction), confirm, then cancel the old one.
 */
async function moveStop(ps: ProtectionState, pos: Position, ops: ProtectionOps, old: TrackedOrder): Promise<void> {
  const req = stopRequest(ps, pos, freshId(ops, 'stop'));
  const t = await ops.send(req, false);
  if (t.status !== 'open') return; // keep the old one; try again next sync
  ps.stopId = req.clientOrderId;
  await ops.cancel(old.req.clientOrderId);
  ops.alert('leg_replaced', `stop moved from ${old.req.triggerPrice} to ${req.triggerPrice}`);
}

/** Rule 1–3: makes sure one confirmed stop covers `pos`. @returns true when covered. */
async function ensureStop(ps: ProtectionState, pos: Position, ops: ProtectionOps): Promise<boolean> {
  adoptStop(ps, pos, ops);
  const current = ps.stopId === null ? undefined : ops.order(ps.stopId);
  const off = (x: number | undefined) =>
    x === undefined || Math.abs(x - (ps.stopPrice as number)) >= ops.facts.tickSize / 2;
  if (covers(current, pos, ops.facts.stepSize) && ps.stopPrice !== null && off(current.req.triggerPrice))
    await moveStop(ps, pos, ops, current);
  const now = ps.stopId === null ? undefined : ops.order(ps.stopId);
  let covered = covers(now, pos, ops.facts.stepSize);
  // Possibly live (sending, unknown): wait for the lookups to settle it, never send a second one.
  const pending = now !== undefined && (now.status === 'sending' || now.status === 'unknown');
  if (!covered && !pending) covered = await placeStop(ps, pos, ops);
  if (covered) {
    for (const t of ops.liveLegs('stop_market'))
      if (t.req.clientOrderId !== ps.stopId && t.status === 'open') await ops.cancel(t.req.clientOrderId);
  }
  return covered;
}

/** Rule 4: the take-profit at the position's size, resized at most once per candle. */
async function ensureTakeProfit(
  ps: ProtectionState,
  pos: Position,
  ops: ProtectionOps,
  candleClose: number | null,
): Promise<void> {
  if (ps.takeProfitPrice === null) return;
  const current = ps.takeProfitId === null ? undefined : ops.order(ps.takeProfitId);
  if (current !== undefined && (current.status === 'sending' || current.status === 'unknown')) return;
  const sized =
    current?.status === 'open' && Math.abs(current.req.amount - current.filled - pos.amount) < ops.facts.stepSize / 2;
  if (sized) return;
  if (current?.status === 'open') {
    // Resize: at most once per candle; a take-profit is not the protective leg, so cancel first.
    if (candleClose === null || ps.takeProfitSizedAt === candleClose) return;
    await ops.cancel(current.req.clientOrderId);
  }
  const req = {
    clientOrderId: freshId(ops, 'take_profit', ps),
    side: exitSideOf(pos),
    type: 'limit' as const,
    amount: pos.amount,
    price: ps.takeProfitPrice,
    reduceOnly: true,
  };
  const t = await ops.send(req, false);
  ps.takeProfitId = req.clientOrderId;
  ps.takeProfitSizedAt = candleClose ?? ps.takeProfitSizedAt;
  if (t.status === 'rejected')
    ops.alert('leg_refused', `take-profit at ${req.price} refused (retried next candle): ${t.reason}`);
}

/**
 * Applies the rules to an open position. Side effects: orders, cancels, alerts, a protective exit.
 * @param candleClose the candle close (ms) this sync settles, or null between candles.
 */
export async function protectPosition(
  ps: ProtectionState,
  pos: Position,
  ops: ProtectionOps,
  candleClose: number | null,
  withTakeProfit = true,
): Promise<void> {
  ensureLevels(ps, pos, ops);
  const covered = await ensureStop(ps, pos, ops);
  const now = ops.now();
  if (covered) {
    ps.unprotectedSince = null;
    ps.lastUnprotectedAlert = null;
    ps.stopRefusals = 0;
  } else {
    ps.unprotectedSince ??= now;
    if (ps.lastUnprotectedAlert === null || now - ps.lastUnprotectedAlert >= UNPROTECTED_ALERT_MS) {
      ps.lastUnprotectedAlert = now;
      ops.alert(
        'unprotected',
        `UNPROTECTED: ${pos.side} ${pos.amount} without a confirmed stop for ${Math.round((now - ps.unprotectedSince) / 1000)} s`,
      );
    }
  }
  if (withTakeProfit) await ensureTakeProfit(ps, pos, ops, candleClose);
}
