/**
 * `coinbot merge`: checks that the shard files form one complete split of one run, plans that run
 * again from the shards' request on this machine's data and live sets, checks its fingerprint
 * against the shards', and hands the shards' outcomes, concatenated in set order, to the same
 * {@link runReeval} a single run uses. So results.json is byte-identical to a single run's.
 *
 * | refusal | error | exit |
 * |---|---|---|
 * | shards of different inputs (fingerprints) or of different splits (N) | DataError | 65 |
 * | the merge's own data, live sets or code differ from the shards' | DataError | 65 |
 * | a shard of the split is missing | NoDataError | 66 |
 * | the same shard given twice | UsageError | 2 |
 */
import { ConfigError, DataError, NoDataError, UsageError } from '../errors.js';
import type { JournalEntry } from '../live/journal.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';
import type { PerpSymbol } from '../symbols.js';
import { planReeval, type ReevalOptions, type ReevalPlan } from './reeval-plan.js';
import type { ReevalResults } from './reeval-results.js';
import { runReeval } from './run-reeval.js';
import type { ShardFile } from './shard-file.js';
import { shardLabel, shardRange } from './shard-range.js';
import type { SetOutcome } from './sweep-context.js';

/** A shard file and where it was read from. */
export interface LoadedShard {
  readonly path: string;
  readonly file: ShardFile;
}

/** What the merging machine supplies itself (the rest comes from the shards' request). */
export interface MergeLocal {
  readonly strategy: AnyStrategy;
  readonly strategyModule: StrategyModuleRef;
  readonly dataDir: string;
  readonly configDir: string;
  readonly workers: number;
  readonly journals?: readonly JournalEntry[][];
}

const short = (fp: string) => `${fp.slice(0, 12)}…`;

/**
 * The shards ordered by index, once each check below passed.
 * @throws UsageError (none given, one given twice), DataError (different inputs or splits),
 *   NoDataError (one missing).
 */
export function checkShardSet(shards: readonly LoadedShard[]): LoadedShard[] {
  const first = shards[0];
  if (first === undefined) throw new UsageError('merge: name the shard files (or their folder) to merge');
  for (const s of shards) {
    if (s.file.fingerprint !== first.file.fingerprint)
      throw new DataError(
        `${s.path} and ${first.path} are shards of different inputs (fingerprint ${short(s.file.fingerprint)} vs ${short(first.file.fingerprint)}): run every shard on the same data, grid, code and settings, or merge them apart`,
      );
    if (s.file.shard.count !== first.file.shard.count)
      throw new DataError(
        `${s.path} is shard ${shardLabel(s.file.shard)} but ${first.path} is ${shardLabel(first.file.shard)}: merge the shards of one split (same N)`,
      );
  }
  const byIndex = new Map<number, LoadedShard>();
  for (const s of shards) {
    const twin = byIndex.get(s.file.shard.index);
    if (twin !== undefined)
      throw new UsageError(
        `shard ${shardLabel(s.file.shard)} is given twice (${twin.path}, ${s.path}): pass each shard once`,
      );
    byIndex.set(s.file.shard.index, s);
  }
  const n = first.file.shard.count;
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new NoDataError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} of ${n} missing: wait for ${missing.length > 1 ? 'them' : 'it'} or run coinbot reeval --shard ${missing[0]}/${n} with the same options`,
    );
  return Array.from({ length: n }, (_, i) => byIndex.get(i) as LoadedShard);
}

/** The options of the run the shards belong to, on this machine. */
export function mergeOptions(shard: ShardFile, local: MergeLocal): ReevalOptions {
  const r = shard.request;
  if (r.strategy !== local.strategy.name)
    throw new ConfigError(`the shards ran strategy ${r.strategy}, this coinbot's is ${local.strategy.name}`);
  return {
    ...local,
    symbols: r.symbols as PerpSymbol[],
    hours: r.hours,
    end: String(r.end),
    ...(r.gridFile !== undefined ? { gridFile: r.gridFile } : {}),
    blockMs: r.blockMs,
    fees: r.fees,
    verdict: r.verdict,
  };
}

/** Refuses a merge whose own plan (data, live sets, grid, code, settings) is not the shards'. */
function checkSamePlan(plan: ReevalPlan, shard: LoadedShard): void {
  const parts = ['data', 'grid', 'code', 'settings'] as const;
  const differ = parts.filter((p) => plan.fingerprintParts[p] !== shard.file.fingerprintParts[p]);
  if (differ.length > 0)
    throw new DataError(
      `the shards' inputs differ from this machine's (${differ.join(', ')}): run merge with the shards' --data-dir, --config-dir and coinbot version`,
    );
}

/** Every symbol's outcomes, the shards' slices concatenated in index order (= set order). */
export function mergedOutcomes(plan: ReevalPlan, shards: readonly LoadedShard[]): SetOutcome[][] {
  return plan.symbols.map((sp, k) => {
    const n = sp.extent.points.length;
    const out: SetOutcome[] = [];
    for (const s of shards) {
      const part = s.file.symbols[k];
      const want = shardRange(n, s.file.shard);
      if (
        part?.symbol !== sp.symbol ||
        part.range.from !== want.from ||
        part.range.to !== want.to ||
        part.outcomes.length !== want.to - want.from
      )
        throw new DataError(
          `${s.path}: its ${sp.symbol} slice is not sets ${want.from}…${want.to - 1} of ${n}; the file is damaged, re-run shard ${shardLabel(s.file.shard)}`,
        );
      out.push(...part.outcomes);
    }
    return out;
  });
}

/**
 * Merges a complete split into the run's results (as {@link runReeval} of a single run).
 * Side effects: reads the cache and live sets; re-runs in process only what a single run does
 * after its sweep (stress and detail runs).
 */
export async function mergeShards(
  given: readonly LoadedShard[],
  local: MergeLocal,
): Promise<{ results: ReevalResults; shards: LoadedShard[] }> {
  const shards = checkShardSet(given);
  const o = mergeOptions((shards[0] as LoadedShard).file, local);
  const plan = planReeval(o);
  checkSamePlan(plan, shards[0] as LoadedShard);
  const results = await runReeval({ ...o, outcomes: mergedOutcomes(plan, shards) }, plan);
  return { results, shards };
}
