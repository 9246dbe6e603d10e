import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyPlain, NOT_PLAIN, samePlain } from './plain-data.js';

describe('samePlain', () => {
  it('tells apart what JSON text writes alike: NaN, ±Infinity and null; −0 and 0; undefined and missing', () => {
    expect(samePlain({ r: Number.NEGATIVE_INFINITY }, { r: null })).toBe(false);
    expect(samePlain({ r: Number.NaN }, { r: null })).toBe(false);
    expect(samePlain({ r: -0 }, { r: 0 })).toBe(false);
    expect(samePlain({ r: undefined }, {})).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(samePlain([1, , 3], [1, undefined, 3])).toBe(false);
  });

  it('holds for equal plain data, NaN included, and needs the same key order', () => {
    expect(
      samePlain({ a: [1, { b: Number.NaN }], c: null, d: 'x' }, { a: [1, { b: Number.NaN }], c: null, d: 'x' }),
    ).toBe(true);
    expect(samePlain({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(samePlain(structuredClone({ a: [-0, undefined] }), { a: [-0, undefined] })).toBe(true);
  });

  it('never calls other objects equal, not even to themselves', () => {
    const d = new Date(0);
    expect(samePlain(d, d)).toBe(false);
    expect(samePlain(new Map(), new Map())).toBe(false);
    const f = () => 1;
    expect(samePlain(f, f)).toBe(false);
    expect(samePlain([], {})).toBe(false);
  });
});

describe('copyPlain', () => {
  const leaf = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, '__proto__'),
    fc.string(),
  );
  const data = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
  })).node;

  it('copies plain data into something samePlain finds equal and no later change reaches', () => {
    fc.assert(
      fc.property(data, (x) => {
        const copy = copyPlain(x);
        expect(samePlain(copy, x)).toBe(true);
        if (typeof x === 'object' && x !== null) expect(copy).not.toBe(x);
      }),
      { numRuns: 2000 },
    );
    const o = { a: [1, { b: 2 }], ['__proto__']: 3 } as Record<string, unknown>;
    const c = copyPlain(o) as Record<string, unknown>;
    ((o.a as unknown[])[1] as { b: number }).b = 5;
    expect(samePlain(c, o)).toBe(false);
  });

  it('refuses what is not plain data', () => {
    expect(copyPlain({ d: new Date(0) })).toBe(NOT_PLAIN);
    expect(copyPlain([() => 1])).toBe(NOT_PLAIN);
    expect(copyPlain({ [Symbol('s')]: 1 })).toBe(NOT_PLAIN);
  });
});
