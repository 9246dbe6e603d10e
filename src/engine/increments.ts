/**
 * Rounding to a market's increments: prices to the tick, amounts to the step (both from
 * `MarketFacts`). Results are snapped to the increment's decimals so that `0.1 + 0.2`-style
 * float noise never reaches an order or a fingerprint.
 */

const decimalsCache = new Map<number, number>();
// The last two increments asked and their powers of ten: a run rounds prices to one tick and
// amounts to one step throughout, alternately, so two slots hold both.
let incA = Number.NaN;
let powA = Number.NaN;
let incB = Number.NaN;
let powB = Number.NaN;

function decimalsOf(inc: number): number {
  const hit = decimalsCache.get(inc);
  if (hit !== undefined) return hit;
  const d = countDecimals(inc);
  decimalsCache.set(inc, d);
  return d;
}

function countDecimals(inc: number): number {
  const s = inc.toString();
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]) + (s.split('e')[0]?.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

// Tolerance in units of the increment: x/inc = 2.9999999999 counts as 3. It grows with the
// quotient, which carries float noise of a few 1e-16 of its size.
function tolerance(k: number): number {
  return 1e-9 + 1e-14 * Math.abs(k);
}

// m / 10^d with integer m is correctly rounded, so this equals parsing the decimal string.
function snap(k: number, inc: number): number {
  const p = powerOf(inc);
  return Math.round(k * inc * p) / p;
}

/** 10 ^ (the decimals of `inc`), from the two slots or computed (then in the older slot's place). */
function powerOf(inc: number): number {
  if (inc === incA) return powA;
  if (inc === incB) return powB;
  incB = incA;
  powB = powA;
  incA = inc;
  powA = 10 ** decimalsOf(inc);
  return powA;
}

/** Largest multiple of `inc` ≤ `x` (with a tolerance of about 1e-9 increment for float noise). */
export function floorTo(x: number, inc: number): number {
  const k = x / inc;
  return snap(Math.floor(k + tolerance(k)), inc);
}

/** Smallest multiple of `inc` ≥ `x` (with a tolerance of about 1e-9 increment for float noise). */
export function ceilTo(x: number, inc: number): number {
  const k = x / inc;
  return snap(Math.ceil(k - tolerance(k)), inc);
}

/** Nearest multiple of `inc`. */
export function roundTo(x: number, inc: number): number {
  return snap(Math.round(x / inc), inc);
}

/** True when `x` is a multiple of `inc` (within the tolerance). */
export function isMultipleOf(x: number, inc: number): boolean {
  const k = x / inc;
  return Math.abs(k - Math.round(k)) < 1e-6;
}
