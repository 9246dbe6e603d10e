/** Parameter sets in a canonical key order. */

/** The last canonical form of each parameter object: a sweep asks once per window of a set. */
const lastOf = new WeakMap<object, Readonly<Record<string, unknown>>>();

/** Whether `out` still holds exactly `p`'s keys and values (so `p` was not changed since). */
function sameEntries(p: Readonly<Record<string, unknown>>, out: Readonly<Record<string, unknown>>): boolean {
  let n = 0;
  for (const k in p) {
    if (!Object.prototype.hasOwnProperty.call(p, k)) continue;
    if (!Object.is(out[k], p[k])) return false;
    n++;
  }
  return n === Object.keys(out).length;
}

/**
 * Keys sorted, so equal parameter sets serialise identically. The result is frozen and may be
 * shared between calls for the same, unchanged object.
 */
export function canonicalParams(params: object): Readonly<Record<string, unknown>> {
  const p = params as Readonly<Record<string, unknown>>;
  const last = lastOf.get(params);
  if (last !== undefined && sameEntries(p, last)) return last;
  const out = Object.freeze(
    Object.fromEntries(
      Object.keys(p)
        .sort()
        .map((k) => [k, p[k]]),
    ),
  );
  lastOf.set(params, out);
  return out;
}
