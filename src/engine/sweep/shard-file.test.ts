import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test-support/temp-dir.js';
import { DataError } from '../errors.js';
import { readShardFile, SHARD_SCHEMA_VERSION, writeShardFile, type ShardFile } from './shard-file.js';
import type { SetOutcome, WindowOutcome } from './sweep-context.js';

const dir = tempDir('shard-file');

const windowOf = (pnl: number[]): WindowOutcome =>
  ({
    metrics: { trades: pnl.length },
    refusedSignals: 0,
    blockPnl: Float64Array.from(pnl),
  }) as unknown as WindowOutcome;

/** A shard of one symbol with two outcomes (only the fields the file code reads are real). */
function shardOf(outcomes: SetOutcome[]): ShardFile {
  return {
    kind: 'coinbot.reeval.shard',
    schemaVersion: SHARD_SCHEMA_VERSION,
    fingerprint: 'f'.repeat(64),
    shard: { index: 0, count: 1 },
    symbols: [
      { symbol: 'BTC/USDT:USDT', sets: outcomes.length, range: { from: 40, to: 40 + outcomes.length }, outcomes },
    ],
  } as unknown as ShardFile;
}

describe('shard files', () => {
  it('store block PnL as JSON arrays and read it back as Float64Arrays of the same values', () => {
    const outcomes: SetOutcome[] = [
      { full: windowOf([0.1, -2.5e-7, 1234.56789012]), h1: windowOf([0.1]), h2: windowOf([-2.5e-7, 1234.56789012]) },
      { full: windowOf([0, 0, 0]), h1: windowOf([0]), h2: windowOf([0, 0]) },
    ];
    const path = writeShardFile(dir, shardOf(outcomes));
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { symbols: { outcomes: SetOutcome[] }[] };
    expect(stored.symbols[0]?.outcomes[0]?.full.blockPnl).toEqual([0.1, -2.5e-7, 1234.56789012]);
    const back = readShardFile(path).symbols[0]?.outcomes ?? [];
    expect(back).toHaveLength(2);
    back.forEach((o, i) => {
      for (const w of ['full', 'h1', 'h2'] as const) {
        expect(o[w].blockPnl).toBeInstanceOf(Float64Array);
        expect(o[w].blockPnl).toEqual((outcomes[i] as SetOutcome)[w].blockPnl);
      }
    });
  });

  it('refuses a shard whose block PnL is not a list of numbers, naming the set and window (DataError)', () => {
    const path = writeShardFile(dir, shardOf([{ full: windowOf([1]), h1: windowOf([1]), h2: windowOf([1]) }]));
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { symbols: { outcomes: Record<string, unknown>[] }[] };
    (doc.symbols[0]?.outcomes[0]?.h2 as { blockPnl: unknown }).blockPnl = ['1'];
    writeFileSync(path, JSON.stringify(doc));
    expect(() => readShardFile(path)).toThrow(DataError);
    expect(() => readShardFile(path)).toThrow(/BTC\/USDT:USDT set 40 has no h2 block PnL list of numbers/);
  });
});
