/**
 * `coinbot fetch --since cached` (the scheduled re-evaluation's fetch): resumes each symbol from
 * its last cached candle, refuses a symbol with nothing cached (78), and stops at the first
 * 418/429 with exit 75 instead of waiting the ban out.
 */
import { describe, expect, it, vi } from 'vitest';
import { banned, SAMPLE_DATA_DIR, useFakeBinance } from '../../../test-support/fake-binance/index.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { readCandles } from '../../engine/data/candle-store.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { runCli } from '../main.js';

const ETH = normaliseSymbol('ETH');
const SAMPLE = readCandles(SAMPLE_DATA_DIR, ETH, '1m');
const FIRST = SAMPLE.ts[0] as number;
const LAST = SAMPLE.ts[SAMPLE.length - 1] as number;
const TUNING = ['--rate-limit-ms', '1', '--retries', '2', '--retry-base-ms', '1', '--retry-cap-ms', '2'];
const fake = useFakeBinance();

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

const fetch = (dir: string, since: string, ...more: string[]) =>
  cli([
    'fetch',
    '--symbol',
    'ETH',
    '--since',
    since,
    '--data-dir',
    dir,
    '--exchange-url',
    fake.url,
    '--no-funding',
    ...TUNING,
    ...more,
  ]);

describe('coinbot fetch --since cached', () => {
  it('resumes from the last cached candle', async () => {
    fake.clock.set(LAST + 30_000);
    const dir = tempDir('fetch-cached');
    expect((await fetch(dir, String(FIRST), '--until', String(FIRST + 600 * 60_000))).code).toBe(0);
    const before = fake.paths().length;
    const r = await fetch(dir, 'cached');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[2025-06-21T20:32:00Z, .*: 3,719 candles added, 1 already cached/);
    const ts = Array.from(readCandles(dir, ETH, '1m').ts);
    expect(ts[0]).toBe(FIRST);
    expect(ts.at(-1)).toBe(LAST - 60_000);
    expect(fake.paths().length - before).toBeLessThan(20);
  });

  it('exits 78 when nothing is cached yet, naming the first fetch to run', async () => {
    const r = await fetch(tempDir('fetch-cached-none'), 'cached');
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/--since cached: no 1m candles of ETH\/USDT:USDT in .*; fetch once with --since <date>/);
  });

  it('stops at the first 418/429 with exit 75 and one line, without waiting the ban out', async () => {
    fake.clock.set(LAST + 30_000);
    const dir = tempDir('fetch-cached-ban');
    expect((await fetch(dir, String(FIRST), '--until', String(FIRST + 600 * 60_000))).code).toBe(0);
    fake.inject('/fapi/v1/klines', banned(120));
    const t0 = Date.now();
    const r = await fetch(dir, 'cached');
    expect(r.code).toBe(75);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/answered 418: stopped at the first rate limit/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
