import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean.js';

const NAMES = ['ATR_PERIOD', 'ATR_GATE_MULT', 'ENTRY_COOLDOWN_S', 'SL_ATR_MULT', 'TP_ATR_MULT'];

describe('didYouMean', () => {
  it.each([
    ['ATR_GATE_MUL', 'ATR_GATE_MULT'],
    ['atr_period', 'ATR_PERIOD'],
    ['ENTRY_COOLDWON_S', 'ENTRY_COOLDOWN_S'],
    ['SL_ATR_MLT', 'SL_ATR_MULT'],
  ])('suggests the closest name for %s', (input, expected) => {
    expect(didYouMean(input, NAMES)).toBe(expected);
  });

  it('suggests nothing when no name is close', () => {
    expect(didYouMean('LEVERAGE', NAMES)).toBeUndefined();
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('COOLDWON', 'COOLDOWN')).toBe(1);
    expect(editDistance('', 'ABC')).toBe(3);
  });
});
