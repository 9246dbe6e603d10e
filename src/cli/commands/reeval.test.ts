import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';

describe('coinbot reeval and coinbot report', () => {
  it('writes results.json, run.json, trades.csv and the report, and report rebuilds the same page', async () => {
    const dir = tempDir('reeval-cli');
    const grid = join(dir, 'grid.json');
    writeFileSync(grid, JSON.stringify({ ATR_GATE_MULT: [1.0, 1.5], ENTRY_COOLDOWN_S: [0, 600] }));
    const out = join(dir, 'reports');
    const r = await cliInProcess([
      'reeval',
      '--data-dir',
      SAMPLE_DATA_DIR,
      '--grid',
      grid,
      '--out',
      out,
      '--workers',
      '2',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      runId: string;
      paths: Record<string, string>;
      symbols: { symbol: string; verdict: string; sets: number }[];
    };
    expect(summary.runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
    expect(summary.symbols.map((s) => s.symbol)).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    for (const s of summary.symbols)
      expect(s.verdict).toMatch(/^(KEEP|STOP|NO EDGE|INSUFFICIENT DATA|CANDIDATE s\d{4})$/);
    for (const f of ['results', 'run', 'trades', 'html', 'index'])
      expect(existsSync(summary.paths[f] as string), f).toBe(true);
    const results = JSON.parse(readFileSync(summary.paths.results as string, 'utf8'));
    expect(results).toMatchObject({ schemaVersion: 1, kind: 'coinbot.reeval.results', window: { hours: 48 } });
    expect(JSON.stringify(results)).not.toMatch(/startedAt|workers|gitRevision/);
    expect(readFileSync(summary.paths.trades as string, 'utf8').split('\n')[0]).toMatch(
      /^symbol,set_id,role,signal_time,/,
    );
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);

    const before = readFileSync(summary.paths.html as string, 'utf8');
    const rebuilt = await cliInProcess(['report', 'latest', '--out', out]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(readFileSync(summary.paths.html as string, 'utf8')).toBe(before);
  }, 120_000);

  it('refuses a spot symbol (exit 2) and a symbol without a live set (exit 78)', async () => {
    const spot = await cliInProcess(['reeval', '--symbols', 'BTC/BUSD', '--data-dir', SAMPLE_DATA_DIR]);
    expect(spot.code).toBe(2);
    expect(spot.stderr).toMatch(/quote 'BUSD' is not USDT/);
    const none = await cliInProcess([
      'reeval',
      '--symbols',
      'DOGE',
      '--data-dir',
      SAMPLE_DATA_DIR,
      '--config-dir',
      tempDir('no-config'),
    ]);
    expect(none.code).toBe(78);
    expect(none.stderr).toMatch(/no live set for DOGE\/USDT:USDT: .*DOGE\.env is missing/);
  });

  it('exits 66 naming the fix when a run id does not exist', async () => {
    const r = await cliInProcess(['report', 'nope', '--out', tempDir('no-runs')]);
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/no run 'nope'/);
  });
});
