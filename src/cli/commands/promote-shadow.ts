/**
 * `coinbot promote --require-shadow 24h`: the set being promoted must have run in the shadow
 * instance (`coinbot-shadow@<SYM>`) for at least that long with a healthy record (see
 * engine/checks/shadow-record.ts), and with the set's values on every key the promotion writes.
 * A refusal is one line, exit 78, saying what the record showed.
 */
import { parseEnvFile } from '../../engine/config/env-file.js';
import { ConfigError } from '../../engine/errors.js';
import { parseDurationMs } from '../../engine/promote/duration.js';
import type { PromotePlan } from '../../engine/promote/promote-plan.js';
import type { AnyStrategy } from '../../engine/strategy.js';
import { baseOf, type PerpSymbol } from '../../engine/symbols.js';
import { candidateParams, describeShadow, loadShadow } from './shadow-load.js';
import { HOUR_MS } from '../../engine/time.js';

/**
 * Checks the shadow record of the set `plan` promotes; returns the line to print when it passes.
 * @throws ConfigError (exit 78) when there is no healthy record that long of that set.
 */
export async function requireShadow(o: {
  within: string;
  plan: PromotePlan;
  symbol: PerpSymbol;
  strategy: AnyStrategy;
  dataDir: string;
  target: string;
  now: number;
}): Promise<string> {
  const hours = parseDurationMs(o.within, '--require-shadow') / HOUR_MS;
  const base = baseOf(o.symbol);
  const loaded = await loadShadow({
    dataDir: o.dataDir,
    symbol: o.symbol,
    strategy: o.strategy,
    candidate: candidateParams(o.strategy, parseEnvFile(o.plan.newText, o.target), o.symbol),
    compareKeys: Object.keys(o.plan.to),
    requiredHours: hours,
    now: o.now,
  });
  if (loaded === null)
    throw new ConfigError(
      `promote refused: --require-shadow ${o.within}: no shadow record of ${base} in ${o.dataDir}; run ${o.plan.setId} in coinbot-shadow@${base} first`,
    );
  const r = loaded.record;
  if (!r.healthy)
    throw new ConfigError(
      `promote refused: --require-shadow ${o.within}: the shadow record of ${o.plan.setId} is not healthy (${r.problems.join('; ')}): ${describeShadow(r)}`,
    );
  return `shadow: ${describeShadow(r)} — healthy for ${o.within}`;
}
