/**
 * One shard of a re-evaluation (`coinbot reeval --shard K/N`): the same plan as a single run, but
 * only the sets of slice K of each symbol are simulated (shard-range.ts); no statistics, verdict
 * or report, which need every set and are made by `coinbot merge` (merge-shards.ts).
 */
import { planReeval, type ReevalOptions, type ReevalPlan } from './reeval-plan.js';
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
  // One pool for every symbol, started before planning; each symbol queued once planned (as a single run).
  const pool = startSweepPool(o.workers, o.strategyModule);
  try {
    const ranges: SetRange[] = [];
    const swept: Promise<SetOutcome[]>[] = [];
    const plan = planReeval({ ...o, journals: [] }, (sp, k) => {
      const range = shardRange(sp.extent.points.length, shard);
      ranges.push(range);
      const progress = o.onProgress && ((d: number, t: number) => o.onProgress?.(sp.symbol, d, t));
      const sets = sp.extent.points.slice(range.from, range.to).map((p) => p.params);
      swept.push(pool.enqueue(k, sweepInit(sp.sweep, sp.extent), sets, progress));
    });
    const symbols: ShardSymbol[] = [];
    for (const [k, sp] of plan.symbols.entries()) {
      const range = ranges[k] as SetRange;
      symbols.push({
        symbol: sp.symbol,
        sets: sp.extent.points.length,
        range,
        outcomes: await (swept[k] as Promise<SetOutcome[]>),
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
