/**
 * "Did you mean …": the closest valid name to a misspelt one, by edit distance (insertions,
 * deletions, substitutions and adjacent swaps), ignoring case.
 */

/** Optimal-string-alignment distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      let v = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[m] as number[])[n] as number;
}

/**
 * The valid name closest to `input`, or undefined when none is close (distance above a third
 * of the name's length, at least 2). Ties go to the first in `names`.
 */
export function didYouMean(input: string, names: readonly string[]): string | undefined {
  const x = input.toUpperCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const name of names) {
    const dist = editDistance(x, name.toUpperCase());
    if (dist < bestD) {
      best = name;
      bestD = dist;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
