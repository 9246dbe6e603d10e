import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test-support/temp-dir.js';
import {
  checkApiKeys,
  checkConfigFiles,
  checkDataDirWritable,
  checkDependenciesReadable,
  checkNodeVersion,
} from './environment-checks.js';

const dir = tempDir('env-checks');

describe('checkNodeVersion', () => {
  it('passes Node 20.10 and later and fails older ones with exit 78', () => {
    expect(checkNodeVersion('20.10.0').ok).toBe(true);
    expect(checkNodeVersion('22.1.0').ok).toBe(true);
    expect(checkNodeVersion('20.9.0')).toMatchObject({ ok: false, exitCode: 78 });
    expect(checkNodeVersion('18.19.1').detail).toMatch(/older than 20\.10/);
  });
});

describe('checkDependenciesReadable', () => {
  it('passes for this checkout', () => {
    expect(checkDependenciesReadable()).toMatchObject({ ok: true });
  });
  it('names a dependency that is missing from node_modules', () => {
    const root = join(dir, 'proj');
    mkdirSync(join(root, 'node_modules', 'present'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'present', 'package.json'), '{}');
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { present: '1', ghost: '1' } }));
    const r = checkDependenciesReadable(root);
    expect(r).toMatchObject({ ok: false, exitCode: 78 });
    expect(r.detail).toMatch(/^ghost \(ENOENT\) missing or unreadable/);
  });
});

describe('checkDataDirWritable', () => {
  it('passes a writable folder and leaves nothing behind', () => {
    expect(checkDataDirWritable(dir).ok).toBe(true);
  });
  it('passes a data dir that does not exist yet when its parent is writable', () => {
    expect(checkDataDirWritable(join(dir, 'new', 'data')).detail).toMatch(/does not exist yet/);
  });
  it('fails when the path runs into a file', () => {
    const f = join(dir, 'a-file');
    writeFileSync(f, 'x');
    expect(checkDataDirWritable(join(f, 'data'))).toMatchObject({ ok: false, exitCode: 78 });
  });
});

describe('checkConfigFiles', () => {
  function configDir(files: Record<string, string>): string {
    const d = tempDir('cfg');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    return d;
  }

  it('passes when there is no config folder or no env file', () => {
    expect(checkConfigFiles(join(dir, 'none')).results[0]).toMatchObject({ ok: true });
    expect(checkConfigFiles(configDir({ 'README.md': 'x' })).results[0]?.detail).toMatch(/no \*\.env files/);
  });

  it('reports each file and collects normalised symbols', () => {
    const r = checkConfigFiles(
      configDir({ 'ETH.env': 'SYMBOL=ETH\nATR_GATE_MULT=1.06\n', 'BTC.env': 'SYMBOL="BTCUSDT"\n' }),
    );
    expect(r.results.map((x) => [x.name, x.ok])).toEqual([
      ['config BTC.env', true],
      ['config ETH.env', true],
    ]);
    expect(r.symbols).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
  });

  it.each([
    ['a line that is not KEY=VALUE', 'SYMBOL=ETH\nATR_GATE_MULT 1.06\n', /line 2: not a KEY=VALUE/],
    ['a missing SYMBOL', 'ATR_GATE_MULT=1.06\n', /SYMBOL is not set/],
    ['a SYMBOL that is not a USDT perpetual', 'SYMBOL=BTC/USD:BTC\n', /inverse contract/],
  ])('fails a file with %s (exit 78)', (_what, text, msg) => {
    const [r] = checkConfigFiles(configDir({ 'X.env': text })).results;
    expect(r).toMatchObject({ ok: false, exitCode: 78 });
    expect(r?.detail).toMatch(msg);
  });

  it('parses the committed config/live files', () => {
    const r = checkConfigFiles('config/live');
    expect(r.results.every((x) => x.ok)).toBe(true);
  });
});

describe('checkApiKeys', () => {
  it('passes without keys and fails a key file readable by others', () => {
    expect(checkApiKeys({}).ok).toBe(true);
    const f = join(dir, 'keys.env');
    writeFileSync(f, 'BINANCE_API_KEY=abcdefghijklmnop\nBINANCE_API_SECRET=qrstuvwxyz012345\n');
    chmodSync(f, 0o644);
    expect(checkApiKeys({}, f)).toMatchObject({ ok: false, exitCode: 78 });
    chmodSync(f, 0o600);
    expect(checkApiKeys({}, f)).toMatchObject({ ok: true, detail: `from ${f} (mode 0600)` });
  });
});
