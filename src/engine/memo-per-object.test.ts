import { describe, expect, it } from 'vitest';
import { MemoPerObject } from './memo-per-object.js';

describe('MemoPerObject', () => {
  it('computes a value once per owner and key, undefined included', () => {
    const memo = new MemoPerObject<object, number | undefined>();
    const a = {};
    const b = {};
    let calls = 0;
    const make = (v: number | undefined) => () => ((calls += 1), v);
    expect(memo.get(a, 'k', make(1))).toBe(1);
    expect(memo.get(a, 'k', make(2))).toBe(1);
    expect(memo.get(b, 'k', make(3))).toBe(3);
    expect(memo.get(a, 'u', make(undefined))).toBeUndefined();
    expect(memo.get(a, 'u', make(4))).toBeUndefined();
    expect(calls).toBe(3);
  });

  it('empties an owner’s memo when it would hold more than its key limit', () => {
    const memo = new MemoPerObject<object, string>(2);
    const o = {};
    memo.get(o, 'a', () => 'a1');
    memo.get(o, 'b', () => 'b1');
    memo.get(o, 'c', () => 'c1');
    expect(memo.get(o, 'a', () => 'a2')).toBe('a2');
    expect(memo.get(o, 'c', () => 'c2')).toBe('c1');
  });
});
