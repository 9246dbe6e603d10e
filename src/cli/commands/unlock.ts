/**
 * `coinbot unlock --symbol ETH [--mode real] [--data-dir DIR]`: clears the protective-exit
 * lockout of one unit (after 3 protective exits in 24 h real mode sends no new entries until a
 * human has looked). Writes `<data-dir>/state/<BASE>-<mode>.unlock` atomically; the running unit
 * reads its time before every entry (no restart needed). Exits and brackets were never locked.
 */
import type { CommandModule } from 'yargs';
import { writeFileAtomic } from '../../engine/data/atomic-write.js';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { LiveStateStore, type LiveMode } from '../../engine/live/live-state.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { say } from '../output.js';

interface Args {
  symbol: string;
  mode: LiveMode;
  'data-dir': string;
}

export const unlockCommand: CommandModule<object, Args> = {
  command: 'unlock',
  describe: 'Clear the protective-exit lockout of a live unit (after a human has looked at why its stops failed)',
  builder: (y) =>
    y
      .option('symbol', { type: 'string', demandOption: true, describe: 'e.g. ETH' })
      .option('mode', { choices: ['paper', 'real'] as const, default: 'real' as LiveMode })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR, describe: "the unit's data dir" })
      .example('$0 unlock --symbol ETH --data-dir /var/lib/coinbot', 'let coinbot@ETH enter again') as never,
  handler: (args) => {
    const store = new LiveStateStore(args['data-dir'], normaliseSymbol(args.symbol), args.mode);
    writeFileAtomic(store.unlockPath, `${new Date().toISOString()}\n`, 0o644);
    say(`unlocked ${store.id}: protective exits before now no longer block entries (${store.unlockPath})`);
  },
};
