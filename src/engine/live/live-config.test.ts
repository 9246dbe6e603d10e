import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../config/env-file.js';
import { ConfigError } from '../errors.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { resolveLiveConfig } from './live-config.js';

const BASE = {
  PATH: '/usr/bin',
  HOME: '/var/lib/coinbot',
  NODE: '/usr/bin/node',
  INVOCATION_ID: 'abc',
  STATE_DIRECTORY: '/var/lib/coinbot',
  JOURNAL_STREAM: '8:1',
  LANG: 'C.UTF-8',
  TERM: 'dumb',
};

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveLiveConfig', () => {
  it('reads parameters and live settings from the environment and ignores unrelated variables', () => {
    const c = resolveLiveConfig(atrBreakout, {
      env: {
        ...BASE,
        SYMBOL: 'ETH/USDT:USDT',
        ATR_GATE_MULT: '1.06',
        ENTRY_COOLDOWN_S: '300',
        LEVERAGE: '3',
        MARGIN_TYPE: 'crossed',
      },
      symbolFlag: 'ETH',
    });
    expect(c.symbol).toBe('ETH/USDT:USDT');
    expect(c.params).toMatchObject({ ATR_GATE_MULT: 1.06, ENTRY_COOLDOWN_S: 300, ATR_PERIOD: 14 });
    expect(c.settings).toEqual({ LEVERAGE: 3, MARGIN_TYPE: 'CROSSED', MAX_DAILY_LOSS_USDT: 0 });
  });

  it('defaults to isolated margin and leverage 1', () => {
    expect(resolveLiveConfig(atrBreakout, { env: BASE, symbolFlag: 'BTC' }).settings).toEqual({
      LEVERAGE: 1,
      MARGIN_TYPE: 'ISOLATED',
      MAX_DAILY_LOSS_USDT: 0,
    });
  });

  it.each([
    ['ATR_GATE_MUL', /unknown variable 'ATR_GATE_MUL'; did you mean ATR_GATE_MULT\?/],
    ['side', /unknown variable 'side'; did you mean SIDE\?/],
    ['SYMBL', /unknown variable 'SYMBL'; did you mean SYMBOL\?/],
    ['ENTRY_COOLDOWN', /unknown variable 'ENTRY_COOLDOWN'; did you mean ENTRY_COOLDOWN_S\?/],
    ['TP_MULT', /unknown variable 'TP_MULT'/],
    ['MAX_HOLD', /unknown variable 'MAX_HOLD'; did you mean MAX_HOLD_S\?/],
    ['COINBOT_LOGLEVEL', /did you mean COINBOT_LOG_LEVEL\?/],
    ['BINANCE_SECRET', /unknown variable 'BINANCE_SECRET'/],
    ['MARGIN_MODE', /unknown variable 'MARGIN_MODE'/],
    ['TIMEFRAMES', /did you mean TIMEFRAME\?/],
  ])('refuses %s in the environment with exit 78', (key, msg) => {
    expect(refused(() => resolveLiveConfig(atrBreakout, { env: { ...BASE, [key]: '1' }, symbolFlag: 'ETH' }))).toMatch(
      msg,
    );
  });

  it('requires SYMBOL to name the same market as --symbol after normalisation', () => {
    expect(resolveLiveConfig(atrBreakout, { env: { SYMBOL: 'ethusdt' }, symbolFlag: 'ETH/USDT:USDT' }).symbol).toBe(
      'ETH/USDT:USDT',
    );
    expect(
      refused(() => resolveLiveConfig(atrBreakout, { env: { SYMBOL: 'ETH/USDT:USDT' }, symbolFlag: 'SOL' })),
    ).toMatch(/--symbol SOL\/USDT:USDT contradicts SYMBOL=ETH\/USDT:USDT/);
    expect(refused(() => resolveLiveConfig(atrBreakout, { env: {} }))).toMatch(/no symbol/);
  });

  it.each([
    ['LEVERAGE', '0'],
    ['LEVERAGE', '21'],
    ['LEVERAGE', '1.5'],
    ['MARGIN_TYPE', 'portfolio'],
  ])('refuses %s=%s', (key, value) => {
    expect(refused(() => resolveLiveConfig(atrBreakout, { env: { [key]: value }, symbolFlag: 'ETH' }))).toMatch(
      new RegExp(`${key}='${value.replace('.', '\\.')}' is not valid`),
    );
  });

  it('refuses out-of-range parameter values with the range', () => {
    expect(refused(() => resolveLiveConfig(atrBreakout, { env: { SL_ATR_MULT: '99' }, symbolFlag: 'ETH' }))).toMatch(
      /SL_ATR_MULT=99 is out of range/,
    );
  });

  it('accepts the same key in --params and the environment only when the values agree', () => {
    const file = parseEnvFile('SYMBOL=ETH/USDT:USDT\nATR_GATE_MULT=1.06\nLEVERAGE=2\n', 'ETH.env');
    expect(resolveLiveConfig(atrBreakout, { env: { ATR_GATE_MULT: '1.06' }, file }).settings.LEVERAGE).toBe(2);
    expect(refused(() => resolveLiveConfig(atrBreakout, { env: { ATR_GATE_MULT: '1.2' }, file }))).toMatch(
      /ATR_GATE_MULT is '1\.06' in ETH\.env:2 but '1\.2' in the environment/,
    );
  });
});
