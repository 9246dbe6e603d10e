/**
 * `coinbot shadow report` and `coinbot promote --require-shadow`: a shadow paper run against the
 * loopback fake judged healthy, and unhealthy for each reason (too short, a gap, stopped,
 * other parameters); promote refuses a set without a healthy shadow record that long and
 * passes with one.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useFakeBinance } from '../../../test-support/fake-binance/index.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { writePromoteRun } from '../../../test-support/promote-fixture.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { runCli } from '../main.js';

const MIN = 60_000;
const S = Date.UTC(2025, 5, 22, 0, 0);
const END = S + 90 * MIN;
const LIVE = `SYMBOL=ETH/USDT:USDT\nATR_GATE_MULT=1.06\nENTRY_RETEST_TOL_PCT=0.10\nENTRY_RETEST_WINDOW_S=150\nENTRY_COOLDOWN_S=300\nORDER_NOTIONAL_USDT=200\n`;
/** The fixture run's CANDIDATE s0001 applied to LIVE. */
const CAND = LIVE.replace('ATR_GATE_MULT=1.06', 'ATR_GATE_MULT=1.3').replace(
  'ENTRY_COOLDOWN_S=300',
  'ENTRY_COOLDOWN_S=600',
);
const fake = useFakeBinance();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await runCli(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

let dir: string;
let gapped: string;
let candFile: string;
beforeAll(async () => {
  dir = tempDir('shadow-report');
  await runLiveInProcess({ fake, dataDir: dir, params: CAND, start: S, stopAt: END, instance: 'shadow' });
  // A shadow that was down for 10 minutes in the middle.
  gapped = tempDir('shadow-gap');
  await runLiveInProcess({ fake, dataDir: gapped, params: CAND, start: S, stopAt: S + 40 * MIN, instance: 'shadow' });
  await runLiveInProcess({ fake, dataDir: gapped, params: CAND, start: S + 50 * MIN, stopAt: END, instance: 'shadow' });
  candFile = join(tempDir('shadow-cand'), 'ETH.candidate.env');
  writeFileSync(candFile, CAND);
}, 120_000);

const report = (dataDir: string, ...more: string[]) =>
  cli([
    'shadow',
    'report',
    '--symbol',
    'ETH',
    '--data-dir',
    dataDir,
    '--candidate',
    candFile,
    '--now',
    String(END),
    ...more,
  ]);

describe('coinbot shadow report', () => {
  it('is healthy for an uninterrupted shadow run of the candidate, parity exact', async () => {
    const r = await report(dir, '--hours', '1');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/HEALTHY: at least 1 h/);
    expect(r.out).toMatch(/parity exact, parameters equal to the candidate/);
    expect(r.out).toMatch(/live unit: no journal/);
    expect(r.code).toBe(0);
    const j = JSON.parse((await report(dir, '--hours', '1', '--json')).out) as {
      record: { healthy: boolean; candles: number; maxGapCandles: number; parityExact: boolean };
    };
    expect(j.record).toMatchObject({ healthy: true, parityExact: true });
    expect(j.record.candles).toBeGreaterThanOrEqual(60);
    expect(j.record.maxGapCandles).toBeLessThanOrEqual(2);
  });

  it('is not healthy when the record is shorter than required', async () => {
    const r = await report(dir, '--hours', '24');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/NOT HEALTHY: \d+\.\d h of candles, 24 h required/);
  });

  it('is not healthy with a gap of more than 2 candles, or once the shadow stopped', async () => {
    const gap = await report(gapped, '--hours', '1');
    expect(gap.code).toBe(1);
    expect(gap.out).toMatch(/NOT HEALTHY: a gap of \d+ candles \(more than 2\)/);
    const stopped = await cli([
      'shadow',
      'report',
      '--symbol',
      'ETH',
      '--data-dir',
      dir,
      '--candidate',
      candFile,
      '--hours',
      '1',
      '--now',
      String(END + 30 * MIN),
    ]);
    expect(stopped.code).toBe(1);
    expect(stopped.out).toMatch(/a gap of 30 candles/);
  });

  it('is not healthy when the shadow runs other parameters than the candidate file', async () => {
    const other = join(tempDir('shadow-other'), 'ETH.candidate.env');
    writeFileSync(other, LIVE);
    const r = await cli([
      'shadow',
      'report',
      '--symbol',
      'ETH',
      '--data-dir',
      dir,
      '--candidate',
      other,
      '--hours',
      '1',
      '--now',
      String(END),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/parameters differ from the candidate: ATR_GATE_MULT, ENTRY_COOLDOWN_S/);
  });

  it('exits 66 without a shadow journal and 78 without the candidate file', async () => {
    expect((await report(tempDir('shadow-none'), '--hours', '1')).code).toBe(66);
    const r = await cli([
      'shadow',
      'report',
      '--symbol',
      'ETH',
      '--data-dir',
      dir,
      '--candidate',
      '/nonexistent/x.env',
    ]);
    expect(r.code).toBe(78);
    expect(r.err).toMatch(/no candidate file; pass --candidate FILE/);
  });
});

describe('coinbot promote --require-shadow', () => {
  function setup() {
    const d = tempDir('promote-shadow');
    const reports = join(d, 'reports');
    writePromoteRun(reports, '20250622T0130Z-aaaaaaaa', { end: END - MIN });
    mkdirSync(join(d, 'etc'), { recursive: true });
    const target = join(d, 'etc', 'ETH.env');
    writeFileSync(target, LIVE);
    return {
      target,
      base: [
        'promote',
        '--run',
        'latest',
        '--symbol',
        'ETH',
        '--reports',
        reports,
        '--to',
        target,
        '--now',
        String(END),
      ],
    };
  }

  it('promotes a set with a healthy shadow record that long', async () => {
    const { target, base } = setup();
    const r = await cli([...base, '--require-shadow', '1h', '--data-dir', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/shadow: .* healthy for 1h/);
    expect(readFileSync(target, 'utf8')).toBe(CAND);
  });

  it('refuses, one line and exit 78, a record too short, with a gap, missing, or of another set', async () => {
    const cases: [string, string, RegExp][] = [
      [dir, '24h', /not healthy \(\d+\.\d h of candles, 24 h required\): \d+\.\d h \(\d+ candles\), \d+ trades/],
      [gapped, '1h', /not healthy \(a gap of \d+ candles \(more than 2\)\)/],
      [tempDir('promote-shadow-none'), '1h', /no shadow record of ETH in .*; run s0001 in coinbot-shadow@ETH first/],
    ];
    for (const [dataDir, within, why] of cases) {
      const { target, base } = setup();
      const r = await cli([...base, '--require-shadow', within, '--data-dir', dataDir]);
      expect(r.code, why.source).toBe(78);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(why);
      expect(readFileSync(target, 'utf8')).toBe(LIVE);
    }
    const other = tempDir('promote-shadow-other');
    await runLiveInProcess({ fake, dataDir: other, params: LIVE, start: S, stopAt: END, instance: 'shadow' });
    const { base } = setup();
    const r = await cli([...base, '--require-shadow', '1h', '--data-dir', other]);
    expect(r.code).toBe(78);
    expect(r.err).toMatch(/parameters differ from the candidate: ATR_GATE_MULT, ENTRY_COOLDOWN_S/);
  }, 60_000);
});
