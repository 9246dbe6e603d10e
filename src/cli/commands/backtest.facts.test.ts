/**
 * A data dir with candles but no market facts (a user imported a candle CSV alone): backtest and
 * reeval use the bundled exchangeInfo capture and say so; an imported exchangeInfo replaces it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { EXCHANGE_INFO_SUBSET, SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { tempDir } from '../../../test-support/temp-dir.js';

describe('market facts when the data dir has none', () => {
  const dir = tempDir('facts-fallback');
  const csv = join(dir, 'ETHUSDT_1m.csv');

  it('backtests freshly imported candles with the bundled capture and names it, until an exchangeInfo is imported', async () => {
    expect(
      (await cliInProcess(['data', 'export', '--symbol', 'ETH', '--data-dir', SAMPLE_DATA_DIR, '--out', csv])).code,
    ).toBe(0);
    const dd = join(dir, 'dd');
    expect((await cliInProcess(['import', csv, '--symbol', 'ETH', '--data-dir', dd])).code).toBe(0);
    const text = await cliInProcess(['backtest', '--params', 'config/live/ETH.env', '--data-dir', dd]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /no market facts in the data dir: using the bundled exchangeInfo capture of 2025-11-26/,
    );
    const json = JSON.parse(
      (await cliInProcess(['backtest', '--params', 'config/live/ETH.env', '--data-dir', dd, '--json'])).stdout,
    ) as {
      facts_source: { kind: string };
    };
    expect(json.facts_source.kind).toBe('bundled');
    // reeval records it in results.json (coinbot promote refuses such a run unless forced).
    const out = join(dir, 'reports');
    const r = await cliInProcess([
      'reeval',
      '--data-dir',
      dd,
      '--symbols',
      'ETH',
      '--hours',
      '4',
      '--workers',
      '1',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const { runId } = JSON.parse(r.stdout) as { runId: string };
    const results = JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8')) as {
      symbols: { data: { factsSource: { kind: string } } }[];
    };
    expect(results.symbols[0]?.data.factsSource.kind).toBe('bundled');
    // An imported exchangeInfo replaces the capture.
    expect((await cliInProcess(['import', EXCHANGE_INFO_SUBSET, '--data-dir', dd])).code).toBe(0);
    const after = JSON.parse(
      (await cliInProcess(['backtest', '--params', 'config/live/ETH.env', '--data-dir', dd, '--json'])).stdout,
    ) as {
      facts_source: { kind: string };
    };
    expect(after.facts_source.kind).toBe('cache');
  }, 120_000);
});
