/**
 * One shard of a re-evaluation (`coinbot reeval --shard K/N`): the same plan as a single run, but
 * only the sets of slice K of each symbol are simulated (shard-range.ts); no statistics, verdict
 * or report, which need every set and are made by `coinbot merge` (merge-shards.ts).
 */
import { planReeval, type ReevalOptions } from './reeval-plan.js';
import { SHARD_SCHEMA_VERSION, type ShardFile, type ShardSymbol } from './shard-file.js';
import { shardRange, type ShardSpec } from './shard-range.js';
import { evaluateSets } from './sweep-symbol.js';

/** A shard file without its provenance (the CLI adds where and when it ran). */
export type ShardBody = Omit<ShardFile, 'provenance'>;

/**
 * Simulates slice `shard` of every symbol's sets.
 * Side effects: worker threads, reading the cache and config. `o.journals` and `o.outcomes` are
 * ignored: journals are given to the merge.
 */
export async function runReevalShard(o: ReevalOptions, shard: ShardSpec): Promise<ShardBody> {
  const plan = planReeval({ ...o, journals: [] });
  const symbols: ShardSymbol[] = [];
  for (const sp of plan.symbols) {
    const range = shardRange(sp.extent.points.length, shard);
    const input = o.onProgress
      ? { ...sp.sweep, onProgress: (d: number, t: number) => o.onProgress?.(sp.symbol, d, t) }
      : sp.sweep;
    const outcomes = range.to > range.from ? await evaluateSets(input, sp.extent, range) : [];
    symbols.push({ symbol: sp.symbol, sets: sp.extent.points.length, range, outcomes });
  }
  const { journals: _none, ...parts } = plan.fingerprintParts;
  return {
    kind: 'coinbot.reeval.shard',
    schemaVersion: SHARD_SCHEMA_VERSION,
    fingerprint: plan.fingerprint,
    fingerprintParts: parts,
    shard,
    request: {
      strategy: o.strategy.name,
      symbols: [...o.symbols],
      hours: o.hours,
      end: plan.windows.full.to,
      ...(o.gridFile !== undefined ? { gridFile: o.gridFile } : {}),
      blockMs: o.blockMs,
      fees: o.fees,
      verdict: o.verdict,
    },
    symbols,
  };
}
