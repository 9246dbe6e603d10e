/**
 * Parameter grids: an ordered list of values per parameter, expanded into parameter sets in a
 * stable order (the first parameter varies slowest), then collapsed so that sets which must
 * behave identically run once. The order depends only on the grid, never on workers or timing.
 */
import { invariant } from '../errors.js';
import { SetClasses } from './set-classes.js';

/** A parameter value as the env files and grids spell it. */
export type ParamValue = number | string;

/** A full parameter set (every parameter named). */
export type ParamSet = Readonly<Record<string, ParamValue>>;

/** Values per parameter, in the order the grid lists them; parameter order = expansion order. */
export type Grid = ReadonlyArray<readonly [name: string, values: readonly ParamValue[]]>;

/**
 * Maps a parameter set to its behavioural class: two sets with equal canonical forms must
 * produce identical simulations (e.g. retest off makes tolerance and window irrelevant).
 */
export type Canonicalise = (set: ParamSet) => ParamSet;

/** One distinct set of an expanded grid. */
export interface GridPoint {
  /** Stable id: position among distinct sets, `s0000`, `s0001`, … */
  readonly id: string;
  /** The representative set (the baseline's own values when the baseline is in the class). */
  readonly params: ParamSet;
  /** How many raw grid points collapsed into this one. */
  readonly members: number;
  readonly isBaseline: boolean;
}

/** Number of raw (uncollapsed) points of a grid. */
export function rawGridSize(grid: Grid): number {
  return grid.reduce((n, [, values]) => n * values.length, 1);
}

/**
 * Expands `grid` over `base` (parameters the grid does not list keep their base value),
 * collapses behaviourally identical sets, and marks the baseline.
 * @param baseline the live set; it must be a grid point (its class is represented by it).
 * @throws Error (invariant) when the baseline is not on the grid: a bug in grid construction.
 */
export function expandGrid(grid: Grid, base: ParamSet, baseline: ParamSet, canonicalise: Canonicalise): GridPoint[] {
  const names = Object.keys(base);
  // Classes by setKey (JSON of the canonical values in `names` order), found without the JSON.
  const byKey = new SetClasses<{ params: ParamSet; members: number; isBaseline: boolean }>(names);
  const baselineClass = byKey.classOf(canonicalise(baseline));
  const classes: { params: ParamSet; members: number; isBaseline: boolean }[] = [];
  const sizes = grid.map(([, v]) => v.length);
  const total = rawGridSize(grid);
  const idx = new Array<number>(grid.length).fill(0);
  for (let k = 0; k < total; k++) {
    const set: Record<string, ParamValue> = { ...base };
    grid.forEach(([name, values], g) => {
      set[name] = values[idx[g] as number] as ParamValue;
    });
    const c = byKey.classOf(canonicalise(set));
    if (c.value !== undefined) c.value.members += 1;
    else {
      const isBaseline = c === baselineClass;
      c.value = { params: isBaseline ? { ...baseline } : set, members: 1, isBaseline };
      classes.push(c.value);
    }
    for (let g = grid.length - 1; g >= 0; g--) {
      idx[g] = (idx[g] as number) + 1;
      if ((idx[g] as number) < (sizes[g] as number)) break;
      idx[g] = 0;
    }
  }
  const points = classes.map((c, i) => ({ id: `s${String(i).padStart(4, '0')}`, ...c }));
  invariant(
    points.some((p) => p.isBaseline),
    'the baseline set is not a point of the grid',
  );
  return points;
}
