/**
 * Values computed once per (object, key) and dropped with the object: a sweep asks the same
 * question of one candle series or one sweep context for every one of thousands of sets.
 */

/** A memo of values per owner object and string key. */
export class MemoPerObject<O extends object, V> {
  private readonly byOwner = new WeakMap<O, Map<string, V>>();

  /** @param maxKeys keys kept per owner; the owner's memo is emptied when it would exceed them. */
  constructor(private readonly maxKeys = Infinity) {}

  /** The value of `key` for `owner`, computed by `make` on the first ask. */
  get(owner: O, key: string, make: () => V): V {
    let byKey = this.byOwner.get(owner);
    if (byKey === undefined) this.byOwner.set(owner, (byKey = new Map()));
    let v = byKey.get(key);
    if (v === undefined && !byKey.has(key)) {
      v = make();
      if (byKey.size >= this.maxKeys) byKey.clear();
      byKey.set(key, v);
    }
    return v as V;
  }
}
