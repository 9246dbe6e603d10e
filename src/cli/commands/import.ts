/** `coinbot import <files...> [--symbol X] [--replace] [--data-dir DIR] [--json]`. */
import type { CommandModule } from 'yargs';
import { importPath, type ImportResult } from '../../engine/data/import/import-file.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { formatInstant } from '../../engine/time.js';
import { say, sayJson } from '../output.js';

interface Args {
  files: string[];
  symbol?: string;
  replace: boolean;
  'data-dir': string;
  json: boolean;
}

function line(r: ImportResult): string {
  const what =
    r.kind === 'exchange-info' ? 'markets' : r.kind.includes('funding') ? 'funding events' : `${r.timeframe} candles`;
  const gaps =
    r.gaps.length === 0
      ? ''
      : `, ${r.gaps.length} gap(s) (${r.gaps.reduce((a, g) => a + g.missing, 0)} missing; first at ${formatInstant(r.gaps[0]?.from ?? 0)})`;
  return `${r.input}: ${r.kind} ${r.symbol}: ${r.rows} ${what}, ${r.added} added, ${r.unchanged} already cached${r.replaced ? `, ${r.replaced} replaced` : ''}${gaps}`;
}

export const importCommand: CommandModule<object, Args> = {
  command: 'import <files...>',
  describe:
    'Import candle CSVs (ccxt or Binance dumps, .csv or .zip), mark-price and funding CSVs, or exchangeInfo JSON into the cache',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true })
      .option('symbol', { type: 'string', describe: 'symbol of candle files whose name does not tell it' })
      .option('replace', {
        type: 'boolean',
        default: false,
        describe: 'let imported values overwrite differing cached ones',
      })
      .option('data-dir', {
        type: 'string',
        default: DEFAULT_DATA_DIR,
        describe: 'data directory (cache in <dir>/cache)',
      })
      .option('json', { type: 'boolean', default: false })
      .example(
        '$0 import ../shared/data/candles/*.csv ../shared/data/funding/*.csv',
        'fill the cache from CSVs',
      ) as never,
  handler: (args) => {
    const results: ImportResult[] = [];
    for (const f of args.files) {
      const r = importPath(args['data-dir'], String(f), {
        ...(args.symbol !== undefined ? { symbol: args.symbol } : {}),
        onConflict: args.replace ? 'replace' : 'refuse',
      });
      results.push(...r);
      if (!args.json) for (const x of r) say(line(x));
    }
    if (args.json) sayJson(results);
  },
};
