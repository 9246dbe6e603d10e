/** Parameter sets in a canonical key order. */

/** Keys sorted, so equal parameter sets serialise identically. */
export function canonicalParams(params: object): Record<string, unknown> {
  const p = params as Readonly<Record<string, unknown>>;
  return Object.fromEntries(
    Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]),
  );
}
