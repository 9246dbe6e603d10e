import { describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  serverError,
  startFakeBinance,
  SUBSET_EXCHANGE_INFO,
  useFakeBinance,
} from '../../../test-support/fake-binance/index.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { doctorExitCode } from './doctor.js';

const fake = useFakeBinance();

const cli = cliInProcess;

function configDir(files: Record<string, string>): string {
  const d = tempDir('doctor-cfg');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

const base = (cfg: string, ...more: string[]) => [
  'doctor',
  '--data-dir',
  tempDir('doctor-data'),
  '--config-dir',
  cfg,
  '--exchange-url',
  fake.url,
  '--retries',
  '1',
  '--retry-base-ms',
  '1',
  ...more,
];

describe('coinbot doctor', () => {
  it('prints a passing check list and exits 0 when everything is in order', async () => {
    const r = await cli(base(configDir({ 'ETH.env': 'SYMBOL=ETH\n' }), '--symbol', 'SOL', '--symbol', 'ETH'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'PASS node',
      'PASS dependencies',
      'PASS data',
      'PASS config',
      'PASS api',
      'PASS guard',
      'PASS guard',
      'PASS guard',
      'PASS guard',
      'doctor: all',
    ]);
    expect(r.stdout).toContain('guard SOL/USDT:USDT');
    expect(r.stdout).toContain('guard ETH/USDT:USDT');
    expect(fake.paths()).toEqual(['/fapi/v1/exchangeInfo']);
  });

  it('checks only the named symbol with --symbol, so another configured symbol missing on the exchange does not fail it', async () => {
    const info = JSON.parse(readFileSync(SUBSET_EXCHANGE_INFO, 'utf8')) as { symbols: { symbol: string }[] };
    const noBtc = await startFakeBinance({
      exchangeInfo: { ...info, symbols: info.symbols.filter((s) => s.symbol !== 'BTCUSDT') },
    });
    try {
      const args = base('config/live', '--symbol', 'ETH').map((a) => (a === fake.url ? noBtc.url : a));
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/PASS {2}guard ETH\/USDT:USDT/);
      expect(r.stdout).not.toMatch(/guard BTC/);
      const all = await cli(base('config/live').map((a) => (a === fake.url ? noBtc.url : a)));
      expect(all.code).toBe(78); // without --symbol every configured symbol is checked
    } finally {
      await noBtc.close();
    }
  });

  it('checks the committed config/live files and their symbols', async () => {
    const r = await cli(base('config/live'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS {2}guard BTC\/USDT:USDT/);
  });

  it('exits 78 and names the file and line of a config file that does not parse', async () => {
    const r = await cli(base(configDir({ 'ETH.env': 'SYMBOL=ETH\nATR_GATE_MULT 1.06\n' })));
    expect(r.code).toBe(78);
    expect(r.stdout).toMatch(/FAIL {2}config ETH\.env .*ETH\.env line 2: not a KEY=VALUE/);
    expect(r.stderr.trim()).toBe('coinbot: doctor: 1 of 7 checks failed (config ETH.env); fix them as the list says');
  });

  it('exits 78 for a configured symbol the exchange does not list', async () => {
    const r = await cli(base(configDir({ 'DOGE.env': 'SYMBOL=DOGE\n' })));
    expect(r.code).toBe(78);
    expect(r.stdout).toMatch(/FAIL {2}guard DOGE\/USDT:USDT +guard symbol-listed:/);
  });

  it('exits 78 for a key file readable by others', async () => {
    const f = join(tempDir('doctor-keys'), 'keys.env');
    writeFileSync(f, 'BINANCE_API_KEY=abcdefghijklmnop\nBINANCE_API_SECRET=qrstuvwxyz012345\n');
    chmodSync(f, 0o644);
    const r = await cli(base(configDir({}), '--key-file', f));
    expect(r.code).toBe(78);
    expect(r.stdout).toMatch(/FAIL {2}api keys .*chmod 600/);
    expect(r.stdout + r.stderr).not.toContain('qrstuvwxyz012345');
  });

  it('exits 75 when the only failure is the exchange being unavailable, skipping the symbol checks', async () => {
    fake.inject('/fapi/v1/exchangeInfo', serverError(503), { times: Infinity });
    const r = await cli(base(configDir({ 'ETH.env': 'SYMBOL=ETH\n' })));
    expect(r.code).toBe(75);
    expect(r.stdout).toMatch(/FAIL {2}guard markets +guard markets-loaded:/);
    expect(r.stdout).toMatch(/SKIP {2}guard ETH\/USDT:USDT/);
  });

  it('exits 2 for --testnet together with --exchange-url', async () => {
    const r = await cli(base(configDir({ 'ETH.env': 'SYMBOL=ETH\n' }), '--testnet'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--testnet and --exchange-url/);
  });

  it('prints the list as JSON with --json', async () => {
    const r = await cli(base(configDir({}), '--symbol', 'ETH', '--json'));
    const doc = JSON.parse(r.stdout) as { ok: boolean; exitCode: number; checks: { name: string; ok: boolean }[] };
    expect(doc).toMatchObject({ ok: true, exitCode: 0 });
    expect(doc.checks.map((c) => c.name)).toContain('guard ETH/USDT:USDT');
  });
});

describe('doctorExitCode', () => {
  it('is 0 when all pass, 78 when any configuration check fails, else 75', () => {
    expect(doctorExitCode([{ name: 'a', ok: true, detail: '' }])).toBe(0);
    expect(
      doctorExitCode([
        { name: 'a', ok: false, detail: '', exitCode: 75 },
        { name: 'b', ok: false, detail: '', exitCode: 78 },
      ]),
    ).toBe(78);
    expect(
      doctorExitCode([
        { name: 'a', ok: false, detail: '', exitCode: 75 },
        { name: 'b', ok: false, skipped: true, detail: '' },
      ]),
    ).toBe(75);
  });
});
