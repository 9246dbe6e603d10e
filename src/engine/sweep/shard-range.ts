/**
 * The deterministic slices of `coinbot reeval --shard K/N`: shard K (0-based) of N evaluates the
 * contiguous set indices `⌊K·n/N⌋ … ⌊(K+1)·n/N⌋ − 1` of each symbol's n distinct sets. The slices
 * of K = 0 … N−1 cover every set exactly once, in order, and differ in size by at most one.
 */

/** One shard of a split: `index` 0 … `count` − 1. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** A half-open range of set indices. */
export interface SetRange {
  readonly from: number;
  readonly to: number;
}

/** `K/N` as printed in messages and file names (0-based K). */
export function shardLabel(s: ShardSpec): string {
  return `${s.index}/${s.count}`;
}

/**
 * The set indices shard `s` evaluates out of `sets` distinct sets (may be empty when N > n).
 * @throws Error (a bug) when the spec is out of range; user input is checked by the CLI.
 */
export function shardRange(sets: number, s: ShardSpec): SetRange {
  if (!(Number.isSafeInteger(s.count) && s.count >= 1 && Number.isSafeInteger(s.index) && s.index >= 0))
    throw new Error(`Invariant failed: bad shard ${shardLabel(s)}`);
  if (s.index >= s.count) throw new Error(`Invariant failed: shard ${shardLabel(s)} out of range`);
  return { from: Math.floor((s.index * sets) / s.count), to: Math.floor(((s.index + 1) * sets) / s.count) };
}
