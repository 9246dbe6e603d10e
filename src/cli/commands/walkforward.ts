/**
 * `coinbot walkforward [--symbols BTC,ETH] [--from T] [--to T] [--every 24h] [--hours 48]
 * [--grid FILE] [--promotion-delay 0h] [--workers N]`: replays the re-evaluation step by step
 * over history and compares policies (keep, verdict, chase, flat, hindsight) out of sample;
 * writes `reports/walkforward-<run-id>/`.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { UsageError } from '../../engine/errors.js';
import { parseDurationMs } from '../../engine/promote/duration.js';
import { readGridFile } from '../../engine/sweep/grid-file.js';
import { readVerdictConfigFile } from '../../engine/sweep/verdict-config-file.js';
import { normaliseSymbol, type PerpSymbol } from '../../engine/symbols.js';
import { formatInstant, parseInstant } from '../../engine/time.js';
import { runWalkforward } from '../../engine/walkforward/run-walkforward.js';
import { walkforwardRunId, writeWalkforwardRun } from '../../engine/walkforward/write-walkforward-run.js';
import { DEFAULT_STRATEGY, strategies, strategyModuleOf } from '../../strategies/index.js';
import { say, sayJson } from '../output.js';
import { progressReporter } from '../progress.js';
import { runInfoOf } from '../run-info.js';

interface Args {
  symbols: string;
  from?: string;
  to?: string;
  every: string;
  hours: number;
  grid?: string;
  'promotion-delay': string;
  workers: number;
  out: string;
  'cache-dir'?: string;
  cache: boolean;
  'data-dir': string;
  'config-dir': string;
  'verdict-config'?: string;
  'block-minutes': number;
  tz: string;
  json: boolean;
}

function symbolsOf(list: string): PerpSymbol[] {
  const out = [
    ...new Set(
      list
        .split(',')
        .filter((s) => s.trim() !== '')
        .map((s) => normaliseSymbol(s)),
    ),
  ];
  if (out.length === 0) throw new UsageError('--symbols: name at least one symbol, e.g. BTC,ETH');
  return out;
}

export const walkforwardCommand: CommandModule<object, Args> = {
  command: 'walkforward',
  describe: 'Replay the re-evaluation step by step over history: keep vs verdict vs chase vs flat, out of sample',
  builder: (y) =>
    y
      .option('symbols', {
        type: 'string',
        default: 'BTC,ETH',
        describe: 'comma-separated; each needs config/live/<BASE>.env',
      })
      .option('from', {
        type: 'string',
        describe: 'first step time at or after this (ISO/ms); default: first with enough history',
      })
      .option('to', {
        type: 'string',
        describe: 'last out-of-sample window ends at or before this; default: the data end',
      })
      .option('every', {
        type: 'string',
        default: '24h',
        describe: 'step spacing = out-of-sample window (e.g. 24h, 6h)',
      })
      .option('hours', {
        type: 'number',
        default: 48,
        describe: 'in-sample window (even; split into halves as reeval does)',
      })
      .option('grid', {
        type: 'string',
        describe: 'JSON grid file (default: the strategy grid around each original live set)',
      })
      .option('promotion-delay', {
        type: 'string',
        default: '0h',
        describe:
          'the verdict policy switches to a CANDIDATE at the first step ≥ this long after it (e.g. 24h: a shadow run)',
      })
      .option('workers', {
        type: 'number',
        default: Math.max(1, availableParallelism()),
        describe: 'worker threads (results identical for any count)',
      })
      .option('out', { type: 'string', default: 'reports', describe: 'reports folder' })
      .option('cache-dir', { type: 'string', describe: 'step cache folder (default: <out>/.walkforward-cache)' })
      .option('cache', {
        type: 'boolean',
        default: true,
        describe: 'read and write the step cache (--no-cache: neither)',
      })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR })
      .option('config-dir', { type: 'string', default: 'config/live', describe: 'where the live sets <BASE>.env are' })
      .option('verdict-config', { type: 'string', describe: 'JSON file of verdict thresholds (as reeval)' })
      .option('block-minutes', {
        type: 'number',
        default: 60,
        describe: 'PnL block length for the statistics, minutes',
      })
      .option('tz', { type: 'string', default: 'UTC', describe: 'IANA zone the page shows times in' })
      .option('json', { type: 'boolean', default: false, describe: 'print run id, paths and totals as JSON' })
      .example('$0 walkforward --data-dir ../shared/data-cache --symbols ETH', 'daily steps on 48 h, one symbol')
      .example('$0 walkforward --promotion-delay 24h', 'candidates promoted after a 24 h shadow run') as never,
  handler: async (args) => {
    const strategy = strategies.get(DEFAULT_STRATEGY);
    if (strategy === undefined) throw new Error('Invariant failed: default strategy missing');
    if (!Number.isInteger(args.workers) || args.workers < 1)
      throw new UsageError(`--workers ${args.workers}: use a whole number ≥ 1`);
    if (!Number.isInteger(args['block-minutes']) || args['block-minutes'] < 1)
      throw new UsageError('--block-minutes: use a whole number ≥ 1');
    const startedAt = Date.now();
    const progress = progressReporter(!args.json);
    const results = await runWalkforward({
      strategy,
      strategyModule: strategyModuleOf(strategy.name),
      dataDir: args['data-dir'],
      configDir: args['config-dir'],
      symbols: symbolsOf(args.symbols),
      hours: args.hours,
      everyMs: parseDurationMs(args.every, '--every'),
      ...(args.from !== undefined ? { from: parseInstant(args.from, '--from') } : {}),
      ...(args.to !== undefined ? { to: parseInstant(args.to, '--to') } : {}),
      ...(args.grid !== undefined ? { gridFile: readGridFile(args.grid, strategy) } : {}),
      promotionDelayMs: parseDurationMs(args['promotion-delay'], '--promotion-delay'),
      workers: args.workers,
      blockMs: args['block-minutes'] * 60_000,
      fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
      verdict: readVerdictConfigFile(args['verdict-config']),
      ...(args.cache ? { cacheDir: args['cache-dir'] ?? join(args.out, '.walkforward-cache') } : {}),
      onProgress: (s, k, n, d, t) => progress.update(s, k * t + d, n * t),
    });
    progress.stop();
    const run = runInfoOf({
      runId: walkforwardRunId(args.out, startedAt, results.fingerprint),
      startedAt,
      workers: args.workers,
      dataDir: args['data-dir'],
      tz: args.tz,
      fingerprint: results.fingerprint,
    });
    const paths = writeWalkforwardRun(args.out, results, run);
    if (args.json) {
      sayJson({
        runId: run.runId,
        fingerprint: results.fingerprint,
        paths,
        symbols: results.symbols.map((s) => ({ symbol: s.symbol, steps: s.steps.length, totals: s.totals })),
      });
      return;
    }
    for (const s of results.symbols) {
      const first = s.steps[0];
      const last = s.steps[s.steps.length - 1];
      say(
        `walk-forward ${s.symbol}: ${s.steps.length} steps ${first ? formatInstant(first.t) : ''} → ${last ? formatInstant(last.outOfSample.to) : ''}, ${s.grid.distinctSets} sets`,
      );
      for (const [name, t] of Object.entries(s.totals))
        say(
          `  ${name.padEnd(10)} net ${t.netPnl.toFixed(2).padStart(9)}  trades ${String(t.trades).padStart(5)}  max drawdown ${t.maxDrawdown.toFixed(2)}`,
        );
      for (const h of s.headline) say(`  ${h}`);
    }
    say(`report: ${paths.html}\nresults: ${paths.results}`);
  },
};
