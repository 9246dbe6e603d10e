import { describe, expect, it } from 'vitest';
import { validateSweep, type SymbolSweep } from './sweep-input.js';
import { syntheticSweep } from './synthetic-sweep.js';
import { DataError } from '../errors.js';

function withSet0(
  sweep: SymbolSweep,
  patch: (s: SymbolSweep['sets'][number]) => SymbolSweep['sets'][number],
): SymbolSweep {
  const [first, ...rest] = sweep.sets;
  if (first === undefined) throw new Error('empty');
  return { ...sweep, sets: [patch(first), ...rest] };
}

describe('sweep input validation', () => {
  const good = syntheticSweep({ seed: 1, axisSizes: { a: 3 } });

  it('accepts a well-formed sweep', () => {
    expect(() => validateSweep(good)).not.toThrow();
  });

  it.each([
    ['no sets', { ...good, sets: [] }, /no sets/],
    ['a baseline index outside the sets', { ...good, baselineIndex: 3 }, /baselineIndex 3/],
    ['a non-positive block duration', { ...good, blockMs: 0 }, /blockMs/],
    ['a repeated set id', { ...good, sets: [good.sets[0], good.sets[0]] } as SymbolSweep, /appears twice/],
    [
      'a NaN block',
      withSet0(good, (s) => ({
        ...s,
        windows: {
          ...s.windows,
          h2: { ...s.windows.h2, blockPnl: Float64Array.from([Number.NaN, ...s.windows.h2.blockPnl.slice(1)]) },
        },
      })),
      /h2 block 0 PnL is NaN/,
    ],
    [
      'a fractional trade count',
      withSet0(good, (s) => ({ ...s, windows: { ...s.windows, full: { ...s.windows.full, trades: 2.5 } } })),
      /trade count is 2.5/,
    ],
  ])('refuses %s with a DataError that names it', (_, sweep, msg) => {
    expect(() => validateSweep(sweep)).toThrow(DataError);
    expect(() => validateSweep(sweep)).toThrow(msg);
  });

  it('refuses windows without blocks', () => {
    const empty = {
      ...good,
      sets: good.sets.map((s) => ({
        ...s,
        windows: { ...s.windows, h1: { ...s.windows.h1, blockPnl: new Float64Array(0) } },
      })),
    };
    expect(() => validateSweep(empty)).toThrow(/no blocks/);
  });
});
