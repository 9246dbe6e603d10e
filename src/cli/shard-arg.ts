/**
 * `--shard K/N` of `coinbot reeval`: shard K (0-based) of N. K and N are whole numbers, or
 * `env:NAME` to read one from the environment variable NAME — so a scheduler's index works
 * without a shell: `--shard env:JOB_COMPLETION_INDEX/4` (Kubernetes Indexed Job),
 * `--shard env:SLURM_ARRAY_TASK_ID/8` with `sbatch --array=0-7` (Slurm).
 */
import { UsageError } from '../engine/errors.js';
import type { ShardSpec } from '../engine/sweep/shard-range.js';

const FORM = 'use --shard K/N with 0 ≤ K < N, e.g. 0/4, or env:JOB_COMPLETION_INDEX/4';

function wholeNumber(spec: string, part: string, env: NodeJS.ProcessEnv): number {
  let text = part;
  const name = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(part)?.[1];
  if (name !== undefined) {
    const value = env[name];
    if (value === undefined || value.trim() === '')
      throw new UsageError(
        `--shard ${spec}: ${name} is not set (an Indexed Job sets JOB_COMPLETION_INDEX, a Slurm array SLURM_ARRAY_TASK_ID); ${FORM}`,
      );
    text = value.trim();
  }
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--shard ${spec}: '${text}' is not a whole number; ${FORM}`);
  return Number(text);
}

/**
 * Reads `--shard K/N`, resolving `env:NAME` parts from `env`.
 * @throws UsageError (exit 2) naming the fix.
 */
export function parseShardArg(spec: string, env: NodeJS.ProcessEnv): ShardSpec {
  const parts = spec.split('/');
  if (parts.length !== 2) throw new UsageError(`--shard ${spec}: ${FORM}`);
  const index = wholeNumber(spec, parts[0] as string, env);
  const count = wholeNumber(spec, parts[1] as string, env);
  if (count < 1) throw new UsageError(`--shard ${spec}: N must be ≥ 1; ${FORM}`);
  if (index >= count)
    throw new UsageError(`--shard ${spec}: K = ${index} is not below N = ${count}; K is 0-based (0 … ${count - 1})`);
  return { index, count };
}
