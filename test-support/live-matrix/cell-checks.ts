/**
 * What every matrix cell (and the soak) asserts once the bot is stopped: the fake's rule checker
 * found nothing, the cooldown and the max hold held on the exchange's own trade list, and the
 * bot's journal and state agree with that trade list.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FakeBinance, FakeTrade } from '../fake-binance/index.js';
import { readJournal } from '../../src/engine/live/journal.js';
import { LiveStateStore } from '../../src/engine/live/live-state.js';
import type { PerpSymbol } from '../../src/engine/symbols.js';
import { CANDLE_MS } from './scenario.js';

/** Limits the trade list must respect (s). */
export interface CellLimits {
  readonly cooldownS: number;
  /** 0 = no max hold. */
  readonly maxHoldS: number;
}

const EPS = 1e-9;

/** The client order id each trade belongs to (a triggered stop's market order carries the stop's id). */
function tradeIds(fake: FakeBinance): { trade: FakeTrade; id: string; reduceOnly: boolean }[] {
  const byOrder = new Map(fake.book.orders.map((o) => [o.orderId, o]));
  const algoIds = new Set(fake.book.algoOrders.map((o) => o.clientAlgoId));
  return fake.trades().map((trade) => {
    const o = byOrder.get(trade.orderId);
    const id = o?.clientOrderId ?? `order#${trade.orderId}`;
    return { trade, id, reduceOnly: (o?.reduceOnly ?? false) || algoIds.has(id) };
  });
}

/** Violations of the cooldown: an entry whose first fill is within `cooldownS` of the previous entry's. */
export function cooldownBreaches(fake: FakeBinance, cooldownS: number): string[] {
  const first = new Map<string, number>();
  for (const t of tradeIds(fake)) if (!t.reduceOnly && !first.has(t.id)) first.set(t.id, t.trade.time);
  const times = [...first.entries()].sort((a, b) => a[1] - b[1]);
  const out: string[] = [];
  for (let i = 1; i < times.length; i++) {
    const [id, t] = times[i] as [string, number];
    const [prevId, prev] = times[i - 1] as [string, number];
    if (t - prev < cooldownS * 1_000) out.push(`${id} filled ${(t - prev) / 1_000} s after ${prevId}`);
  }
  return out;
}

/** Positions held longer than `maxHoldS` + 2 candles (the last one measured up to `now`). */
export function maxHoldBreaches(fake: FakeBinance, maxHoldS: number, now: number): string[] {
  if (maxHoldS <= 0) return [];
  const limit = maxHoldS * 1_000 + 2 * CANDLE_MS;
  const out: string[] = [];
  let qty = 0;
  let openedAt: number | null = null;
  for (const t of fake.trades()) {
    const before = qty;
    qty += t.side === 'BUY' ? t.qty : -t.qty;
    if (Math.abs(before) < EPS && Math.abs(qty) >= EPS) openedAt = t.time;
    if (Math.abs(qty) < EPS && openedAt !== null) {
      if (t.time - openedAt > limit) out.push(`held ${(t.time - openedAt) / 1_000} s from ${openedAt}`);
      openedAt = null;
    }
  }
  if (openedAt !== null && now - openedAt > limit) out.push(`still open after ${(now - openedAt) / 1_000} s`);
  return out;
}

/**
 * Differences between the fake's trades and the journal's fill lines: per client order id, the
 * journal's fill amounts must be the trades' quantities in order, each fill taking one or more
 * consecutive trades (a fill the bot learns late may cover several partial trades) — so every
 * trade is journaled exactly once; and no fill key twice.
 */
export function journalMismatches(fake: FakeBinance, journalPath: string): string[] {
  const trades = new Map<string, number[]>();
  for (const t of tradeIds(fake)) trades.set(t.id, [...(trades.get(t.id) ?? []), t.trade.qty]);
  const fills = new Map<string, number[]>();
  const keys = new Set<string>();
  const out: string[] = [];
  for (const e of readJournal(journalPath)) {
    if (e.t !== 'fill') continue;
    const key = String(e.key);
    if (keys.has(key)) out.push(`fill key ${key} journaled twice`);
    keys.add(key);
    const id = String(e.clientOrderId);
    fills.set(id, [...(fills.get(id) ?? []), Number(e.amount)]);
  }
  for (const id of new Set([...trades.keys(), ...fills.keys()])) {
    const tq = trades.get(id) ?? [];
    const fq = fills.get(id) ?? [];
    if (!partitions(fq, tq)) out.push(`${id}: trades ${JSON.stringify(tq)} vs journal fills ${JSON.stringify(fq)}`);
  }
  return out;
}

/** Is each of `fills` the sum of the next run of `trades`, using them all? */
function partitions(fills: readonly number[], trades: readonly number[]): boolean {
  let i = 0;
  for (const f of fills) {
    let sum = 0;
    while (i < trades.length && sum < f - EPS) sum += trades[i++] as number;
    if (Math.abs(sum - f) > 1e-6) return false;
  }
  return i === trades.length;
}

/** The saved state's own position (signed base units) versus the fake's. */
export function stateMismatch(fake: FakeBinance, store: LiveStateStore, market: string): string | null {
  if (!existsSync(store.path)) return fake.book.position(market).amount === 0 ? null : 'no state file';
  const doc = JSON.parse(readFileSync(store.path, 'utf8')) as { venue?: { ledger?: { qty: number } } };
  const mine = doc.venue?.ledger?.qty ?? 0;
  const theirs = fake.book.position(market).amount;
  return Math.abs(mine - theirs) < 1e-6 ? null : `state says ${mine}, the exchange ${theirs}`;
}

/** Everything a cell asserts, as a list of problems (empty = the cell holds). */
export function cellProblems(fake: FakeBinance, dataDir: string, symbol: PerpSymbol, limits: CellLimits): string[] {
  const store = new LiveStateStore(dataDir, symbol, 'real');
  const market = symbol.split('/')[0] + 'USDT';
  const v = fake.violations().map((x) => `violation ${x.kind} at ${new Date(x.time).toISOString()}: ${x.detail}`);
  const state = stateMismatch(fake, store, market);
  return [
    ...v,
    ...cooldownBreaches(fake, limits.cooldownS).map((s) => `cooldown: ${s}`),
    ...maxHoldBreaches(fake, limits.maxHoldS, fake.clock.now()).map((s) => `max hold: ${s}`),
    ...journalMismatches(fake, store.journalPath).map((s) => `journal: ${s}`),
    ...(state === null ? [] : [`state: ${state}`]),
  ];
}
