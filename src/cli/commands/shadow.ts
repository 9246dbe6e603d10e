/**
 * `coinbot shadow report --symbol ETH [--data-dir DIR] [--candidate FILE] [--hours 24] [--json]`:
 * the shadow instance's record since it started with its current parameters (trades, net, fees
 * from `<BASE>-paper-shadow.journal.jsonl`), the live unit's journal over the same candles, its
 * parity with the simulator and whether it is healthy (engine/checks/shadow-record.ts). Exit 0
 * when healthy, 1 when not, 66 without a shadow journal, 78 without a readable candidate file.
 */
import { existsSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { readEnvFile } from '../../engine/config/env-file.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { ConfigError, NoDataError } from '../../engine/errors.js';
import { formatInstant, parseInstant } from '../../engine/time.js';
import { baseOf, normaliseSymbol } from '../../engine/symbols.js';
import { DEFAULT_STRATEGY, strategies } from '../../strategies/index.js';
import { say, sayJson } from '../output.js';
import { candidateParams, describeShadow, loadShadow } from './shadow-load.js';

interface Args {
  action: 'report';
  symbol: string;
  'data-dir': string;
  candidate?: string;
  hours: number;
  json: boolean;
  now?: string;
}

const usd = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

export const shadowCommand: CommandModule<object, Args> = {
  command: 'shadow <action>',
  describe: "Judge a shadow run (coinbot-shadow@<SYM>): its record, the live unit's beside it, parity, health",
  builder: (y) =>
    y
      .positional('action', { choices: ['report'] as const, describe: 'report: the record since it started' })
      .option('symbol', { type: 'string', demandOption: true, describe: 'e.g. ETH' })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR, describe: "the units' data dir" })
      .option('candidate', {
        type: 'string',
        describe: 'the candidate file the shadow should run (default /etc/coinbot/<SYM>.candidate.env)',
      })
      .option('hours', { type: 'number', default: 24, describe: 'hours of candles a healthy record needs' })
      .option('json', { type: 'boolean', default: false })
      .option('now', { type: 'string', describe: 'judge as of this time (ISO/ms; default: the wall clock)' })
      .example(
        '$0 shadow report --symbol ETH --data-dir /var/lib/coinbot',
        'is the candidate ready to promote?',
      ) as never,
  handler: async (a) => {
    const symbol = normaliseSymbol(a.symbol);
    const file = a.candidate ?? `/etc/coinbot/${baseOf(symbol)}.candidate.env`;
    if (!existsSync(file))
      throw new ConfigError(
        `${file}: no candidate file; pass --candidate FILE (what coinbot-shadow@ runs with --params)`,
      );
    const strategy = strategies.get(DEFAULT_STRATEGY);
    if (strategy === undefined) throw new Error('Invariant failed: default strategy missing');
    const loaded = await loadShadow({
      dataDir: a['data-dir'],
      symbol,
      strategy,
      candidate: candidateParams(strategy, readEnvFile(file), symbol),
      requiredHours: a.hours,
      now: a.now === undefined ? Date.now() : parseInstant(a.now, '--now'),
    });
    if (loaded === null)
      throw new NoDataError(
        `no shadow journal for ${baseOf(symbol)} in ${a['data-dir']}/state: start it with systemctl start coinbot-shadow@${baseOf(symbol)}`,
      );
    const r = loaded.record;
    if (a.json) sayJson({ symbol, candidate: file, ...loaded });
    else {
      const span =
        r.from === null || r.to === null ? 'no candles' : `${formatInstant(r.from)} → ${formatInstant(r.to)}`;
      const lines = [
        `shadow ${baseOf(symbol)} (${loaded.shadowJournal}): ${span}`,
        `  ${describeShadow(r)}`,
        r.live === null
          ? '  live unit: no journal'
          : `  live unit (${r.live.mode}, ${loaded.liveJournal ?? ''}) over the same candles: ${r.live.trades} trades, net ${usd(r.live.netPnl)} USDT, fees ${r.live.fees.toFixed(2)}`,
        r.healthy
          ? `HEALTHY: at least ${a.hours} h, ready for promote --require-shadow ${a.hours}h`
          : `NOT HEALTHY: ${r.problems.join('; ')}`,
      ];
      say(lines.join('\n'));
    }
    if (!r.healthy) process.exitCode = 1;
  },
};
