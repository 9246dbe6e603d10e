/**
 * Classes of parameter sets by their values in a fixed name order, equal exactly when
 * {@link setKey}'s JSON texts are equal, found without writing any text: a grid of 10,752 points
 * spent ≈ 65–130 ms of the run's serial start on `JSON.stringify` (number-to-text conversion),
 * where a walk down nested maps takes a few hundred nanoseconds per point. Pure.
 */

/** Canonical JSON of a set with keys in `names` order (the definition of a class). */
export function setKey(set: Readonly<Record<string, unknown>>, names: readonly string[]): string {
  return JSON.stringify(names.map((n) => set[n]));
}

/** One class: what its first member stored. */
export interface SetClass<T> {
  value: T | undefined;
}

/**
 * A value as a `Map` key that is equal to another exactly when their JSON texts as array
 * elements are: finite numbers by value (`Map` equates −0 and +0, which JSON writes alike);
 * NaN, ±Infinity, undefined, functions and symbols all as null (JSON writes `null`); strings,
 * booleans and null as themselves; anything else by its JSON text: read back when that is a
 * primitive (a `toJSON`), else one key object per text (so it never meets a string key).
 */
function keyOf(v: unknown): unknown {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
    default:
      return v === null ? null : jsonKey(JSON.stringify(v));
  }
}

/** The key of a value other than a primitive by its JSON text (a `toJSON` may make it a string or number). */
function jsonKey(json: string | undefined): unknown {
  if (json === undefined) return null;
  const back = JSON.parse(json) as unknown;
  return typeof back === 'object' && back !== null ? objectKey(json) : keyOf(back);
}

/** One key object per JSON text of an object value (never equal to a string or number key). */
const objectKeys = new Map<string, object>();

function objectKey(json: string): object {
  let k = objectKeys.get(json);
  if (k === undefined) objectKeys.set(json, (k = Object.freeze({ json })));
  return k;
}

/** Sets' classes over `names`: {@link classOf} returns the same object for sets of equal {@link setKey}. */
export class SetClasses<T> {
  private readonly root = new Map<unknown, unknown>();

  constructor(private readonly names: readonly string[]) {}

  /** The class of `set` (created empty on first sight). */
  classOf(set: Readonly<Record<string, unknown>>): SetClass<T> {
    const names = this.names;
    let node = this.root;
    const last = names.length - 1;
    for (let i = 0; i < last; i++) {
      const k = keyOf(set[names[i] as string]);
      let next = node.get(k) as Map<unknown, unknown> | undefined;
      if (next === undefined) node.set(k, (next = new Map()));
      node = next;
    }
    const k = last < 0 ? null : keyOf(set[names[last] as string]);
    let leaf = node.get(k) as SetClass<T> | undefined;
    if (leaf === undefined) node.set(k, (leaf = { value: undefined }));
    return leaf;
  }
}
