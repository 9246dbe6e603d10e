import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';

describe('coinbot check', () => {
  it('passes the look-ahead check for the ETH live set on the sample (exit 0)', async () => {
    const r = await cliInProcess([
      'check',
      'lookahead',
      '--symbol',
      'ETH',
      '--data-dir',
      SAMPLE_DATA_DIR,
      '--prefixes',
      '4',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS: every decision on every prefix equals the full run/);
  });

  it('reports every indicator of the warm-up check as JSON', async () => {
    const r = await cliInProcess([
      'check',
      'warmup',
      '--symbol',
      'BTC',
      '--data-dir',
      SAMPLE_DATA_DIR,
      '--extra',
      '500',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { ok: boolean; declared: number; indicators: { name: string }[] };
    expect(j).toMatchObject({ ok: true, declared: 281 });
    expect(j.indicators.map((x) => x.name)).toEqual(['tr', 'atr', 'atrPrev', 'hi', 'lo']);
  });

  it('exits 2 for a bad --prefixes', async () => {
    const r = await cliInProcess([
      'check',
      'lookahead',
      '--symbol',
      'ETH',
      '--data-dir',
      SAMPLE_DATA_DIR,
      '--prefixes',
      '0',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--prefixes/);
  });
});
