/**
 * `coinbot backtest --symbol ETH [--params config/live/ETH.env] [--set KEY=VAL ...] [--from ...]
 * [--to ...] [--json] [--trades out.csv] [--data-dir DIR]`: one deterministic backtest of one
 * parameter set over cached data. Parameters: strategy defaults, then the env file, then each
 * `--set`. Default window: the whole cached range after the warm-up. A human summary by default;
 * `--json` prints the full document (engine/sim/result-json.ts).
 */
import type { CommandModule } from 'yargs';
import { readEnvFile, parseSetArgs, type EnvEntry } from '../../engine/config/env-file.js';
import { describeRange, type ParamSpec } from '../../engine/config/param-spec.js';
import { resolveParams } from '../../engine/config/resolve-params.js';
import { LIVE_SETTINGS } from '../../engine/live/live-config.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { writeFileAtomic } from '../../engine/data/atomic-write.js';
import { ConfigError, UsageError } from '../../engine/errors.js';
import { backtestFingerprint } from '../../engine/fingerprint/fingerprint.js';
import { gitRevision } from '../../engine/git-revision.js';
import { runBacktest, type BacktestInput, type BacktestResult } from '../../engine/sim/backtest.js';
import { loadCachedInputs, resolveWindow } from '../../engine/sim/load-inputs.js';
import { factsSourceLine } from '../../engine/data/bundled-facts.js';
import { backtestJson, tradesCsv } from '../../engine/sim/result-json.js';
import type { AnyStrategy } from '../../engine/strategy.js';
import { normaliseSymbol, type PerpSymbol } from '../../engine/symbols.js';
import { formatInstant, formatRange } from '../../engine/time.js';
import { DEFAULT_STRATEGY } from '../../strategies/index.js';
import { strategyOf } from '../strategy-of.js';
import { say, sayJson } from '../output.js';

interface Args {
  symbol?: string;
  params?: string;
  set: string[];
  from?: string;
  to?: string;
  json: boolean;
  trades?: string;
  'data-dir': string;
  strategy: string;
  warmup?: number;
  'taker-fee-pct': number;
  'maker-fee-pct': number;
  'list-params': boolean;
}

function symbolOf(flag: string | undefined, fromFile: string | undefined, paramsPath: string | undefined): PerpSymbol {
  const a = flag === undefined ? undefined : normaliseSymbol(flag);
  const b = fromFile === undefined ? undefined : normaliseSymbol(fromFile);
  if (a !== undefined && b !== undefined && a !== b) {
    throw new ConfigError(
      `--symbol ${a} contradicts SYMBOL=${b} in ${paramsPath}: drop --symbol or use the ${b} parameter file`,
    );
  }
  const s = a ?? b;
  if (s === undefined)
    throw new UsageError('name the symbol: --symbol ETH, or a --params file with SYMBOL=ETH/USDT:USDT');
  return s;
}

function paramTable(strategy: AnyStrategy): string {
  const specs = strategy.params.specs as Record<string, ParamSpec>;
  const lines = (strategy.params.names as string[]).map(
    (n) =>
      `${n.padEnd(22)} ${describeRange(specs[n] as ParamSpec)}\n${' '.repeat(23)}${(specs[n] as ParamSpec).description}`,
  );
  return [`parameters of ${strategy.name} (env-file keys; SYMBOL is also accepted):`, ...lines].join('\n');
}

const MARK_SOURCE = {
  mark: 'mark-price candles',
  'last-close': 'last close',
  mixed: 'mark-price candles, else last close',
  none: 'none',
} as const;
const pct = (x: number | null, digits = 1) => (x === null ? 'n/a' : `${(x * 100).toFixed(digits)} %`);
const usdt = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(2)}`;

function summary(r: BacktestResult, fingerprint: string, revision: string, defaults: Record<string, unknown>): string {
  const m = r.metrics;
  const w = r.window;
  const changed = Object.entries(r.params)
    .filter(([k, v]) => defaults[k] !== v)
    .map(([k, v]) => `${k}=${String(v)}`);
  const funding =
    r.funding.status === 'not modelled'
      ? 'funding not modelled (no funding history cached for the window)'
      : `funding paid ${usdt(m.funding)} USDT (${r.funding.status}, ${r.funding.payments.length} payments, mark price: ${MARK_SOURCE[r.funding.markSource]})`;
  return [
    `backtest ${r.strategy.name} ${r.symbol} ${r.timeframe} ${formatRange({ from: w.from, to: w.to })}: ${w.candles} candles + ${w.warmupCandles} warm-up${w.missingCandles > 0 ? `, ${w.missingCandles} missing` : ''}`,
    `params: ${changed.length > 0 ? changed.join(' ') : 'all defaults'}  (slippage ${r.sim.slippageBps} bps, taker ${pct(r.sim.takerFeeRate, 3)}, maker ${pct(r.sim.makerFeeRate, 3)})`,
    `trades ${m.trades} (long ${m.longTrades}, short ${m.shortTrades}), win rate ${pct(m.winRate)}, refused signals ${r.refusals.length}`,
    `gross ${usdt(m.grossPnl)} USDT, fees ${m.fees.toFixed(2)} (${pct(m.feesShareOfGross, 0)} of gross), ${funding}`,
    `net ${usdt(m.netPnl)} USDT = ${pct(m.returnOnNotional, 2)} of the ${r.params.ORDER_NOTIONAL_USDT} USDT notional; not trading: ${usdt(r.flat.netPnl)} USDT`,
    `max drawdown ${m.maxDrawdown.toFixed(2)} USDT (${pct(m.maxDrawdownOfNotional)}), profit factor ${m.profitFactor?.toFixed(2) ?? 'n/a'}, expectancy ${m.expectancy === null ? 'n/a' : usdt(m.expectancy)} USDT/trade`,
    `exposure ${pct(m.exposure)}, average hold ${m.avgHoldS === null ? 'n/a' : `${(m.avgHoldS / 60).toFixed(1)} min`}, Sharpe ${m.sharpe?.toFixed(2) ?? 'n/a'} (per-minute returns, ×√525600)`,
    `fingerprint ${fingerprint} (git ${revision}; first trade ${r.trades[0] ? formatInstant(r.trades[0].entryTs) : 'none'})`,
  ].join('\n');
}

export const backtestCommand: CommandModule<object, Args> = {
  command: 'backtest',
  describe: 'Backtest one parameter set on cached candles with the shared runner and the pessimistic simulator',
  builder: (y) =>
    y
      .option('symbol', { type: 'string', describe: 'e.g. ETH, ETHUSDT, ETH/USDT:USDT (default: SYMBOL in --params)' })
      .option('params', {
        type: 'string',
        describe: 'env file of parameters (KEY=VALUE lines), e.g. config/live/ETH.env',
      })
      .option('set', {
        type: 'string',
        array: true,
        default: [],
        describe: 'override one parameter, KEY=VALUE (repeatable; after --params)',
      })
      .option('from', {
        type: 'string',
        describe:
          'window start, first candle open time (ISO with Z, date, or ms); default: first cached candle + warm-up',
      })
      .option('to', { type: 'string', describe: 'window end, exclusive; default: close of the last cached candle' })
      .option('json', { type: 'boolean', default: false, describe: 'print the full result as JSON' })
      .option('trades', { type: 'string', describe: 'also write the trades as CSV to this file' })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR, describe: 'data dir holding cache/' })
      .option('strategy', { type: 'string', default: DEFAULT_STRATEGY, describe: 'registered strategy' })
      .option('warmup', {
        type: 'number',
        describe: "candles before the window that feed the indicators (default: the strategy's warm-up for the params)",
      })
      .option('taker-fee-pct', { type: 'number', default: 0.05, describe: 'taker fee, % of notional' })
      .option('maker-fee-pct', { type: 'number', default: 0.02, describe: 'maker fee, % of notional' })
      .option('list-params', {
        type: 'boolean',
        default: false,
        describe: 'list the parameters with ranges and defaults, then exit',
      })
      .example('$0 backtest --params config/live/ETH.env --json', 'the ETH live set over the whole cache')
      .example(
        '$0 backtest --symbol BTC --set ATR_GATE_MULT=1.5 --from 2025-06-01 --to 2025-06-08',
        'one week, one override',
      ) as never,
  handler: async (args) => {
    const strategy = strategyOf(args.strategy);
    if (args['list-params']) {
      say(paramTable(strategy));
      return;
    }
    const layers: EnvEntry[][] = [];
    if (args.params !== undefined) layers.push(readEnvFile(args.params));
    layers.push(parseSetArgs(args.set.map(String)));
    // Live-only settings (LEVERAGE, MARGIN_TYPE) may sit in a unit's parameter file; the simulator ignores them.
    const { params, extras } = resolveParams(strategy, layers, ['SYMBOL', ...LIVE_SETTINGS.names]);
    const symbol = symbolOf(args.symbol, extras.SYMBOL, args.params);
    const fees = { takerFeeRate: args['taker-fee-pct'] / 100, makerFeeRate: args['maker-fee-pct'] / 100 };
    if (!(fees.takerFeeRate >= 0 && fees.makerFeeRate >= 0 && fees.takerFeeRate < 0.01 && fees.makerFeeRate < 0.01)) {
      throw new UsageError('--taker-fee-pct and --maker-fee-pct must be between 0 and 1 (percent of notional)');
    }
    const warmup = args.warmup ?? strategy.warmupCandles(params);
    if (!Number.isInteger(warmup) || warmup < 0)
      throw new UsageError(`--warmup ${args.warmup} is not a whole number of candles ≥ 0`);
    const cached = loadCachedInputs(args['data-dir'], symbol, String(params.TIMEFRAME));
    const input: BacktestInput = {
      ...cached,
      strategy,
      params: params as BacktestInput['params'],
      fees,
      warmupCandles: warmup,
      window: resolveWindow(cached.candles, warmup, args.from, args.to),
    };
    const result = await runBacktest(input);
    const fingerprint = backtestFingerprint(input, result);
    const revision = gitRevision();
    if (args.trades !== undefined) writeFileAtomic(args.trades, tradesCsv(result.trades));
    const factsNote = factsSourceLine(symbol, cached.factsSource);
    if (args.json)
      sayJson({ ...backtestJson(result, fingerprint, { gitRevision: revision }), facts_source: cached.factsSource });
    else say(summary(result, fingerprint, revision, strategy.params.defaults as Record<string, unknown>));
    if (factsNote !== null && !args.json) say(factsNote);
  },
};
