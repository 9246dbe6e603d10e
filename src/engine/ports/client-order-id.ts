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
const LEG_OF: Readonly<Record<string, OrderLeg>> = Object.fromEntries(
  Object.entries(CODE).map(([k, v]) => [v, k as OrderLeg]),
);
const PATTERN = /^cb-([A-Z0-9]+)-([0-9a-z]+)-([a-z])$/;

// The legs of one decision share its time: convert it to base 36 once.
let lastTs = Number.NaN;
let lastTs36 = '';

/**
 * The id of `leg` for the decision taken at `decisionTs` (ms UTC) on base coin `base`.
 * @throws Error when the id would exceed Binance's 36 characters (a base coin name that long is a bug).
 */
export function clientOrderId(base: string, decisionTs: number, leg: OrderLeg): string {
  if (decisionTs !== lastTs) {
    lastTs = decisionTs;
    lastTs36 = decisionTs.toString(36);
  }
  const id = `cb-${base}-${lastTs36}-${CODE[leg]}`;
  if (id.length > 36) throw new Error(`Invariant failed: client order id ${id} exceeds 36 characters`);
  return id;
}

/** The leg of an id made by {@link clientOrderId} (a fast check of its last character), or undefined. */
export function legOf(id: string): OrderLeg | undefined {
  if (!id.startsWith('cb-') || id.charCodeAt(id.length - 2) !== 45 /* '-' */) return undefined;
  return LEG_OF[id.charAt(id.length - 1)];
}

/** Parses an id made by {@link clientOrderId}; null for any other id. */
export function parseClientOrderId(id: string): { base: string; decisionTs: number; leg: OrderLeg } | null {
  const m = PATTERN.exec(id);
  if (!m) return null;
  const leg = LEG_OF[m[3] as string];
  if (leg === undefined) return null;
  return { base: m[1] as string, decisionTs: parseInt(m[2] as string, 36), leg };
}
