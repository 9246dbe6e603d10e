/** `coinbot symbols <inputs...> [--json]`: normalise symbol spellings to `BASE/USDT:USDT`. */
import type { CommandModule } from 'yargs';
import { normaliseSymbol } from '../../engine/symbols.js';
import { say, sayJson } from '../output.js';

interface Args {
  inputs: string[];
  json: boolean;
}

export const symbolsCommand: CommandModule<object, Args> = {
  command: 'symbols <inputs...>',
  describe: 'Normalise symbols to the USDT-M perpetual form BASE/USDT:USDT (exit 2 on the first one that is not)',
  builder: (y) =>
    y
      .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'e.g. btc ETHUSDT SOL/USDT' })
      .option('json', { type: 'boolean', default: false, describe: 'print a JSON map input → symbol' })
      .example('$0 symbols btc ETH-USDT SOLUSDT', 'prints BTC/USDT:USDT, ETH/USDT:USDT, SOL/USDT:USDT') as never,
  handler: (args) => {
    const out = args.inputs.map((input) => ({ input, symbol: normaliseSymbol(String(input)) }));
    if (args.json) sayJson(out);
    else for (const o of out) say(`${o.input.trim()}\t${o.symbol}`);
  },
};
