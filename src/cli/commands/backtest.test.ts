/** `coinbot backtest` on the bundled sample (data/sample: candles, funding, mark prices, market facts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { runCliSync } from '../../../test-support/run-cli.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SAMPLE = resolve(ROOT, 'data/sample');
const ETH_ENV = resolve(ROOT, 'config/live/ETH.env');
const WINDOW = ['--from', '2025-06-22', '--to', '2025-06-23'];

describe('coinbot backtest', () => {
  it('prints byte-identical JSON with every documented section for two runs of the ETH live set', async () => {
    const args = ['backtest', '--params', ETH_ENV, '--data-dir', SAMPLE, ...WINDOW, '--json'];
    const a = await cliInProcess(args);
    const b = await cliInProcess(args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout) as Record<string, unknown> & {
      trades: Record<string, unknown>[];
      window: Record<string, unknown>;
      costs: Record<string, unknown>;
    };
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining([
        'fingerprint',
        'provenance',
        'symbol',
        'window',
        'params',
        'metrics',
        'flat_reference',
        'costs',
        'trades',
        'refused_signals',
      ]),
    );
    expect(doc.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.window).toMatchObject({
      from: '2025-06-22T00:00:00Z',
      to: '2025-06-23T00:00:00Z',
      candles: 1440,
      warmup_candles: 281,
    });
    expect(doc.costs).toMatchObject({ funding: 'modelled', funding_mark_price: 'mark-price candles' });
    expect(Object.keys(doc.trades[0] ?? {})).toEqual([
      'signal_time',
      'side',
      'amount',
      'entry_time',
      'entry_price',
      'entry_liquidity',
      'exit_time',
      'exit_price',
      'exit_reason',
      'fees_usdt',
      'funding_usdt',
      'gross_pnl_usdt',
      'pnl_usdt',
    ]);
  });

  it('prints a human summary with the flat reference, and writes the trades as CSV', async () => {
    const out = join(tempDir('bt-cli'), 'trades.csv');
    const r = await cliInProcess([
      'backtest',
      '--symbol',
      'btc',
      '--data-dir',
      SAMPLE,
      ...WINDOW,
      '--set',
      'ATR_GATE_MULT=1.02',
      '--trades',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/backtest atr-breakout BTC\/USDT:USDT 1m \[2025-06-22T00:00:00Z, 2025-06-23T00:00:00Z\)/);
    expect(r.stdout).toContain('not trading: +0.00 USDT');
    expect(r.stdout).toMatch(/fingerprint [0-9a-f]{64}/);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'signal_time,side,amount,entry_time,entry_price,entry_liquidity,exit_time,exit_price,exit_reason,fees_usdt,funding_usdt,gross_pnl_usdt,pnl_usdt',
    );
    expect(csv.length).toBeGreaterThan(5);
  });

  it('refuses a misspelt parameter with exit 78, a did-you-mean and the valid names', async () => {
    const r = await cliInProcess(['backtest', '--symbol', 'ETH', '--data-dir', SAMPLE, '--set', 'ATR_GATE_MUL=1.02']);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(
      /unknown parameter 'ATR_GATE_MUL'; did you mean ATR_GATE_MULT\? Valid names for atr-breakout: TIMEFRAME, ATR_PERIOD/,
    );
  });

  it('refuses an out-of-range value with exit 78 and the range', async () => {
    const r = await cliInProcess([
      'backtest',
      '--params',
      ETH_ENV,
      '--data-dir',
      SAMPLE,
      '--set',
      'BREAKOUT_LOOKBACK=0',
    ]);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('BREAKOUT_LOOKBACK=0 is out of range: integer 1…1000 candles (default 20)');
  });

  it('refuses --symbol that contradicts SYMBOL in the parameter file with exit 78', async () => {
    const r = await cliInProcess(['backtest', '--symbol', 'BTC', '--params', ETH_ENV, '--data-dir', SAMPLE]);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/--symbol BTC\/USDT:USDT contradicts SYMBOL=ETH\/USDT:USDT/);
  });

  it('asks for a symbol with exit 2 when neither --symbol nor SYMBOL is given', async () => {
    const r = await cliInProcess(['backtest', '--data-dir', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name the symbol/);
  });

  it('exits 66 naming the fix when the data dir holds no candles', async () => {
    const r = await cliInProcess(['backtest', '--symbol', 'ETH', '--data-dir', tempDir('bt-empty')]);
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/run 'coinbot import' or 'coinbot fetch' first/);
  });

  it('lists the parameters with their ranges, units and defaults', async () => {
    const r = await cliInProcess(['backtest', '--list-params']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ENTRY_RETEST_WINDOW_S\s+integer 0…86400 s \(default 0\)/);
  });

  it('exits 78 as a real process on a misspelt parameter in an env file', () => {
    const dir = tempDir('bt-proc');
    const env = join(dir, 'bad.env');
    writeFileSync(env, 'SYMBOL=ETH/USDT:USDT\nENTRY_COOLDOWN=300\n');
    const r = runCliSync(['backtest', '--params', env, '--data-dir', SAMPLE]);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`${env}:2: unknown parameter 'ENTRY_COOLDOWN'; did you mean ENTRY_COOLDOWN_S?`);
  });
});
