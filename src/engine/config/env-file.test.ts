import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { envRecord, parseEnvFile, parseSetArgs } from './env-file.js';

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, skipping blanks and # or ; comments, and strips matching quotes', () => {
    const text =
      '# live set\n\nSYMBOL=ETH/USDT:USDT\n; other comment\n ATR_GATE_MULT = 1.06 \nSIDE="long"\nX=\'a b\'\n';
    expect(parseEnvFile(text, 'ETH.env').map((e) => [e.key, e.value, e.where])).toEqual([
      ['SYMBOL', 'ETH/USDT:USDT', 'ETH.env:3'],
      ['ATR_GATE_MULT', '1.06', 'ETH.env:5'],
      ['SIDE', 'long', 'ETH.env:6'],
      ['X', 'a b', 'ETH.env:7'],
    ]);
  });

  it('keeps a # after a value as part of the value, as systemd does', () => {
    expect(parseEnvFile('A=1 # note', 'f')[0]?.value).toBe('1 # note');
  });

  it.each([
    ['NO_EQUALS', /f line 1: not a KEY=VALUE assignment/],
    ['export A=1', /f line 1: 'export' is not allowed/],
    ['1A=2', /'1A' is not a valid variable name/],
    ['A="x', /f line 1: the value of A opens a " quote that is not closed/],
    ['A=1\nA=2', /f line 2: A is already set on line 1/],
  ])('refuses %j with a ConfigError naming file and line', (text, msg) => {
    expect(() => parseEnvFile(text, 'f')).toThrow(ConfigError);
    expect(() => parseEnvFile(text, 'f')).toThrow(msg);
  });

  it('parses --set arguments and refuses one without =', () => {
    expect(parseSetArgs(['ATR_PERIOD=20'])).toEqual([{ key: 'ATR_PERIOD', value: '20', where: '--set' }]);
    expect(() => parseSetArgs(['ATR_PERIOD'])).toThrow(/--set 'ATR_PERIOD' is not KEY=VALUE/);
  });

  it('keeps = inside values and turns entries into a record', () => {
    expect(envRecord(parseEnvFile('A="x y"\nB=\'1=2\'\nC=a=b', 'f'))).toEqual({ A: 'x y', B: '1=2', C: 'a=b' });
  });

  it('never echoes a value in an error (it also reads the API key file)', () => {
    expect(() => parseEnvFile('BINANCE_API_SECRET="abcdefsecret', 'k')).toThrow(/^(?!.*abcdefsecret).*$/);
    expect(() => parseEnvFile('abcdefsecret', 'k')).toThrow(/^(?!.*abcdefsecret).*$/);
  });
});
