/**
 * `coinbot reeval [--symbols BTC,ETH] [--hours 48] [--end latest|ISO] [--grid FILE] [--workers N]
 * [--out reports/] [--data-dir DIR] [--json] [--shard K/N [--shard-dir DIR]]`: the 24–48 h
 * re-evaluation of the live sets. With `--shard K/N` it simulates slice K of the sets only and
 * writes `shard-K-of-N.json` for `coinbot merge` (see engine/sweep/shard-range.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { readJournal } from '../../engine/live/journal.js';
import type { CommandModule } from 'yargs';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { gitRevision, prefetchGitRevision } from '../../engine/git-revision.js';
import { readGridFile } from '../../engine/sweep/grid-file.js';
import { runReeval, type ReevalOptions } from '../../engine/sweep/run-reeval.js';
import { runReevalShard, type ShardBody } from '../../engine/sweep/run-reeval-shard.js';
import type { ReevalResults } from '../../engine/sweep/reeval-results.js';
import { writeShardFile } from '../../engine/sweep/shard-file.js';
import { shardLabel } from '../../engine/sweep/shard-range.js';
import { freeRunId } from '../../engine/sweep/write-run.js';
import { readVerdictConfigFile } from '../../engine/sweep/verdict-config-file.js';
import { normaliseSymbol, type PerpSymbol } from '../../engine/symbols.js';
import { DEFAULT_STRATEGY, strategies, strategyModuleOf } from '../../strategies/index.js';
import { say, sayJson } from '../output.js';
import { progressReporter } from '../progress.js';
import { finishReevalRun, withRunOutputOptions } from '../reeval-finish.js';
import { parseShardArg } from '../shard-arg.js';
import type { NotifyMode } from '../../engine/sweep/reeval-notify.js';
import { runInfoOf } from '../run-info.js';

interface Args {
  symbols: string;
  hours: number;
  end: string;
  grid?: string;
  workers: number;
  out: string;
  'data-dir': string;
  'config-dir': string;
  'verdict-config'?: string;
  'block-minutes': number;
  tz: string;
  json: boolean;
  journal: string[];
  notify: NotifyMode;
  shard?: string;
  'shard-dir'?: string;
}

export const reevalCommand: CommandModule<object, Args> = {
  command: 'reeval',
  describe:
    'Re-evaluate the live parameter sets on the last 24–48 h: sweep a grid around each, judge it, write reports/<run-id>/',
  builder: (y) =>
    withRunOutputOptions(y)
      .option('symbols', {
        type: 'string',
        default: 'BTC,ETH',
        describe: 'comma-separated symbols; each needs config/live/<BASE>.env',
      })
      .option('hours', {
        type: 'number',
        default: 48,
        describe: 'window length (even; split into two halves scored alone)',
      })
      .option('end', {
        type: 'string',
        default: 'latest',
        describe: "window end (exclusive): 'latest' = latest candle close common to all symbols, or ISO/ms",
      })
      .option('grid', { type: 'string', describe: 'JSON grid file (default: the strategy grid around each live set)' })
      .option('workers', {
        type: 'number',
        default: Math.max(1, availableParallelism()),
        describe: 'worker threads (results are identical for any count)',
      })
      .option('out', { type: 'string', default: 'reports', describe: 'reports folder' })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR })
      .option('config-dir', { type: 'string', default: 'config/live', describe: 'where the live sets <BASE>.env are' })
      .option('verdict-config', {
        type: 'string',
        describe: 'JSON file of verdict thresholds (see docs/reeval.md); unknown keys are refused',
      })
      .option('block-minutes', {
        type: 'number',
        default: 60,
        describe: 'PnL block length for the statistics, minutes',
      })
      .option('shard', {
        type: 'string',
        describe:
          'simulate only shard K of N (0-based; K or N may be env:NAME, e.g. env:JOB_COMPLETION_INDEX/4) and write shard-K-of-N.json for coinbot merge',
      })
      .option('shard-dir', { type: 'string', describe: 'where --shard writes its file (default: <out>/shards)' })
      .example('$0 reeval --data-dir data/sample', 'the bundled sample, BTC and ETH, 48 h')
      .example(
        '$0 reeval --shard env:JOB_COMPLETION_INDEX/4 --out /shared/reports',
        'one shard of four (then coinbot merge)',
      )
      .example(
        '$0 reeval --symbols ETH --hours 24 --end 2025-06-20T00:00Z --tz Asia/Seoul',
        'one symbol, one day',
      ) as never,
  // Over 60 lines: flags → options → run (whole or one shard) → write and print, in that order.
  handler: async (args) => {
    const strategy = strategies.get(DEFAULT_STRATEGY);
    if (strategy === undefined) throw new Error('Invariant failed: default strategy missing');
    const symbols: PerpSymbol[] = [
      ...new Set(
        args.symbols
          .split(',')
          .filter((s) => s.trim() !== '')
          .map((s) => normaliseSymbol(s)),
      ),
    ];
    if (symbols.length === 0) throw new UsageError('--symbols: name at least one symbol, e.g. BTC,ETH');
    if (!Number.isInteger(args.workers) || args.workers < 1)
      throw new UsageError(`--workers ${args.workers}: use a whole number ≥ 1`);
    if (!Number.isInteger(args['block-minutes']) || args['block-minutes'] < 1)
      throw new UsageError('--block-minutes: use a whole number ≥ 1');
    const shard = args.shard === undefined ? undefined : parseShardArg(args.shard, process.env);
    if (shard !== undefined && args.journal.length > 0)
      throw new UsageError('--journal: give the journals to coinbot merge, not to a shard');
    if (shard !== undefined && args.notify !== 'never')
      throw new UsageError('--notify: give it to coinbot merge, which writes the run; a shard only writes its file');
    const startedAt = Date.now();
    const progress = progressReporter(!args.json);
    const options: ReevalOptions = {
      strategy,
      strategyModule: strategyModuleOf(strategy.name),
      dataDir: args['data-dir'],
      configDir: args['config-dir'],
      symbols,
      hours: args.hours,
      end: args.end,
      ...(args.grid !== undefined ? { gridFile: readGridFile(args.grid, strategy) } : {}),
      workers: args.workers,
      blockMs: args['block-minutes'] * 60_000,
      fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
      verdict: readVerdictConfigFile(args['verdict-config']),
      onProgress: (s, d, t) => progress.update(s, d, t),
      journals: args.journal.map((f) => {
        if (!existsSync(f))
          throw new DataError(
            `--journal ${f}: no such file; live mode writes <data-dir>/state/<BASE>-<mode>.journal.jsonl`,
          );
        return readJournal(f);
      }),
    };
    if (shard !== undefined) {
      const body = await runReevalShard(options, shard);
      progress.stop();
      return writeShard(args, body, startedAt);
    }
    const running = runReeval(options);
    void prefetchGitRevision(); // for run.json, while the sets are simulated
    const results: ReevalResults = await running;
    progress.stop();
    const run = runInfoOf({
      runId: freeRunId(args.out, startedAt, results.fingerprint),
      startedAt,
      workers: args.workers,
      dataDir: args['data-dir'],
      tz: args.tz,
      fingerprint: results.fingerprint,
    });
    await finishReevalRun(args, results, run);
  },
};

/** Writes the shard file (atomically) with where and when it ran, and says what it holds. */
function writeShard(args: Args, body: ShardBody, startedAt: number): void {
  const path = writeShardFile(args['shard-dir'] ?? join(args.out, 'shards'), {
    ...body,
    provenance: {
      commandLine: ['coinbot', ...process.argv.slice(2)].join(' '),
      startedAt,
      finishedAt: Date.now(),
      workers: args.workers,
      gitRevision: gitRevision(),
      node: process.version,
      host: hostname(),
      dataDir: args['data-dir'],
    },
  });
  const slices = body.symbols.map((s) => ({ symbol: s.symbol, sets: s.sets, from: s.range.from, to: s.range.to }));
  if (args.json)
    return sayJson({ shard: shardLabel(body.shard), fingerprint: body.fingerprint, path, symbols: slices });
  for (const s of slices)
    say(`shard ${shardLabel(body.shard)} ${s.symbol}: sets ${s.from}…${s.to - 1} of ${s.sets} (${s.to - s.from})`);
  say(`shard file: ${path} (fingerprint ${body.fingerprint.slice(0, 16)}…); merge all N with coinbot merge`);
}
