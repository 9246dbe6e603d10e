import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { envRecord, parseEnvFile } from './env-file.js';

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, skipping comments and blank lines', () => {
    const text = '# ETH bot\nSYMBOL=ETH\n\n; old\nATR_GATE_MULT = 1.5\n';
    expect(parseEnvFile(text, 'f')).toEqual([
      { key: 'SYMBOL', value: 'ETH', line: 2 },
      { key: 'ATR_GATE_MULT', value: '1.5', line: 5 },
    ]);
  });

  it('strips one pair of matching quotes and keeps = inside values', () => {
    expect(envRecord(parseEnvFile('A="x y"\nB=\'1=2\'\nC=a=b', 'f'))).toEqual({ A: 'x y', B: '1=2', C: 'a=b' });
  });

  it.each([
    ['a line without =', 'SYMBOL ETH', /line 1: not a KEY=VALUE/],
    ['an export prefix', 'export SYMBOL=ETH', /'export' is not allowed/],
    ['a bad variable name', '1X=2', /not a valid variable name/],
    ['an unclosed quote', 'A="x', /quote that is not closed/],
    ['a duplicate key', 'A=1\nA=2', /line 2: A is already set on line 1/],
  ])('refuses %s with a ConfigError naming the line', (_what, text, msg) => {
    expect(() => parseEnvFile(text, 'config/live/ETH.env')).toThrow(ConfigError);
    expect(() => parseEnvFile(text, 'config/live/ETH.env')).toThrow(msg);
  });

  it('never echoes a value in an error', () => {
    expect(() => parseEnvFile('BINANCE_API_SECRET="abcdefsecret', 'k')).toThrow(/^(?!.*abcdefsecret).*$/);
  });
});
