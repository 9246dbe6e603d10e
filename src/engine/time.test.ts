import { describe, expect, it } from 'vitest';
import { floorToStep, formatInstant, inRange, makeRange, parseInstant, timeframeMs } from './time.js';
import { UsageError } from './errors.js';

describe('time rules', () => {
  it('reads a bare date as 00:00Z of that day', () => {
    expect(parseInstant('2025-06-20')).toBe(Date.UTC(2025, 5, 20));
  });

  it('reads ISO with Z or an offset as the same instant', () => {
    expect(parseInstant('2025-06-20T12:00Z')).toBe(Date.UTC(2025, 5, 20, 12));
    expect(parseInstant('2025-06-20T21:00+09:00')).toBe(Date.UTC(2025, 5, 20, 12));
    expect(parseInstant('2025-06-20T12:00:30.250Z')).toBe(Date.UTC(2025, 5, 20, 12, 0, 30, 250));
  });

  it('reads integer epoch ms as is', () => {
    expect(parseInstant('1750761060000')).toBe(1750761060000);
    expect(parseInstant(1750761060000)).toBe(1750761060000);
  });

  it.each(['2025-06-20T12:00', '2025-06-20 12:00', 'yesterday', '', '2025-13-45'])(
    'refuses %j as ambiguous or unreadable',
    (s) => {
      expect(() => parseInstant(s, '--from')).toThrow(UsageError);
      expect(() => parseInstant(s, '--from')).toThrow(/--from/);
    },
  );

  it('treats ranges as half-open over open times', () => {
    const r = makeRange(0, 120_000);
    expect(inRange(0, r)).toBe(true);
    expect(inRange(60_000, r)).toBe(true);
    expect(inRange(120_000, r)).toBe(false);
    expect(() => makeRange(5, 5)).toThrow(UsageError);
  });

  it('formats instants in ISO UTC and floors to candle opens', () => {
    expect(formatInstant(Date.UTC(2025, 5, 20, 12))).toBe('2025-06-20T12:00:00Z');
    expect(floorToStep(Date.UTC(2025, 5, 20, 12, 0, 59, 999), timeframeMs('1m'))).toBe(Date.UTC(2025, 5, 20, 12));
    expect(() => timeframeMs('7m')).toThrow(/unknown timeframe/);
  });
});
