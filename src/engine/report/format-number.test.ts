import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatPct, formatUsdt, shareOf } from './format-number.js';

describe('number formatting', () => {
  it('groups thousands and uses a real minus sign when the amount is negative', () => {
    expect(formatUsdt(-1234567.891)).toBe('−1,234,567.89');
    expect(formatUsdt(0.004)).toBe('0.00');
    expect(formatUsdt(-0.004)).toBe('0.00');
    expect(formatCount(1200)).toBe('1,200');
  });

  it('prints a dash when the value is missing or NaN', () => {
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(null)).toBe('—');
    expect(formatPct(NaN)).toBe('—');
    expect(formatPct(12.345)).toBe('12.3 %');
  });

  it('gives the share of |gross| and a dash when the gross is zero', () => {
    expect(shareOf(57, -1.9)).toBe('3,000 %');
    expect(shareOf(2, 8)).toBe('25 %');
    expect(shareOf(2, 0)).toBe('—');
  });
});
