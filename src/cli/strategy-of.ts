/** The registered strategy a `--strategy` flag names. */
import { ConfigError } from '../engine/errors.js';
import type { AnyStrategy } from '../engine/strategy.js';
import { strategies } from '../strategies/index.js';

/**
 * The strategy registered under `name`.
 * @throws ConfigError naming the registered strategies when there is none.
 */
export function strategyOf(name: string): AnyStrategy {
  const s = strategies.get(name);
  if (s === undefined)
    throw new ConfigError(`unknown strategy '${name}': use one of ${[...strategies.keys()].join(', ')}`);
  return s;
}
