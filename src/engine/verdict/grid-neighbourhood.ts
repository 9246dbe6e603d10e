/**
 * Robustness on the parameter grid. Two sets are neighbours when they differ by exactly one step
 * along exactly one axis and agree on every other axis. A set's neighbourhood score is the median
 * of its own score and its neighbours' scores: a plateau (good values around) keeps its score,
 * an isolated spike (one lucky set among poor ones) falls to its neighbours' level. With at least
 * two neighbours the median ignores the set's own value when it is the extreme one, which is why
 * the verdict asks for `minNeighbours = 2`.
 */
import { DataError } from '../errors.js';
import { median, type Series } from './sample-moments.js';

/** A parameter value as the grid holds it. */
export type ParamValue = number | string | boolean;

/** Parameter name → values in grid order; adjacent entries are one grid step apart. */
export type GridAxes = Readonly<Record<string, readonly ParamValue[]>>;

const NOT_APPLICABLE = -1;

/**
 * Neighbour lists on the grid, `result[i]` ascending set indices.
 *
 * Position of a set: for each axis (names sorted, so insertion order never matters), the index of
 * its value on that axis. A set without a value for an axis (a parameter that does not apply,
 * e.g. a retest tolerance when retest is off) is "not applicable" there and has no neighbour along
 * that axis; it can still have neighbours along the others. Parameters that are not axes are
 * ignored. Several sets at the same position are all neighbours of the adjacent positions.
 *
 * @throws DataError when a value is not on its axis or an axis repeats a value.
 */
export function gridNeighbours(params: readonly Readonly<Record<string, ParamValue>>[], axes: GridAxes): number[][] {
  const names = Object.keys(axes).sort();
  const lookup = names.map((name) => {
    const m = new Map<ParamValue, number>();
    (axes[name] ?? []).forEach((v, i) => {
      if (m.has(v)) throw new DataError(`grid axis ${name} lists ${String(v)} twice; give each axis distinct values`);
      m.set(v, i);
    });
    return m;
  });
  const positions = params.map((p, i) =>
    names.map((name, a) => {
      if (!Object.prototype.hasOwnProperty.call(p, name)) return NOT_APPLICABLE;
      const v = p[name] as ParamValue;
      const at = (lookup[a] as Map<ParamValue, number>).get(v);
      if (at === undefined) {
        throw new DataError(
          `set ${i}: ${name}=${String(v)} is not on the grid axis; pass axis values exactly as the sets use them`,
        );
      }
      return at;
    }),
  );
  // A position as one number: digit a = index on axis a + 1 (0 = not applicable), radix = axis
  // length + 1. Exact while the product of the radices is a safe integer, else string keys.
  const radix = names.map((name) => (axes[name]?.length ?? 0) + 1);
  const safe = radix.reduce((x, r) => x * r, 1) <= Number.MAX_SAFE_INTEGER;
  const place: number[] = [];
  radix.reduce((w, r, a) => ((place[a] = w), w * r), 1);
  const keyOf = (pos: readonly number[]): number | string =>
    safe ? pos.reduce((k, at, a) => k + (at + 1) * (place[a] as number), 0) : pos.join(',');
  const byKey = new Map<number | string, number[]>();
  const keys = positions.map(keyOf);
  keys.forEach((key, i) => {
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [i]);
    else list.push(i);
  });
  return positions.map((pos, i) => {
    const out: number[] = [];
    for (let a = 0; a < pos.length; a++) {
      const at = pos[a] as number;
      if (at === NOT_APPLICABLE) continue;
      for (const step of [-1, 1]) {
        const to = at + step;
        // Off the axis: no neighbour (in particular not the sets where the axis does not apply).
        if (to < 0 || to >= (radix[a] as number) - 1) continue;
        let key: number | string;
        if (safe) key = (keys[i] as number) + step * (place[a] as number);
        else {
          const q = pos.slice();
          q[a] = to;
          key = q.join(',');
        }
        for (const j of byKey.get(key) ?? []) if (j !== i) out.push(j);
      }
    }
    return out.sort((x, y) => x - y);
  });
}

/**
 * Neighbourhood scores: for each set, the median of its own score and its neighbours' scores
 * (units of the score, e.g. USDT). Non-finite neighbour scores are skipped.
 */
export function neighbourhoodScores(scores: Series, neighbours: readonly (readonly number[])[]): Float64Array {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const vals = [scores[i] as number];
    for (const j of neighbours[i] ?? []) {
      const v = scores[j] as number;
      if (Number.isFinite(v)) vals.push(v);
    }
    out[i] = median(vals);
  }
  return out;
}
