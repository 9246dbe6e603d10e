/**
 * Deterministic client order ids: `cb-<BASE>-<decision time in base 36>-<leg>`, e.g.
 * `cb-ETH-mc4wq3k0-e`. The same decision always produces the same id, so a restarted live
 * runner can ask the exchange whether an order already exists instead of sending it twice.
 * Binance accepts ≤ 36 characters of `[.A-Za-z0-9:/_-]`.
 */

/** The role of an order within a trade. */
export type OrderLeg =
  | 'entry'
  | 'stop'
  | 'take_profit'
  | 'exit_max_hold'
  | 'exit_signal'
  | 'exit_window_end'
  /** The runner's market exit when a candle traded through the stop or take-profit and the venue's leg did not fire. */
  | 'backstop_stop'
  | 'backstop_take_profit'
  /** The live venue's market exit when the position's stop cannot be held (protection.ts). */
  | 'protective_exit';

const CODE: Readonly<Record<OrderLeg, string>> = {
  entry: 'e',
  stop: 's',
  take_profit: 't',
  exit_max_hold: 'h',
  exit_signal: 'x',
  exit_window_end: 'w',
  backstop_stop: 'k',
  backstop_take_profit: 'p',
  protective_exit: 'z',
};
/** The legs in {@link CODE}'s order (index = {@link legIndex}), and their codes. */
const LEGS = Object.keys(CODE) as OrderLeg[];
const CODES = LEGS.map((k) => CODE[k]);
// The two switches below restate CODE for speed: checked against it once, at load, both ways
// (every leg through both, and no character but a code names a leg).
for (const [i, leg] of LEGS.entries())
  if (legIndex(leg) !== i || CODE[leg].length !== 1 || legOfCode(CODE[leg].charCodeAt(0)) !== leg)
    throw new Error(`Invariant failed: client-order-id.ts's switches disagree with CODE on ${leg}`);
for (let c = 0; c < 128; c++)
  if ((legOfCode(c) === undefined) === CODES.includes(String.fromCharCode(c)))
    throw new Error(`Invariant failed: client-order-id.ts's legOfCode disagrees with CODE on char ${c}`);

/**
 * The index of `leg` in {@link LEGS}. A switch rather than a lookup by name in a record: a record
 * read with many different names is a megamorphic keyed load (a stub-cache probe per call), and
 * the simulator asks for every order's id.
 */
function legIndex(leg: OrderLeg): number {
  switch (leg) {
    case 'entry':
      return 0;
    case 'stop':
      return 1;
    case 'take_profit':
      return 2;
    case 'exit_max_hold':
      return 3;
    case 'exit_signal':
      return 4;
    case 'exit_window_end':
      return 5;
    case 'backstop_stop':
      return 6;
    case 'backstop_take_profit':
      return 7;
    case 'protective_exit':
      return 8;
  }
}
const PATTERN = /^cb-([A-Z0-9]+)-([0-9a-z]+)-([a-z])$/;

// Ids are pure functions of (coin, decision time, leg), and a sweep's thousands of runs decide at
// the same few thousand candle closes: each id string is built once and shared, so neither the
// base-36 conversion nor hashing a fresh string (the simulator's order map) is paid per run.
/** Bound of each coin's cache (decision times); cleared when full. */
const CACHE_LIMIT = 200_000;
const idsByBase = new Map<string, Map<number, (string | undefined)[]>>();
let lastTs = Number.NaN;
let lastBase = '';
let lastIds: (string | undefined)[] | undefined;

/**
 * The id of `leg` for the decision taken at `decisionTs` (ms UTC) on base coin `base`.
 * @throws Error when the id would exceed Binance's 36 characters (a base coin name that long is a bug).
 */
export function clientOrderId(base: string, decisionTs: number, leg: OrderLeg): string {
  // The legs of one decision are asked one after the other: keep the last decision's ids at hand.
  let ids = decisionTs === lastTs && base === lastBase ? lastIds : undefined;
  if (ids === undefined) {
    let byTs = idsByBase.get(base);
    if (byTs === undefined) idsByBase.set(base, (byTs = new Map()));
    ids = byTs.get(decisionTs);
    if (ids === undefined) {
      if (byTs.size >= CACHE_LIMIT) byTs.clear();
      byTs.set(decisionTs, (ids = new Array<string | undefined>(LEGS.length)));
    }
    lastTs = decisionTs;
    lastBase = base;
    lastIds = ids;
  }
  const k = legIndex(leg);
  let id = ids[k];
  if (id === undefined) {
    id = internalized(`cb-${base}-${decisionTs.toString(36)}-${CODES[k] as string}`);
    if (id.length > 36) throw new Error(`Invariant failed: client order id ${id} exceeds 36 characters`);
    ids[k] = id;
  }
  return id;
}

/**
 * `s` as V8's one internalized copy (a property name's): maps keyed by ids (the simulator's order
 * book, the parse cache) then tell two different ids apart by address instead of comparing
 * their characters on every hash-bucket neighbour.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] as string;
}

/** The leg of an id made by {@link clientOrderId} (a fast check of its last character), or undefined. */
export function legOf(id: string): OrderLeg | undefined {
  if (!id.startsWith('cb-') || id.charCodeAt(id.length - 2) !== 45 /* '-' */) return undefined;
  return legOfCode(id.charCodeAt(id.length - 1));
}

/** The leg whose {@link CODE} is the character `c` (a char code), or undefined (a switch: see {@link legIndex}). */
function legOfCode(c: number): OrderLeg | undefined {
  switch (c) {
    case 101 /* e */:
      return 'entry';
    case 115 /* s */:
      return 'stop';
    case 116 /* t */:
      return 'take_profit';
    case 104 /* h */:
      return 'exit_max_hold';
    case 120 /* x */:
      return 'exit_signal';
    case 119 /* w */:
      return 'exit_window_end';
    case 107 /* k */:
      return 'backstop_stop';
    case 112 /* p */:
      return 'backstop_take_profit';
    case 122 /* z */:
      return 'protective_exit';
    default:
      return undefined;
  }
}

/** What an id made by {@link clientOrderId} says. */
export interface ParsedClientOrderId {
  readonly base: string;
  readonly decisionTs: number;
  readonly leg: OrderLeg;
}

/** Parsed ids (shared, frozen): the same id strings recur in every run of a sweep. */
const parsed = new Map<string, ParsedClientOrderId | null>();

/** Parses an id made by {@link clientOrderId}; null for any other id. The result is frozen and may be shared. */
export function parseClientOrderId(id: string): ParsedClientOrderId | null {
  const hit = parsed.get(id);
  if (hit !== undefined) return hit;
  if (parsed.size >= CACHE_LIMIT) parsed.clear();
  const p = parseId(id);
  parsed.set(id, p === null ? null : Object.freeze(p));
  return p;
}

function parseId(id: string): ParsedClientOrderId | null {
  // The PATTERN's test without the regular expression (a trade list parses every fill's id):
  // `cb-`, a base of [A-Z0-9]+, `-`, a time of [0-9a-z]+, `-`, one letter [a-z].
  const n = id.length;
  if (n < 8 || !id.startsWith('cb-') || id.charCodeAt(n - 2) !== 45 /* '-' */) return null;
  const dash = id.indexOf('-', 3);
  if (dash <= 3 || dash >= n - 3) return null;
  if (!allIn(id, 3, dash, isUpperOrDigit) || !allIn(id, dash + 1, n - 2, isLowerOrDigit)) return null;
  const last = id.charCodeAt(n - 1);
  if (last < 97 || last > 122) return null;
  const leg = legOfCode(last);
  if (leg === undefined) return null;
  return { base: id.slice(3, dash), decisionTs: parseInt(id.slice(dash + 1, n - 2), 36), leg };
}

const isUpperOrDigit = (c: number) => (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

function allIn(s: string, from: number, to: number, ok: (c: number) => boolean): boolean {
  for (let i = from; i < to; i++) if (!ok(s.charCodeAt(i))) return false;
  return true;
}

/** The regular expression {@link parseClientOrderId} implements (kept for the tests that compare both). */
export const CLIENT_ORDER_ID_PATTERN = PATTERN;
