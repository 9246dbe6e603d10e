/**
 * `coinbot promote --restart`: restarts `coinbot@<BASE>` only when the promoted file is that
 * unit's EnvironmentFile and the unit's state file shows it flat (no position, no resting entry,
 * no exit in flight). `--when-flat` drains it first, waits until the state shows flat, removes
 * the drain flag and restarts. `COINBOT_SYSTEMCTL` replaces the `systemctl` binary (tests).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../engine/data/atomic-write.js';
import { ConfigError, TransientError } from '../../engine/errors.js';
import { LiveStateStore, type LiveMode } from '../../engine/live/live-state.js';
import { baseOf, type PerpSymbol } from '../../engine/symbols.js';
import { HOUR_MS } from '../../engine/time.js';
import { say } from '../output.js';

/** Where the unit lives. */
export interface UnitPlace {
  readonly symbol: PerpSymbol;
  /** The unit's EnvironmentFile, e.g. /etc/coinbot/ETH.env. */
  readonly envFile: string;
  readonly dataDir: string;
  readonly mode: LiveMode;
}

/** Why the unit is not flat, or null when it is (a unit that never ran is flat). */
export function notFlatReason(p: UnitPlace): string | null {
  const store = new LiveStateStore(p.dataDir, p.symbol, p.mode);
  const doc = store.load();
  if (doc === null) return null;
  const r = doc.runner;
  if (r.entryTs !== null) return `a position is open (${store.path})`;
  if (r.entry !== null) return `an entry order is resting (${store.path})`;
  if (r.exit !== null) return `an exit is in flight (${store.path})`;
  return null;
}

function systemctlRestart(unit: string): void {
  execFileSync(process.env.COINBOT_SYSTEMCTL ?? 'systemctl', ['restart', unit], { stdio: 'inherit' });
}

/**
 * Restarts the unit after a promotion, or refuses (78) with the way forward.
 * @param whenFlat drain, wait (polling every `pollMs`, at most `timeoutMs`), then restart.
 */
export async function restartUnit(
  target: string,
  p: UnitPlace,
  whenFlat: boolean,
  poll = { pollMs: 10_000, timeoutMs: 6 * HOUR_MS },
): Promise<void> {
  const unit = `coinbot@${baseOf(p.symbol)}`;
  if (resolve(target) !== resolve(p.envFile))
    throw new ConfigError(
      `--restart refused: ${target} is not ${unit}'s EnvironmentFile (${p.envFile}); restarting would not load it`,
    );
  let why = notFlatReason(p);
  if (why !== null && !whenFlat)
    throw new ConfigError(
      `--restart refused: ${unit} is not flat: ${why}; use --when-flat to drain it and restart once flat`,
    );
  if (why !== null) {
    const store = new LiveStateStore(p.dataDir, p.symbol, p.mode);
    writeFileAtomic(
      store.drainPath,
      `${JSON.stringify({ since: new Date().toISOString(), reason: 'promote --when-flat' })}\n`,
    );
    say(`draining ${unit} until flat (${why})`);
    const until = Date.now() + poll.timeoutMs;
    while (why !== null) {
      if (Date.now() > until)
        throw new TransientError(`${unit} still not flat after the --when-flat wait: ${why}; it stays drained`);
      await new Promise((r) => setTimeout(r, poll.pollMs));
      why = notFlatReason(p);
    }
    rmSync(store.drainPath, { force: true });
  }
  systemctlRestart(unit);
  say(`restarted ${unit}; check it: coinbot health --unit ${unit}`);
}
