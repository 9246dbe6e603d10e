/**
 * `coinbot drain --symbol ETH [--off] [--mode real] [--data-dir DIR]`: stops a live unit from
 * opening new positions without stopping it. Writes `<data-dir>/state/<BASE>-<mode>.drain`
 * atomically (`--off` removes it); the running unit reads it on every candle and before every
 * entry, so no restart is needed. The open position, its stop and take-profit, max hold and the
 * backstop are still managed to the end — which `systemctl stop` would not do. This is what the
 * `STOP` and `NO EDGE` verdicts recommend.
 */
import { existsSync, rmSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { writeFileAtomic } from '../../engine/data/atomic-write.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { LiveStateStore, type LiveMode } from '../../engine/live/live-state.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { say } from '../output.js';

interface Args {
  symbol: string;
  off: boolean;
  mode: LiveMode;
  'data-dir': string;
  reason?: string;
}

export const drainCommand: CommandModule<object, Args> = {
  command: 'drain',
  describe:
    'Stop a live unit from entering (no restart); its open position and bracket are still managed. --off resumes',
  builder: (y) =>
    y
      .option('symbol', { type: 'string', demandOption: true, describe: 'e.g. ETH' })
      .option('off', { type: 'boolean', default: false, describe: 'remove the drain flag: entries resume' })
      .option('mode', { choices: ['paper', 'real'] as const, default: 'real' as LiveMode })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR, describe: "the unit's data dir" })
      .option('reason', { type: 'string', describe: 'why (written into the flag file)' })
      .example('$0 drain --symbol ETH --data-dir /var/lib/coinbot', 'coinbot@ETH sends no new entries')
      .example('$0 drain --symbol ETH --off --data-dir /var/lib/coinbot', 'coinbot@ETH enters again') as never,
  handler: (args) => {
    const store = new LiveStateStore(args['data-dir'], normaliseSymbol(args.symbol), args.mode);
    if (args.off) {
      const was = existsSync(store.drainPath);
      rmSync(store.drainPath, { force: true });
      say(`${store.id}: drain off${was ? '' : ' (it was not draining)'}: entries resume at the next signal`);
      return;
    }
    const doc = { since: new Date().toISOString(), reason: args.reason ?? null };
    writeFileAtomic(store.drainPath, `${JSON.stringify(doc)}\n`, 0o644);
    say(
      `${store.id}: draining (${store.drainPath}): no new entries from the next candle; the open position and its bracket are still managed. Resume: coinbot drain --symbol ${args.symbol} --off`,
    );
  },
};
