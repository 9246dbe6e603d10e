import { describe, expect, it } from 'vitest';
import { baseOf, marketIdOf, normaliseSymbol } from './symbols.js';
import { UsageError } from './errors.js';

describe('normaliseSymbol', () => {
  it.each(['BTCUSDT', 'btcusdt', 'BTC/USDT', 'BTC-USDT', 'BTC_USDT', 'btc', ' BTC ', 'BTC/USDT:USDT', 'btc/usdt:usdt'])(
    'maps %j to BTC/USDT:USDT',
    (input) => {
      expect(normaliseSymbol(input)).toBe('BTC/USDT:USDT');
    },
  );

  it('keeps numeric-prefixed bases such as 1000PEPE', () => {
    expect(normaliseSymbol('1000PEPEUSDT')).toBe('1000PEPE/USDT:USDT');
  });

  it.each([
    ['BTC/BUSD', /quote 'BUSD' is not USDT/],
    ['BTCBUSD', /quote 'BUSD' is not USDT/],
    ['BTC/USD:BTC', /inverse contract/],
    ['BTC/USDT:USDT-250926', /dated future/],
    ['BTCUSDT_250926', /dated future/],
    ['', /empty/],
    ['   ', /empty/],
    ['!!!', /not a coin name/],
    ['BTC/USDT/X', /too many separators|not of the form/],
    ['USDT', /not a coin name/],
  ])('refuses %j with a one-line reason', (input, reason) => {
    let err: unknown;
    try {
      normaliseSymbol(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(reason);
    expect((err as Error).message).not.toContain('\n');
  });

  it('derives the Binance market id and base for cache paths', () => {
    const s = normaliseSymbol('eth');
    expect(marketIdOf(s)).toBe('ETHUSDT');
    expect(baseOf(s)).toBe('ETH');
  });
});
