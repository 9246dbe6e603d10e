/**
 * One shard of a re-evaluation (`coinbot reeval --shard K/N`): the same plan as a single run, but
 * only the sets of slice K of each symbol are simulated (shard-range.ts); no statistics, verdict
 * or report, which need every set and are made by `coinbot merge` (merge-shards.ts).
 */
import { planReeval, type ReevalOptions, type ReevalPlan, type SymbolPlan } from './reeval-plan.js';
import { SHARD_SCHEMA_VERSION, type ShardFile, type ShardSymbol } from './shard-file.js';
import { shardRange, type SetRange, type ShardSpec } from './shard-range.js';
import { sweepInit } from './sweep-init.js';
import type { SetOutcome } from './sweep-context.js';
import { startSweepPool } from './sweep-pool.js';

/** A shard file without its provenance (the CLI adds where and when it ran). */
export type ShardBody = Omit<ShardFile, 'provenance'>;

/**
 * Simulates slice `shard` of every symbol's sets.
 * Side effects: worker threads, reading the cache and config. `o.journals` and `o.outcomes` are
 * ignored: journals are given to the merge.
 */
export async function runReevalShard(o: ReevalOptions, shard: ShardSpec): Promise<ShardBody> {
  // One pool for every symbol, started before planning (as a single run does).
  const pool = startSweepPool(o.workers);
  try {
    const plan = planReeval({ ...o, journals: [] });
    const ranges = plan.symbols.map((sp) => shardRange(sp.extent.points.length, shard));
    const progress =
      o.onProgress &&
      ((k: number, d: number, t: number) => o.onProgress?.((plan.symbols[k] as SymbolPlan).symbol, d, t));
    const outcomes = pool.begin(
      plan.symbols.map((sp) => sweepInit(sp.sweep, sp.extent)),
      plan.symbols.map((sp, k) => sp.extent.points.slice(ranges[k]?.from, ranges[k]?.to).map((p) => p.params)),
      progress,
    );
    const symbols: ShardSymbol[] = [];
    for (const [k, sp] of plan.symbols.entries()) {
      const range = ranges[k] as SetRange;
      symbols.push({
        symbol: sp.symbol,
        sets: sp.extent.points.length,
        range,
        outcomes: await (outcomes[k] as Promise<SetOutcome[]>),
      });
    }
    return shardBody(o, shard, plan, symbols);
  } finally {
    await pool.close();
  }
}

/** The shard file's body: what ran (request, fingerprint) and the slice's outcomes. */
function shardBody(o: ReevalOptions, shard: ShardSpec, plan: ReevalPlan, symbols: ShardSymbol[]): ShardBody {
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
