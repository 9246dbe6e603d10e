/**
 * The best-of-N test's fast path (several sets per pass over the sparse counts, repeated
 * difference vectors skipped) is bit-identical to the step-by-step path (every set alone over
 * every block of every replication): on random sweeps with repeated sets, sets differing from an
 * earlier one only in the sign of a zero, zero-variance sets (the baseline's copies, constant
 * offsets), NaN and ±∞ blocks, differences whose squares overflow (those take the dense loop)
 * and set counts that are no multiple of the lane count, over random ranges of the sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenDifferences } from './seen-differences.js';
import { drawStationaryBootstrap } from './stationary-bootstrap.js';
import { superiorAbilityPart, type SuperiorAbilityPart } from './superior-ability.js';

const MAX_BLOCKS = 20;
const HUGE = 1e200; // its square overflows to +∞

const blockValue = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 3, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0) },
);
const nonFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

/** How one set's block PnL is made, from fresh values or from an earlier set (`of` modulo their count). */
const setRecipe = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('fresh' as const),
      values: fc.array(blockValue, { minLength: MAX_BLOCKS, maxLength: MAX_BLOCKS }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), of: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('signOfZero' as const), of: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offset' as const), by: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hugePair' as const), of: fc.nat(), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('nonFinite' as const), of: fc.nat(), at: fc.nat(), value: nonFinite }),
  },
);
type SetRecipe = typeof setRecipe extends fc.Arbitrary<infer R> ? R : never;

/** The next set of a sweep from its recipe and the sets `made` before it (offsets are from set 0). */
function makeSet(r: SetRecipe, made: readonly Float64Array[], n: number): Float64Array {
  if (r.kind === 'fresh') return Float64Array.from(r.values.slice(0, n));
  if (made.length === 0) return new Float64Array(n);
  const earlier = (of: number) => made[of % made.length] as Float64Array;
  if (r.kind === 'repeat') return Float64Array.from(earlier(r.of));
  if (r.kind === 'signOfZero') return earlier(r.of).map((v) => (v === 0 ? (Object.is(v, 0) ? -0 : 0) : v));
  if (r.kind === 'offset') return (made[0] as Float64Array).map((v) => v + r.by);
  if (r.kind === 'nonFinite') {
    const x = Float64Array.from(earlier(r.of));
    x[r.at % n] = r.value;
    return x;
  }
  // +HUGE on one block and −HUGE on the next: a finite mean, an overflowing sum of squares.
  const x = Float64Array.from(earlier(r.of));
  if (n >= 2) {
    const t = r.at % (n - 1);
    x[t] = (x[t] as number) + HUGE;
    x[t + 1] = (x[t + 1] as number) - HUGE;
  }
  return x;
}

const sweepCase = fc
  .record({
    n: fc.integer({ min: 1, max: MAX_BLOCKS }),
    reps: fc.integer({ min: 1, max: 40 }),
    blockLength: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    recipes: fc.array(setRecipe, { minLength: 1, maxLength: 31, size: 'max' }),
    picks: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
  })
  .map(({ n, reps, blockLength, seed, recipes, picks }) => {
    const sets: Float64Array[] = [];
    for (const r of recipes) sets.push(makeSet(r, sets, n));
    const N = sets.length;
    const [a, b] = [picks[0] % (N + 1), picks[1] % (N + 1)].sort((p, q) => p - q) as [number, number];
    const draws = drawStationaryBootstrap(n, reps, Math.min(blockLength, n), seed);
    return { sets, baseline: picks[2] % N, draws, range: { from: a, to: b } };
  });

/** The bytes of a Float64Array as hex (NaN payloads and the sign of zero included). */
const hex = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');

/** Asserts every field of two parts bit for bit. */
function expectBitIdentical(fast: SuperiorAbilityPart, slow: SuperiorAbilityPart): void {
  for (const key of ['tStats', 'meanDiff', 'spaMax', 'rcMax'] as const)
    expect(hex(fast[key]), key).toBe(hex(slow[key]));
  for (const key of ['from', 'to', 'compared', 'statistic', 'best', 'bestT', 'rcStatistic'] as const)
    expect(Object.is(fast[key], slow[key]), `${key}: ${fast[key]} vs ${slow[key]}`).toBe(true);
}

describe('superior predictive ability fast path (property)', () => {
  it('gives the step-by-step result bit for bit on random sweeps with repeats, ±0, NaN, ±∞ and zero-variance sets', () => {
    fc.assert(
      fc.property(sweepCase, ({ sets, baseline, draws, range }) => {
        const fast = superiorAbilityPart(sets, baseline, draws, range);
        const slow = superiorAbilityPart(sets, baseline, draws, range, { stepByStep: true });
        expectBitIdentical(fast, slow);
      }),
      { numRuns: 400 },
    );
  });
});

describe('seen difference vectors', () => {
  const vectors = fc.array(fc.array(blockValue, { minLength: 3, maxLength: 3 }), {
    minLength: 1,
    maxLength: 200,
    size: 'max',
  });

  it('treats vectors as seen exactly when their text keys d.join(",") are equal (SameValueZero per block)', () => {
    fc.assert(
      fc.property(vectors, fc.array(fc.nat(), { maxLength: 200, size: 'max' }), (fresh, repeats) => {
        // Repeats of earlier vectors, some with the sign of their zeros flipped.
        const all = fresh.map((v) => Float64Array.from(v));
        repeats.forEach((r, i) => {
          const v = all[r % all.length] as Float64Array;
          all.push(i % 2 === 0 ? Float64Array.from(v) : v.map((x) => (x === 0 ? -x : x)));
        });
        const seen = new SeenDifferences(3, 2);
        const keys = new Set<string>();
        for (const v of all) {
          const key = v.join(',');
          expect(seen.addIfNew(v)).toBe(!keys.has(key));
          keys.add(key);
        }
      }),
      { numRuns: 300 },
    );
  });
});
