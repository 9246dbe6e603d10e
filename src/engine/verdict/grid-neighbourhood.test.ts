import { describe, expect, it } from 'vitest';
import { gridNeighbours, neighbourhoodScores, type ParamValue } from './grid-neighbourhood.js';
import { descendingRanks } from './rank-correlation.js';
import { DataError } from '../errors.js';

/** A 5×5 grid over a (0…4) × b (0…4), row-major: index = 5a + b. */
function grid5(): { params: Array<Record<string, ParamValue>>; axes: Record<string, number[]> } {
  const params: Array<Record<string, ParamValue>> = [];
  for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) params.push({ a, b });
  return { params, axes: { a: [0, 1, 2, 3, 4], b: [0, 1, 2, 3, 4] } };
}

describe('grid neighbourhood', () => {
  it('links sets one step apart on exactly one axis', () => {
    const { params, axes } = grid5();
    const nb = gridNeighbours(params, axes);
    expect(nb[0]).toEqual([1, 5]); // corner (0,0)
    expect(nb[12]).toEqual([7, 11, 13, 17]); // centre (2,2)
    expect(nb[4]).toEqual([3, 9]); // corner (0,4)
  });

  it('ranks a plateau above an isolated spike on a crafted grid', () => {
    // plateau: a, b ∈ {0,1,2} score 10 (a 3×3 block); spike: (4,4) scores 15 among zeros.
    const { params, axes } = grid5();
    const scores: number[] = params.map((p) => ((p.a as number) <= 2 && (p.b as number) <= 2 ? 10 : 0));
    scores[24] = 15;
    const hood = neighbourhoodScores(Float64Array.from(scores), gridNeighbours(params, axes));
    expect(hood[24]).toBe(0); // median of {15, 0, 0}
    expect(hood[12]).toBe(10); // plateau corner (2,2): {10, 10, 10, 0, 0} → 10
    expect(hood[0]).toBe(10); // {10, 10, 10}
    const ranks = descendingRanks(hood);
    const rawRanks = descendingRanks(Float64Array.from(scores));
    expect(rawRanks[24]).toBe(1); // the spike wins on its own score…
    expect(ranks[24]).toBeGreaterThan(ranks[12] as number); // …and loses on its neighbourhood
    expect(ranks[24]).toBeGreaterThan(9);
  });

  it('takes the mean of the two middle values when a set has an odd number of neighbours', () => {
    // a 1-D axis of 3: set 0 has one neighbour → median of {own, neighbour} = their mean
    const hood = neighbourhoodScores([4, 2, 9], gridNeighbours([{ x: 1 }, { x: 2 }, { x: 3 }], { x: [1, 2, 3] }));
    expect(Array.from(hood)).toEqual([3, 4, 5.5]);
  });

  it('does not depend on the insertion order of parameter names or axes', () => {
    const a = gridNeighbours(
      [
        { p: 1, q: 'x' },
        { q: 'y', p: 1 },
        { p: 2, q: 'x' },
      ],
      { q: ['x', 'y'], p: [1, 2] },
    );
    const b = gridNeighbours(
      [
        { q: 'x', p: 1 },
        { p: 1, q: 'y' },
        { q: 'x', p: 2 },
      ],
      { p: [1, 2], q: ['x', 'y'] },
    );
    expect(a).toEqual(b);
    expect(a[0]).toEqual([1, 2]);
  });

  it('gives no neighbour along an axis where the set has no value (parameter not applicable)', () => {
    // retest off has no tolerance; retest on has tolerances 1, 2.
    const params = [{ retest: false }, { retest: true, tol: 1 }, { retest: true, tol: 2 }];
    const nb = gridNeighbours(params, { retest: [false, true], tol: [1, 2] });
    expect(nb[0]).toEqual([]);
    expect(nb[1]).toEqual([2]);
  });

  it('never links a set where an axis does not apply to one at the first value of that axis', () => {
    // Neighbours are symmetric: set 1 (b at its first value) is not one step from set 0 (no b).
    const nb = gridNeighbours([{ a: 1 }, { a: 1, b: 10 }, { a: 1, b: 20 }], { a: [1, 2], b: [10, 20] });
    expect(nb).toEqual([[], [2], [1]]);
  });

  it('finds the same neighbours on a grid of so many axes that a position no longer fits one number', () => {
    // 40 axes of 3 values: 4^40 positions exceed 2^53, so the positions are keyed as text.
    const names = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const axes = Object.fromEntries(names.map((n) => [n, [0, 1, 2]]));
    const at = (k: number, v: number) => Object.fromEntries(names.map((n, i) => [n, i === k ? v : 1]));
    const params = [at(0, 0), at(0, 1), at(0, 2), at(39, 2)];
    expect(gridNeighbours(params, axes)).toEqual([[1], [0, 2, 3], [1], [1]]);
  });

  it('ignores parameters that are not axes and treats booleans as a two-step axis', () => {
    const nb = gridNeighbours(
      [
        { on: false, sym: 'BTC' },
        { on: true, sym: 'BTC' },
      ],
      { on: [false, true] },
    );
    expect(nb).toEqual([[1], [0]]);
  });

  it('refuses a value that is not on its axis and an axis with a repeated value', () => {
    expect(() => gridNeighbours([{ x: 1.03 }], { x: [1.02, 1.04] })).toThrow(DataError);
    expect(() => gridNeighbours([{ x: 1.03 }], { x: [1.02, 1.04] })).toThrow(/x=1.03/);
    expect(() => gridNeighbours([{ x: 1 }], { x: [1, 1] })).toThrow(/twice/);
  });
});
