import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { parseEnvFile, parseSetArgs } from './env-file.js';
import { resolveParams } from './resolve-params.js';

const resolve = (text: string, sets: string[] = []) =>
  resolveParams(atrBreakout, [parseEnvFile(text, 'x.env'), parseSetArgs(sets)]);

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(78);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveParams', () => {
  it('starts from the defaults, applies the file, then --set, and passes SYMBOL through as an extra', () => {
    const r = resolve('SYMBOL=ETH/USDT:USDT\nATR_GATE_MULT=1.06\nENTRY_COOLDOWN_S=300', [
      'ENTRY_COOLDOWN_S=600',
      'SIDE=LONG',
    ]);
    expect(r.params).toMatchObject({
      ATR_PERIOD: 14,
      ATR_GATE_MULT: 1.06,
      ENTRY_COOLDOWN_S: 600,
      SIDE: 'long',
      TIMEFRAME: '1m',
    });
    expect(r.extras).toEqual({ SYMBOL: 'ETH/USDT:USDT' });
  });

  it('refuses a misspelt name with the closest valid one and the list of valid names', () => {
    const msg = configError(() => resolve('ATR_GATE_MUL=1.02'));
    expect(msg).toMatch(/^x\.env:1: unknown parameter 'ATR_GATE_MUL'; did you mean ATR_GATE_MULT\?/);
    expect(msg).toContain('ATR_PERIOD, BREAKOUT_LOOKBACK, SIDE');
  });

  it('treats names as case-sensitive, like environment variables, and suggests the right case', () => {
    expect(configError(() => resolve('', ['side=long']))).toMatch(/unknown parameter 'side'; did you mean SIDE\?/);
  });

  it('refuses an out-of-range value naming the range, unit and default', () => {
    expect(configError(() => resolve('', ['ATR_PERIOD=0']))).toBe(
      '--set: ATR_PERIOD=0 is out of range: integer 1…500 candles (default 14)',
    );
    expect(configError(() => resolve('SL_ATR_MULT=99'))).toMatch(
      /x\.env:1: SL_ATR_MULT=99 is out of range: number 0\.01…50 × ATR/,
    );
  });

  it('refuses values of the wrong type', () => {
    expect(configError(() => resolve('ATR_PERIOD=14.5'))).toMatch(/ATR_PERIOD='14\.5' is not an integer/);
    expect(configError(() => resolve('ATR_GATE_MULT=1 # live'))).toMatch(/ATR_GATE_MULT='1 # live' is not a number/);
    expect(configError(() => resolve('SIDE=up'))).toMatch(/SIDE='up' is not a valid choice: one of both, long, short/);
  });

  it('refuses a retest tolerance whose window is shorter than one candle', () => {
    expect(configError(() => resolve('ENTRY_RETEST_TOL_PCT=0.1\nENTRY_RETEST_WINDOW_S=59'))).toMatch(
      /gives W=0: set ENTRY_RETEST_WINDOW_S ≥ 60/,
    );
  });
});
