/**
 * `coinbot missed --symbol ETH --from T --to T --journal FILE [--data-dir DIR] [--json]`: the
 * trades an outage cost (engine/checks/missed.ts), with the journal's own parameters (its last
 * segment) on the cached candles.
 */
import { existsSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { journalSegments } from '../../engine/checks/journal-segments.js';
import { missedTrades } from '../../engine/checks/missed.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { ConfigError, DataError, UsageError } from '../../engine/errors.js';
import { journalCandles, readJournal } from '../../engine/live/journal.js';
import { fetchAccountFills } from '../../engine/exchange/account-fills.js';
import { loadApiKeys } from '../../engine/exchange/api-keys.js';
import { createExchange, resolveExchangeUrl } from '../../engine/exchange/exchange-factory.js';
import { runStartupGuard } from '../../engine/exchange/guard.js';
import { LIVE_SETTINGS } from '../../engine/live/live-config.js';
import { readEnvFile } from '../../engine/config/env-file.js';
import { resolveParams } from '../../engine/config/resolve-params.js';
import { parseExchangeInfo } from '../../engine/data/market-facts-store.js';
import type { AnyStrategy } from '../../engine/strategy.js';
import { loadCachedInputs } from '../../engine/sim/load-inputs.js';
import type { ExecutionParams } from '../../engine/strategy.js';
import { baseOf, normaliseSymbol, type PerpSymbol } from '../../engine/symbols.js';
import { formatInstant, formatRange, parseInstant, type TimeRange } from '../../engine/time.js';
import { DEFAULT_STRATEGY, strategies } from '../../strategies/index.js';
import { say, sayJson } from '../output.js';

interface Args {
  symbol: string;
  from: string;
  to: string;
  journal?: string;
  exchange: boolean;
  'exchange-url'?: string;
  params?: string;
  'data-dir': string;
  json: boolean;
}

/** Live's record from its journal: its own parameters, the candles it decided on, its fills. */
function fromJournal(path: string) {
  if (!existsSync(path)) throw new DataError(`${path}: no such journal`);
  const entries = readJournal(path);
  const seg = journalSegments(entries).at(-1);
  if (seg === undefined) throw new DataError(`${path}: the journal has no start line`);
  return {
    strategy: seg.strategy,
    params: seg.params as unknown as ExecutionParams,
    // Replayed candles fed the indicators but were not decided on: only live ones count as consumed.
    candles: journalCandles(entries.filter((e) => e.t !== 'candle' || e.phase === 'live')),
    fills: seg.fills,
  };
}

/** Live's record from the account: the fills Binance reports (`userTrades`), with the live parameter file. */
async function fromExchange(a: Args, symbol: PerpSymbol, window: TimeRange) {
  const strategy = DEFAULT_STRATEGY;
  const file = a.params ?? `config/live/${baseOf(symbol)}.env`;
  const s = strategies.get(strategy) as AnyStrategy;
  const { params } = resolveParams(s, [readEnvFile(file)], ['SYMBOL', ...LIVE_SETTINGS.names]);
  const keys = loadApiKeys();
  if (keys === undefined)
    throw new ConfigError('--exchange needs BINANCE_API_KEY/BINANCE_API_SECRET or COINBOT_KEY_FILE');
  const ex = await createExchange({ exchangeUrl: resolveExchangeUrl(a['exchange-url']), keys });
  await runStartupGuard(ex, [symbol]);
  const [facts] = parseExchangeInfo({ serverTime: Date.now(), symbols: [ex.market(symbol).info] }, 'exchangeInfo');
  if (facts === undefined) throw new ConfigError(`${symbol}: no market facts on the exchange`);
  return {
    strategy,
    params: params as ExecutionParams,
    candles: null,
    fills: await fetchAccountFills(ex, facts, window),
  };
}

export const missedCommand: CommandModule<object, Args> = {
  command: 'missed',
  describe: 'What the simulator would have traded in a window against what live did: missed candles and missed trades',
  builder: (y) =>
    y
      .option('symbol', { type: 'string', demandOption: true })
      .option('from', { type: 'string', demandOption: true, describe: 'window start (ISO with zone, date or ms)' })
      .option('to', { type: 'string', demandOption: true, describe: 'window end, exclusive' })
      .option('journal', {
        type: 'string',
        describe: 'the live journal (<data-dir>/state/<BASE>-<mode>.journal.jsonl)',
      })
      .option('exchange', {
        type: 'boolean',
        default: false,
        describe: "instead of a journal: the account's fills on Binance (needs keys)",
      })
      .option('exchange-url', { type: 'string', describe: 'base URL override (testnet, proxy, the loopback fake)' })
      .option('params', {
        type: 'string',
        describe: 'with --exchange: the parameter file (default config/live/<BASE>.env)',
      })
      .option('data-dir', {
        type: 'string',
        default: DEFAULT_DATA_DIR,
        describe: 'data dir with the cached candles of the window',
      })
      .option('json', { type: 'boolean', default: false }) as never,
  handler: async (a) => {
    const window = { from: parseInstant(a.from, '--from'), to: parseInstant(a.to, '--to') };
    if (!(window.to > window.from)) throw new UsageError('--to must be after --from');
    if ((a.journal === undefined) === !a.exchange) throw new UsageError('give either --journal FILE or --exchange');
    const symbol = normaliseSymbol(a.symbol);
    const live = a.journal !== undefined ? fromJournal(a.journal) : await fromExchange(a, symbol, window);
    const strategy = strategies.get(live.strategy);
    if (strategy === undefined) throw new ConfigError(`strategy '${live.strategy}' is not registered here`);
    const inputs = loadCachedInputs(a['data-dir'], symbol, String(live.params.TIMEFRAME));
    const r = await missedTrades({
      strategy,
      params: live.params,
      inputs,
      window,
      journalCandles: live.candles,
      journalFills: live.fills,
    });
    if (a.json) return sayJson(r);
    say(
      `missed ${formatRange(window)}: ${r.missedCandleCount} candles not consumed in ${r.missedCandles.length} range(s)`,
    );
    for (const g of r.missedCandles) say(`  down ${formatRange(g)}`);
    const net = (ts: readonly { netPnl: number }[]) => ts.reduce((s, t) => s + t.netPnl, 0).toFixed(2);
    say(`expected ${r.expected.length} trades (${net(r.expected)} USDT), made ${r.made.length} (${net(r.made)} USDT)`);
    for (const t of r.missed)
      say(`  missed: ${t.side} signal ${formatInstant(t.signalTs ?? t.entryTs)}, net ${t.netPnl.toFixed(2)} USDT`);
    say(`missed trades: ${r.missed.length}, net ${r.missedNetPnl.toFixed(2)} USDT`);
  },
};
