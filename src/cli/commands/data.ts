/** `coinbot data ls|export`: what the cache holds, and CSV export of cached candles. */
import type { Argv, CommandModule } from 'yargs';
import { summariseCache, type CandleSetSummary } from '../../engine/data/data-summary.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { exportCandlesCsv } from '../../engine/data/export-csv.js';
import { formatInstant, makeRange, parseInstant } from '../../engine/time.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { say, sayJson } from '../output.js';

function row(s: CandleSetSummary): string {
  const f = s.funding;
  const funding =
    f === null ? '-' : f.eventsInRange === 0 ? 'none' : `${f.eventsInRange} events${f.covers ? '' : ' (partial)'}`;
  return [
    s.symbol,
    s.timeframe,
    s.kind,
    formatInstant(s.first),
    formatInstant(s.last),
    String(s.count),
    `${s.gaps.length} (${s.missing} missing)`,
    String(s.zeroVolume),
    funding,
  ].join('\t');
}

const ls: CommandModule<object, { 'data-dir': string; json: boolean }> = {
  command: 'ls',
  describe:
    'Per symbol and timeframe: first and last candle (open times, UTC), count, gaps, zero-volume candles, funding coverage',
  builder: (y) =>
    y
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR })
      .option('json', { type: 'boolean', default: false }) as never,
  handler: (args) => {
    const rows = summariseCache(args['data-dir']);
    if (args.json) {
      sayJson(rows);
      return;
    }
    if (rows.length === 0) {
      say(`cache in ${args['data-dir']} is empty: run 'coinbot import' or 'coinbot fetch'`);
      return;
    }
    say(['symbol', 'tf', 'kind', 'first', 'last', 'count', 'gaps', 'zero-vol', 'funding'].join('\t'));
    for (const r of rows) say(row(r));
  },
};

interface ExportArgs {
  symbol: string;
  timeframe: string;
  from?: string;
  to?: string;
  out?: string;
  'data-dir': string;
}

const exportCmd: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'Write cached candles as ccxt CSV (timestamp,open,high,low,close,volume) to --out or stdout',
  builder: (y) =>
    y
      .option('symbol', { type: 'string', demandOption: true })
      .option('timeframe', { type: 'string', default: '1m' })
      .option('from', { type: 'string', describe: 'first open time, inclusive (ISO with Z, date, or ms)' })
      .option('to', { type: 'string', describe: 'end, exclusive' })
      .option('out', { type: 'string', describe: 'output file (written atomically); default stdout' })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR }) as never,
  handler: (args) => {
    const range =
      args.from !== undefined || args.to !== undefined
        ? makeRange(
            args.from !== undefined ? parseInstant(args.from, '--from') : 0,
            args.to !== undefined ? parseInstant(args.to, '--to') : Number.MAX_SAFE_INTEGER,
            '--from/--to',
          )
        : undefined;
    const n = exportCandlesCsv(args['data-dir'], normaliseSymbol(args.symbol), args.timeframe, range, args.out);
    if (args.out !== undefined) say(`${n} candles written to ${args.out}`);
  },
};

export const dataCommand: CommandModule = {
  command: 'data <action>',
  describe: 'Inspect and export the candle cache',
  builder: (y: Argv) => y.command(ls).command(exportCmd).demandCommand(1),
  handler: () => undefined,
};
