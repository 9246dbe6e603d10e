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
import { loadCachedInputs } from '../../engine/sim/load-inputs.js';
import type { ExecutionParams } from '../../engine/strategy.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { formatInstant, formatRange, parseInstant } from '../../engine/time.js';
import { strategies } from '../../strategies/index.js';
import { say, sayJson } from '../output.js';

interface Args {
  symbol: string;
  from: string;
  to: string;
  journal: string;
  'data-dir': string;
  json: boolean;
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
        demandOption: true,
        describe: 'the live journal (<data-dir>/state/<BASE>-<mode>.journal.jsonl)',
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
    if (!existsSync(a.journal)) throw new DataError(`${a.journal}: no such journal`);
    const entries = readJournal(a.journal);
    const seg = journalSegments(entries).at(-1);
    if (seg === undefined) throw new DataError(`${a.journal}: the journal has no start line`);
    const strategy = strategies.get(seg.strategy);
    if (strategy === undefined) throw new ConfigError(`strategy '${seg.strategy}' is not registered here`);
    const params = seg.params as unknown as ExecutionParams;
    const inputs = loadCachedInputs(a['data-dir'], normaliseSymbol(a.symbol), String(params.TIMEFRAME));
    const r = await missedTrades({
      strategy,
      params,
      inputs,
      window,
      // Replayed candles fed the indicators but were not decided on: only live ones count as consumed.
      journalCandles: journalCandles(entries.filter((e) => e.t !== 'candle' || e.phase === 'live')),
      journalFills: seg.fills,
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
