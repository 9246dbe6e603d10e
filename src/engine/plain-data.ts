/**
 * Exact equality of plain data (what a strategy's state and the runner's state are made of):
 * numbers compared with `Object.is` (NaN equals NaN, −0 differs from +0, ±Infinity from null),
 * `undefined` properties and array holes kept apart from missing ones, keys in order. JSON text
 * cannot serve: it writes NaN, ±Infinity and null alike, −0 as 0, and drops `undefined`.
 */

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * True when `a` and `b` are the same plain data: primitives by `Object.is`, arrays and plain
 * objects (prototype `Object.prototype` or null) element by element, own keys in the same order.
 * Anything else (a Date, a Map, a class instance, a function) is never equal, not even to itself:
 * callers that treat equality as "behaves the same" must not guess for those.
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return typeof a !== 'function' && Object.is(a, b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (i in a !== i in b || !samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || Object.getOwnPropertySymbols(a).length + Object.getOwnPropertySymbols(b).length > 0)
    return false;
  const ra = a as Readonly<Record<string, unknown>>;
  const rb = b as Readonly<Record<string, unknown>>;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (k !== kb[i] || !samePlain(ra[k], rb[k])) return false;
  }
  return true;
}
