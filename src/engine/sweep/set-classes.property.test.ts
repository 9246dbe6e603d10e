/**
 * `SetClasses` puts two sets in one class exactly when their `setKey` JSON texts are equal,
 * on random sets over values chosen to meet at the edges of JSON: ±0, NaN and ±Infinity (all
 * `null`), numbers and their digits as strings, `null` and `"null"`, undefined, objects and
 * arrays and their JSON as strings, a `toJSON` that returns a string, a number or undefined.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandGrid, type Grid, type ParamSet } from './grid.js';
import { SetClasses, setKey } from './set-classes.js';

const EDGES: readonly unknown[] = [
  0,
  -0,
  1,
  1.5,
  0.1 + 0.2,
  0.30000000000000004,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  '1',
  '0',
  '1.5',
  'null',
  '',
  'true',
  true,
  false,
  null,
  undefined,
  { a: 1 },
  '{"a":1}',
  [1],
  '[1]',
  { toJSON: () => 'x' },
  'x',
  { toJSON: () => 7 },
  7,
  { toJSON: () => undefined },
  () => 1,
];
const NAMES = ['A', 'B', 'C'];
const value = fc.oneof(fc.constantFrom(...EDGES), fc.double(), fc.string({ maxLength: 3 }));
const set = fc.tuple(value, value, value).map(([a, b, c]) => ({ A: a, B: b, C: c }));

describe('SetClasses', () => {
  it('gives two sets one class exactly when their setKey texts are equal', () => {
    fc.assert(
      fc.property(fc.array(set, { minLength: 1, maxLength: 40 }), (sets) => {
        const classes = new SetClasses<number>(NAMES);
        const of = sets.map((s) => classes.classOf(s));
        for (let i = 0; i < sets.length; i++)
          for (let j = 0; j < sets.length; j++)
            expect(of[i] === of[j]).toBe(setKey(sets[i] as ParamSet, NAMES) === setKey(sets[j] as ParamSet, NAMES));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the edge values apart or together as JSON does', () => {
    const classes = new SetClasses<number>(['A']);
    for (const a of EDGES)
      for (const b of EDGES)
        expect(classes.classOf({ A: a }) === classes.classOf({ A: b })).toBe(
          JSON.stringify([a]) === JSON.stringify([b]),
        );
  });

  it('collapses a grid into the classes a JSON-keyed map finds, in first-seen order', () => {
    const grid: Grid = [
      ['X', [0, 1, 2, 3]],
      ['Y', ['a', 'b']],
      ['Z', [0.5, 1, 1.5]],
    ];
    const base = { X: 0, Y: 'a', Z: 0.5, W: 9 };
    // X = 0 makes Z irrelevant, and Y only matters for X ≥ 2: classes of several members.
    const canon = (s: ParamSet): ParamSet => ({
      ...s,
      Z: s.X === 0 ? 0 : (s.Z as number),
      Y: (s.X as number) < 2 ? 'a' : (s.Y as string),
    });
    const points = expandGrid(grid, base, { ...base, X: 1, Z: 1 }, canon);
    const reference = new Map<string, number>();
    const names = Object.keys(base);
    for (const x of [0, 1, 2, 3])
      for (const y of ['a', 'b'])
        for (const z of [0.5, 1, 1.5]) {
          const k = setKey(canon({ ...base, X: x, Y: y, Z: z }), names);
          reference.set(k, (reference.get(k) ?? 0) + 1);
        }
    expect(points.map((p) => setKey(canon(p.params), names))).toEqual([...reference.keys()]);
    expect(points.map((p) => p.members)).toEqual([...reference.values()]);
    expect(points.filter((p) => p.isBaseline).map((p) => p.params)).toEqual([{ ...base, X: 1, Z: 1 }]);
  });
});
