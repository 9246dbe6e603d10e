import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from './commands/index.js';
import { runCli, runCliSync } from '../../test-support/run-cli.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { SAMPLE_DATA_DIR, SHARED_DATA, skipWithoutSharedData } from '../../test-support/repo-paths.js';

describe('coinbot CLI', () => {
  it('prints --help for every registered command and exits 0', async () => {
    const names = commands.map((c) => String(c.command).split(' ')[0] as string);
    const runs = await Promise.all(names.map((n) => runCli([n, '--help'])));
    runs.forEach((r, i) => {
      expect(r.code, `${names[i]} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`coinbot ${names[i]}`);
    });
  });

  it('normalises symbols and exits 2 with a one-line reason for a spot or inverse symbol', async () => {
    const ok = await runCli(['symbols', 'btc', 'ETH-USDT', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([
      { input: 'btc', symbol: 'BTC/USDT:USDT' },
      { input: 'ETH-USDT', symbol: 'ETH/USDT:USDT' },
    ]);
    const bad = await runCli(['symbols', 'BTC/USD:BTC']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^coinbot: symbol 'BTC\/USD:BTC': .*inverse contract/);
  });

  it('exits 2 for an unknown command or option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['data', 'ls', '--no-such-flag'])).code).toBe(2);
  });

  it('lists the bundled sample with exact counts, no gaps and funding coverage', async () => {
    const r = await runCli(['data', 'ls', '--data-dir', SAMPLE_DATA_DIR, '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      symbol: string;
      kind: string;
      count: number;
      missing: number;
      funding: { eventsInRange: number; covers: boolean } | null;
    }[];
    const last = rows.filter((x) => x.kind === 'last');
    expect(last.map((x) => [x.symbol, x.count, x.missing])).toEqual([
      ['BTC/USDT:USDT', 4320, 0],
      ['ETH/USDT:USDT', 4320, 0],
      ['SOL/USDT:USDT', 4320, 0],
    ]);
    for (const x of last) expect(x.funding).toMatchObject({ eventsInRange: 9, covers: true });
  });

  it('exits 65 with file and line for a malformed candle file and writes nothing', async () => {
    const dir = tempDir('cli-bad');
    const p = join(dir, 'BTCUSDT_1m_x.csv');
    writeFileSync(p, 'timestamp,open,high,low,close,volume\n1750377600000,1,1,1,1,1\n1750377660000,1,0.5,1,1,1\n');
    const r = await runCli(['import', p, '--data-dir', dir]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/BTCUSDT_1m_x\.csv line 3: high 0\.5 is below the open 1/);
    const ls = await runCli(['data', 'ls', '--data-dir', dir, '--json']);
    expect(JSON.parse(ls.stdout)).toEqual([]);
  });

  it.skipIf(skipWithoutSharedData('import of all shared candle and funding files'))(
    'imports every shared candle and funding file and lists exact counts with no gaps',
    () => {
      const dir = tempDir('shared');
      const S = SHARED_DATA as string;
      const files = [
        'BTCUSDT_1m_2025-05-04_2025-06-24',
        'ETHUSDT_1m_2025-05-04_2025-06-24',
        'SOLUSDT_1m_2025-05-04_2025-06-24',
      ].map((f) => join(S, 'candles', `${f}.csv`));
      const funding = [
        'BTCUSDT_funding_2019-09-10_2026-05-17',
        'ETHUSDT_funding_2019-11-27_2026-05-17',
        'SOLUSDT_funding_2024-12-31_2026-02-19',
      ].map((f) => join(S, 'funding', `${f}.csv`));
      expect(runCliSync(['import', ...files, ...funding, '--data-dir', dir]).code).toBe(0);
      const r = runCliSync(['data', 'ls', '--data-dir', dir, '--json']);
      const rows = JSON.parse(r.stdout) as {
        symbol: string;
        count: number;
        gaps: unknown[];
        funding: { eventsInRange: number };
      }[];
      expect(rows.map((x) => [x.symbol, x.count, x.gaps.length, x.funding.eventsInRange])).toEqual([
        ['BTC/USDT:USDT', 73139, 0, 153],
        ['ETH/USDT:USDT', 73140, 0, 153],
        ['SOL/USDT:USDT', 73141, 0, 153],
      ]);
    },
  );
});
