/**
 * The provenance record (`run.json`) of a run `reeval`, `merge` and `walkforward` write: what
 * the caller knows (id, start, workers, data dir, zone, fingerprint) plus the end time now, the
 * command line, the git revision and the Node version. Side effect: reads the wall clock and git.
 */
import { gitRevision } from '../engine/git-revision.js';
import type { RunInfo } from '../engine/sweep/reeval-results.js';

/** What the caller supplies; the rest is read here. */
export type RunInfoParts = Pick<RunInfo, 'runId' | 'startedAt' | 'workers' | 'dataDir' | 'tz' | 'fingerprint'> &
  Partial<Pick<RunInfo, 'shards'>>;

/** The run's `run.json`, finished now. */
export function runInfoOf(parts: RunInfoParts): RunInfo {
  const finishedAt = Date.now();
  return {
    runId: parts.runId,
    startedAt: parts.startedAt,
    finishedAt,
    durationMs: finishedAt - parts.startedAt,
    commandLine: ['coinbot', ...process.argv.slice(2)].join(' '),
    workers: parts.workers,
    gitRevision: gitRevision(),
    node: process.version,
    dataDir: parts.dataDir,
    tz: parts.tz,
    fingerprint: parts.fingerprint,
    ...(parts.shards !== undefined ? { shards: parts.shards } : {}),
  };
}
