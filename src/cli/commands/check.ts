/**
 * `coinbot check lookahead|warmup --symbol ETH [--strategy NAME] [--params FILE] [--from T] [--to T]
 * [--prefixes N] [--seed S] [--extra N] [--json]`: the trust checks as commands. Exit 0 when the
 * strategy passes, 1 when it fails (the first differing candle, what differed and both values
 * are printed), the usual codes for bad input.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { lookaheadCheck } from '../../engine/checks/lookahead.js';
import { warmupCheck, WARMUP_TOLERANCE } from '../../engine/checks/warmup.js';
import { readEnvFile, type EnvEntry } from '../../engine/config/env-file.js';
import { resolveParams } from '../../engine/config/resolve-params.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { ConfigError, UsageError } from '../../engine/errors.js';
import { LIVE_SETTINGS } from '../../engine/live/live-config.js';
import { loadCachedInputs, resolveWindow } from '../../engine/sim/load-inputs.js';
import type { ExecutionParams } from '../../engine/strategy.js';
import { baseOf, normaliseSymbol } from '../../engine/symbols.js';
import { formatInstant, formatRange } from '../../engine/time.js';
import { DEFAULT_STRATEGY, strategies } from '../../strategies/index.js';
import { say, sayJson } from '../output.js';

interface Args {
  symbol: string;
  strategy: string;
  params?: string;
  from?: string;
  to?: string;
  prefixes: number;
  seed: number;
  extra: number;
  'data-dir': string;
  'config-dir': string;
  json: boolean;
}

const common = (y: Argv) =>
  y
    .option('symbol', { type: 'string', demandOption: true, describe: 'e.g. ETH' })
    .option('strategy', { type: 'string', default: DEFAULT_STRATEGY })
    .option('params', {
      type: 'string',
      describe: 'parameter file (default: <config-dir>/<BASE>.env, else the defaults)',
    })
    .option('from', { type: 'string', describe: 'first decision candle (ISO with zone, date or ms)' })
    .option('to', { type: 'string', describe: 'end, exclusive' })
    .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR })
    .option('config-dir', { type: 'string', default: 'config/live' })
    .option('json', { type: 'boolean', default: false });

/** The strategy, parameters and cached inputs a check runs on. */
function subjectOf(a: Args, extraWarmup: number) {
  const strategy = strategies.get(a.strategy);
  if (strategy === undefined)
    throw new ConfigError(`unknown strategy '${a.strategy}': use one of ${[...strategies.keys()].join(', ')}`);
  const symbol = normaliseSymbol(a.symbol);
  const file = a.params ?? join(a['config-dir'], `${baseOf(symbol)}.env`);
  const layers: EnvEntry[][] = a.params !== undefined || existsSync(file) ? [readEnvFile(file)] : [];
  const { params } = resolveParams(strategy, layers, ['SYMBOL', ...LIVE_SETTINGS.names]);
  const inputs = loadCachedInputs(a['data-dir'], symbol, String(params.TIMEFRAME));
  const window = resolveWindow(inputs.candles, strategy.warmupCandles(params) + extraWarmup, a.from, a.to);
  return { strategy, params: params as ExecutionParams, inputs, window, symbol };
}

const lookahead: CommandModule<object, Args> = {
  command: 'lookahead',
  describe: 'Run the strategy on seeded prefixes of the candles and compare every decision with the full run',
  builder: (y) =>
    common(y)
      .option('prefixes', {
        type: 'number',
        default: 20,
        describe: 'how many prefixes (random cuts and cuts right after signals)',
      })
      .option('seed', { type: 'number', default: 1 }) as never,
  handler: async (a) => {
    if (!Number.isInteger(a.prefixes) || a.prefixes < 1) throw new UsageError('--prefixes: a whole number ≥ 1');
    const s = subjectOf(a, 0);
    const r = await lookaheadCheck(s, a.prefixes, a.seed);
    if (a.json) sayJson({ check: 'lookahead', symbol: s.symbol, window: s.window, ...r, ok: r.findings.length === 0 });
    else {
      say(
        `lookahead ${s.strategy.name} ${s.symbol} ${formatRange(s.window)}: ${r.decisions} decisions, ${r.prefixes} prefixes`,
      );
      const f = r.findings[0];
      say(
        f === undefined
          ? 'PASS: every decision on every prefix equals the full run'
          : `FAIL: the decision at ${formatInstant(f.now)} differs when the data ends at ${formatInstant(f.cutTs)}: ${f.what} full=${f.full} prefix=${f.prefix} (look-ahead)`,
      );
    }
    if (r.findings.length > 0) process.exitCode = 1;
  },
};

const warmup: CommandModule<object, Args> = {
  command: 'warmup',
  describe: 'Compare indicators started at the declared warm-up with indicators started far earlier',
  builder: (y) =>
    common(y).option('extra', {
      type: 'number',
      default: 2000,
      describe: 'candles earlier the long run starts',
    }) as never,
  handler: async (a) => {
    if (!Number.isInteger(a.extra) || a.extra < 1) throw new UsageError('--extra: a whole number of candles ≥ 1');
    const s = subjectOf(a, a.extra);
    const r = await warmupCheck(s, a.extra);
    if (a.json) sayJson({ check: 'warmup', symbol: s.symbol, window: s.window, tolerance: WARMUP_TOLERANCE, ...r });
    else {
      say(
        `warmup ${s.strategy.name} ${s.symbol} ${formatRange(s.window)}: declared ${r.declared} candles, compared with ${r.declared + r.extra}`,
      );
      for (const x of r.indicators)
        say(
          `  ${x.name.padEnd(12)} max relative deviation ${x.maxRelDev.toExponential(2)}${x.maxRelDev > WARMUP_TOLERANCE ? '  > 1e-6' : ''}`,
        );
      const d = r.differingDecisions[0];
      say(
        r.ok
          ? 'PASS: no indicator depends on history before the declared warm-up'
          : `FAIL: ${d === undefined ? 'an indicator deviates beyond 1e-6' : `${r.differingDecisions.length} decisions differ, first at ${formatInstant(d)}`}: declare a longer warm-up`,
      );
    }
    if (!r.ok) process.exitCode = 1;
  },
};

export const checkCommand: CommandModule<object, object> = {
  command: 'check <check>',
  describe: 'Trust checks: look-ahead and warm-up of a strategy on the cached candles',
  builder: (y) =>
    y
      .command(lookahead as never)
      .command(warmup as never)
      .demandCommand(1) as never,
  handler: () => undefined,
};
