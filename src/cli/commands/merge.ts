/**
 * `coinbot merge <shard files or folders...> [--out reports/] [--data-dir DIR] [--config-dir DIR]
 * [--journal FILE] [--notify MODE] [--tz ZONE] [--json]`: combines the shard files of
 * `coinbot reeval --shard K/N` (K = 0 … N−1) into the run a single `coinbot reeval` would have
 * written: results.json byte for byte, run.json listing the shards. Refusals: see
 * engine/sweep/merge-shards.ts.
 */
import { existsSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { DataError } from '../../engine/errors.js';
import { readJournal } from '../../engine/live/journal.js';
import { mergeShards } from '../../engine/sweep/merge-shards.js';
import type { NotifyMode } from '../../engine/sweep/reeval-notify.js';
import { readShardFile, shardPaths } from '../../engine/sweep/shard-file.js';
import { shardLabel } from '../../engine/sweep/shard-range.js';
import { freeRunId } from '../../engine/sweep/write-run.js';
import { DEFAULT_STRATEGY, strategies, strategyModuleOf } from '../../strategies/index.js';
import { finishReevalRun, withRunOutputOptions } from '../reeval-finish.js';
import { runInfoOf } from '../run-info.js';

interface Args {
  shards: string[];
  out: string;
  'data-dir': string;
  'config-dir': string;
  tz: string;
  json: boolean;
  journal: string[];
  notify: NotifyMode;
}

export const mergeCommand: CommandModule<object, Args> = {
  command: 'merge <shards..>',
  describe:
    'Combine the shard files of reeval --shard K/N into the run (results.json identical to a single reeval); refuses mixed, missing or duplicated shards',
  builder: (y) =>
    withRunOutputOptions(y)
      .positional('shards', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'shard-K-of-N.json files, or folders holding them',
      })
      .option('out', { type: 'string', default: 'reports', describe: 'reports folder' })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR, describe: 'the data the shards ran on' })
      .option('config-dir', { type: 'string', default: 'config/live', describe: 'the live sets the shards ran with' })
      .example('$0 merge reports/shards', 'every shard-K-of-N.json in the folder')
      .example('$0 merge a/shard-0-of-2.json b/shard-1-of-2.json --out reports', 'files from two machines') as never,
  handler: async (args) => {
    const strategy = strategies.get(DEFAULT_STRATEGY);
    if (strategy === undefined) throw new Error('Invariant failed: default strategy missing');
    const loaded = shardPaths(args.shards).map((path) => ({ path, file: readShardFile(path) }));
    const { results, shards } = await mergeShards(loaded, {
      strategy,
      strategyModule: strategyModuleOf(strategy.name),
      dataDir: args['data-dir'],
      configDir: args['config-dir'],
      // The merge simulates nothing in parallel (stress and detail runs are in process).
      workers: 1,
      journals: args.journal.map((f) => {
        if (!existsSync(f))
          throw new DataError(
            `--journal ${f}: no such file; live mode writes <data-dir>/state/<BASE>-<mode>.journal.jsonl`,
          );
        return readJournal(f);
      }),
    });
    // The run started when its first shard did.
    const startedAt = Math.min(...shards.map((s) => s.file.provenance.startedAt));
    const run = runInfoOf({
      runId: freeRunId(args.out, startedAt, results.fingerprint),
      startedAt,
      // Worker threads the run's sweep used in all: the shards' together.
      workers: shards.reduce((n, s) => n + s.file.provenance.workers, 0),
      dataDir: args['data-dir'],
      tz: args.tz,
      fingerprint: results.fingerprint,
      shards: shards.map((s) => ({ shard: shardLabel(s.file.shard), file: s.path, ...s.file.provenance })),
    });
    await finishReevalRun(args, results, run);
  },
};
