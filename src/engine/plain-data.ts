/**
 * Exact equality of plain data (what a strategy's state and the runner's state are made of):
 * numbers compared with `Object.is` (NaN equals NaN, −0 differs from +0, ±Infinity from null),
 * `undefined` properties and array holes kept apart from missing ones, keys in order. JSON text
 * cannot serve: it writes NaN, ±Infinity and null alike, −0 as 0, and drops `undefined`. And a
 * deep copy of such data ({@link copyPlain}), exact in the same sense.
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

/** What {@link copyPlain} returns for data that is not plain. */
export const NOT_PLAIN: unique symbol = Symbol('not plain data');

/**
 * A deep copy of plain data that {@link samePlain} finds equal to `x` (holes and `undefined`
 * kept, keys in order), or {@link NOT_PLAIN} when `x` holds anything else (a Date, a Map, a
 * function, a symbol key).
 */
export function copyPlain(x: unknown): unknown {
  if (typeof x !== 'object' || x === null) return typeof x === 'function' || typeof x === 'symbol' ? NOT_PLAIN : x;
  if (Array.isArray(x)) {
    const out = new Array<unknown>(x.length);
    for (let i = 0; i < x.length; i++) {
      if (!(i in x)) continue;
      const v = copyPlain(x[i]);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[i] = v;
    }
    return out;
  }
  if (!isPlainObject(x) || Object.getOwnPropertySymbols(x).length > 0) return NOT_PLAIN;
  const proto = Object.getPrototypeOf(x) as object | null;
  const out = (proto === null ? Object.create(null) : {}) as Record<string, unknown>;
  const src = x as Readonly<Record<string, unknown>>;
  for (const k in src) {
    if (!Object.prototype.hasOwnProperty.call(src, k)) continue;
    const v = copyPlain(src[k]);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    // A key named __proto__ is data here, not the prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}
